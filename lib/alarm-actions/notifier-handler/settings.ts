// Reads the notifier's settings from its environment (see contract.ts for the variables). Pure:
// the environment is passed in, so it is tested without touching process.env.

import {
  CHAT_WEBHOOK_KINDS,
  CHAT_WEBHOOKS_ENV,
  DEFAULT_MAX_DETAILED_EVENTS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  LOG_GROUP_NAME_ENV,
  MAX_DETAILED_EVENTS_LIMIT,
  MAX_EVENTS_ENV,
  TOPIC_ARN_ENV,
  WEBHOOK_TIMEOUT_MS_ENV,
} from './contract';

/** A kind of chat webhook. */
export type ChatWebhookKind = typeof CHAT_WEBHOOK_KINDS[number];

/** One chat webhook of `CHAT_WEBHOOKS`. */
export interface ChatWebhook {
  readonly kind: ChatWebhookKind;
  /** The Secrets Manager secret that holds the webhook URL. */
  readonly secretArn: string;
  /** Only alarms on these metrics (the detections' metric names)... */
  readonly metricNames?: string[];
  /** ...or of detections with these severities. Neither: every alarm. */
  readonly severities?: string[];
}

/** The notifier's settings. */
export interface Settings {
  readonly topicArn: string;
  /** `LOG_GROUP_NAME`: scopes the metric filter search, and the Logs Insights link's fallback. */
  readonly logGroupName?: string;
  /** How many matching events are described one by one. */
  readonly maxEvents: number;
  readonly webhooks: ChatWebhook[];
  readonly webhookTimeoutMs: number;
  /**
   * Problems with optional settings (each one was replaced by its default or left out). Reported
   * in the log and in the result; they never stop the notification.
   */
  readonly problems: string[];
}

const MIN_WEBHOOK_TIMEOUT_MS = 50;
const MAX_WEBHOOK_TIMEOUT_MS = 30_000;
/** More webhooks than this are ignored: each one costs time within the invocation. */
const MAX_WEBHOOKS = 10;

/**
 * The settings in `env`.
 *
 * @throws Error when `TOPIC_ARN` is not set: without a topic, nothing can be published.
 */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const topicArn = env[TOPIC_ARN_ENV]?.trim();
  if (!topicArn) {
    throw new Error(`The alarm notifier needs the environment variable ${TOPIC_ARN_ENV} (the ARN of the SNS topic to publish to); it is not set.`);
  }
  const problems: string[] = [];
  const maxEvents = readInteger(env, MAX_EVENTS_ENV, DEFAULT_MAX_DETAILED_EVENTS, 1, MAX_DETAILED_EVENTS_LIMIT, problems);
  const webhookTimeoutMs = readInteger(env, WEBHOOK_TIMEOUT_MS_ENV, DEFAULT_WEBHOOK_TIMEOUT_MS,
    MIN_WEBHOOK_TIMEOUT_MS, MAX_WEBHOOK_TIMEOUT_MS, problems);
  return {
    topicArn,
    logGroupName: env[LOG_GROUP_NAME_ENV]?.trim() || undefined,
    maxEvents,
    webhooks: readWebhooks(env[CHAT_WEBHOOKS_ENV], problems),
    webhookTimeoutMs,
    problems,
  };
}

function readInteger(
  env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, problems: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name}='${raw.slice(0, 40)}' is not a whole number from ${min} to ${max}; using ${fallback}`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    const clamped = Math.min(max, Math.max(min, value));
    problems.push(`${name}=${raw} is outside ${min}-${max}; using ${clamped}`);
    return clamped;
  }
  return value;
}

function readWebhooks(raw: string | undefined, problems: string[]): ChatWebhook[] {
  if (!raw?.trim()) {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`${CHAT_WEBHOOKS_ENV} is not JSON; no chat webhook is used`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(`${CHAT_WEBHOOKS_ENV} is not a JSON array; no chat webhook is used`);
    return [];
  }
  const webhooks: ChatWebhook[] = [];
  parsed.forEach((entry: unknown, index) => {
    const { kind, secretArn } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof kind !== 'string' || !(CHAT_WEBHOOK_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].kind must be one of ${CHAT_WEBHOOK_KINDS.join(', ')}; entry ignored`);
    } else if (typeof secretArn !== 'string' || !/^arn:[a-z0-9-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/.test(secretArn)) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].secretArn must be the ARN of a Secrets Manager secret; entry ignored`);
    } else if (webhooks.length >= MAX_WEBHOOKS) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}] ignored: at most ${MAX_WEBHOOKS} webhooks`);
    } else {
      const { metricNames, severities } = entry as Record<string, unknown>;
      const list = (value: unknown, field: string): string[] | undefined => {
        if (value === undefined) return undefined;
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
        problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].${field} must be an array of strings; the filter is ignored`);
        return undefined;
      };
      const m = list(metricNames, 'metricNames');
      const v = list(severities, 'severities');
      webhooks.push({ kind: kind as ChatWebhookKind, secretArn, ...(m ? { metricNames: m } : {}), ...(v ? { severities: v } : {}) });
    }
  });
  return webhooks;
}
