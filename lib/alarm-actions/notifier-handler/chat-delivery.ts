// Posts the notification to every configured chat webhook, in parallel. One webhook failing
// (secret unreadable, HTTP error after retries, timeout) never stops the others. Never throws.

// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChatInput, chatPayload } from './chat';
import { errorText } from './enrich';
import { webhookUrl } from './secrets';
import { ChatWebhook, ChatWebhookKind } from './settings';
import { postJson } from './webhook';

/** What came of one webhook. Holds no URL. */
export interface DeliveryResult {
  readonly kind: ChatWebhookKind;
  readonly secretArn: string;
  readonly delivered: boolean;
  /** HTTP attempts made (0 when the URL could not be read or the payload built). */
  readonly attempts: number;
  readonly status?: number;
  readonly error?: string;
}

/** How to deliver. */
export interface DeliveryOptions {
  readonly timeoutMs: number;
  /** Epoch milliseconds. */
  readonly deadline: number;
  /** Backoff base, for tests. @default 500 */
  readonly baseDelayMs?: number;
}

/** The metric names an alarm event watches, and the detection severity its description names. */
export interface AlarmRoute {
  readonly metricNames: string[];
  readonly severity?: string;
}

/** What routes an alarm event: its metrics' names and the `(severity X)` of its description. */
export function alarmRoute(metrics: unknown, description: string | undefined): AlarmRoute {
  const names = Array.isArray(metrics)
    ? metrics.map((q) => (q as { metricStat?: { metric?: { name?: unknown } } })?.metricStat?.metric?.name).filter((n): n is string => typeof n === 'string')
    : [];
  const severity = /\(severity (CRITICAL|HIGH|MEDIUM|LOW)\)/.exec(description ?? '')?.[1];
  return { metricNames: names, severity };
}

/** Whether a webhook receives an alarm: no filter, a detection's metric, or a severity it names. */
export function webhookReceives(webhook: ChatWebhook, route: AlarmRoute): boolean {
  if (webhook.metricNames === undefined && webhook.severities === undefined) return true;
  if (webhook.metricNames?.some((n) => route.metricNames.includes(n))) return true;
  return route.severity !== undefined && (webhook.severities?.includes(route.severity) ?? false);
}

/** Posts `input` to each webhook. */
export async function deliverToChats(
  secrets: SecretsManagerClient, webhooks: ChatWebhook[], input: ChatInput, options: DeliveryOptions,
): Promise<DeliveryResult[]> {
  return Promise.all(webhooks.map((webhook) => deliver(secrets, webhook, input, options)));
}

async function deliver(
  secrets: SecretsManagerClient, webhook: ChatWebhook, input: ChatInput, options: DeliveryOptions,
): Promise<DeliveryResult> {
  const base = { kind: webhook.kind, secretArn: webhook.secretArn };
  let url: string;
  let body: unknown;
  try {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) {
      return { ...base, delivered: false, attempts: 0, error: 'no time left to read the webhook secret' };
    }
    url = await webhookUrl(secrets, webhook.secretArn, { abortSignal: AbortSignal.timeout(Math.min(remaining, options.timeoutMs)) });
  } catch (e) {
    return { ...base, delivered: false, attempts: 0, error: `webhook URL from Secrets Manager: ${errorText(e)}` };
  }
  try {
    body = chatPayload(webhook.kind, input);
  } catch (e) {
    return { ...base, delivered: false, attempts: 0, error: `building the ${webhook.kind} message: ${errorText(e)}` };
  }
  const result = await postJson(url, body, {
    timeoutMs: options.timeoutMs,
    deadline: options.deadline,
    baseDelayMs: options.baseDelayMs,
  });
  return { ...base, delivered: result.ok, attempts: result.attempts, status: result.status, error: result.error };
}
