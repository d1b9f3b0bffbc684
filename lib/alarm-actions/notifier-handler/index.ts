// The alarm notifier: a Lambda function that CloudWatch alarms invoke directly (Lambda alarm
// action). On ALARM it finds the CloudTrail events behind the alarm (who did what, when, from
// where), publishes a readable notification to an SNS topic, then posts it to chat webhooks.
// EventBridge fast-path rules (`DetectionFastPath`) invoke it too, with one CloudTrail record
// each: it publishes that event's notification (fast-path.ts).
//
// Bundled with esbuild into assets/notifier/index.js at library build time; `@aws-sdk/*` is
// external because the Lambda Node.js runtime (24, the bundle's syntax target is node22) provides the AWS SDK for JavaScript v3.
// Self-contained: imports nothing from the rest of lib/.
//
// Delivery rules:
// - The alarm is never dropped: enrichment failures (throttling after the SDK's retries, access
//   denied, time budget) are reported in the message ("Enrichment failed: <reason>").
// - SNS is published first. If SNS fails, the handler throws before any chat post, so Lambda's
//   retries of the asynchronous invocation (then the dead-letter queue) cover it without
//   duplicate chat messages.
// - A chat webhook that still fails after its retries is logged (level ERROR, message
//   "Chat webhook delivery failed") and reported in the result, but does not fail the invocation:
//   a retry would publish the SNS message again to every subscriber for the sake of one webhook.

// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MAX_MESSAGE_BYTES, renderActivityText, utf8Bytes } from './activity';
import { alarmRoute, deliverToChats, DeliveryResult, webhookReceives } from './chat-delivery';
import { MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE } from './contract';
import { Enrichment, enrichAlarm, errorText } from './enrich';
import { formatFastPathNotification, isFastPathEvent } from './fast-path';
import { AlarmEvent, alarmFacts, formatNotification, isAlarmEvent } from './format';
import { readSettings, Settings } from './settings';

/** What an invocation did. */
export interface NotifierResult {
  /** Whether a notification was published. */
  readonly published: boolean;
  /** The SNS message ID, when published. */
  readonly messageId?: string;
  /** On ALARM: how the search for the events behind the alarm went. */
  readonly enrichment?: {
    readonly status: Enrichment['status'];
    readonly reason?: string;
    readonly matchedEvents: number;
    readonly describedEvents: number;
  };
  /** One entry per chat webhook, when any is configured. */
  readonly webhooks?: DeliveryResult[];
}

/** The part of the Lambda context the handler uses. */
export interface NotifierContext {
  getRemainingTimeInMillis?(): number;
}

/** Kept free at the end of the invocation: SNS publish, logging, the runtime's own work. */
export const SAFETY_MARGIN_MS = 5000;
/** The longest the search for events may take. */
export const MAX_ENRICHMENT_MS = 20_000;
/** Assumed time left when the handler is called without a Lambda context (tests, local runs). */
const DEFAULT_REMAINING_MS = 30_000;

// Created once per execution environment and reused across invocations. Three attempts each;
// adaptive retry (client-side rate limiting) for CloudWatch Logs, whose FilterLogEvents quota is
// low and shared by the account's region.
const sns = new SNSClient({ maxAttempts: 3, retryMode: 'standard' });
const logs = new CloudWatchLogsClient({ maxAttempts: 3, retryMode: 'adaptive' });
const secrets = new SecretsManagerClient({ maxAttempts: 3, retryMode: 'standard' });

/**
 * Publishes a readable notification of a CloudWatch alarm state change to the topic in
 * `TOPIC_ARN`, enriched on ALARM with the matching CloudTrail events, and posts it to the chat
 * webhooks of `CHAT_WEBHOOKS`.
 *
 * @throws Error when `TOPIC_ARN` is not set, or when SNS rejects the message (so that Lambda retries
 * the asynchronous invocation and then sends it to the function's failure destination / DLQ).
 */
export async function handler(event: unknown, context?: NotifierContext): Promise<NotifierResult> {
  const settings = readSettings(process.env);
  if (settings.problems.length > 0) {
    console.warn(JSON.stringify({ level: 'WARN', message: 'Notifier settings ignored or replaced', problems: settings.problems }));
  }

  if (isFastPathEvent(event)) {
    // An EventBridge fast-path event: one CloudTrail record, nothing to search. Published like an
    // alarm notification (same message attribute, so email subscriptions receive it); chat
    // webhooks are left to the alarm that follows (their formats describe an alarm).
    const notification = formatFastPathNotification(event);
    const output = await sns.send(new PublishCommand({
      TopicArn: settings.topicArn,
      Subject: notification.subject,
      Message: notification.message,
      MessageAttributes: {
        [MESSAGE_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: NOTIFICATION_MESSAGE_TYPE },
      },
    }));
    console.log(JSON.stringify({
      message: 'Published fast-path notification',
      detectionId: event.baselineFastPath.detectionId,
      eventId: event.detail.eventID,
      messageId: output.MessageId,
    }));
    return { published: true, messageId: output.MessageId };
  }

  if (!isAlarmEvent(event)) {
    console.warn('Ignoring an event that is not a CloudWatch alarm event (it has no alarmData object).', describe(event));
    return { published: false };
  }

  const startedAt = Date.now();
  const remaining = context?.getRemainingTimeInMillis?.();
  const deadline = startedAt + (typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : DEFAULT_REMAINING_MS) - SAFETY_MARGIN_MS;

  const enrichment = event.alarmData.state?.value === 'ALARM' ? await enrich(event, settings, startedAt, deadline) : undefined;
  const logGroupName = enrichment?.filters[0]?.logGroupName ?? settings.logGroupName;

  // The message without the activity, to know how much room the activity has.
  const bare = formatNotification(event, { logGroupName });
  const activity = renderActivityText(enrichment, MAX_MESSAGE_BYTES - utf8Bytes(bare.message) - 512);
  const notification = activity.length > 0 ? formatNotification(event, { logGroupName, activity }) : bare;

  const output = await sns.send(new PublishCommand({
    TopicArn: settings.topicArn,
    Subject: notification.subject,
    Message: notification.message,
    MessageAttributes: {
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: NOTIFICATION_MESSAGE_TYPE },
    },
  }));

  const result: NotifierResult = {
    published: true,
    messageId: output.MessageId,
    ...(enrichment ? {
      enrichment: {
        status: enrichment.status,
        ...(enrichment.reason ? { reason: enrichment.reason } : {}),
        matchedEvents: enrichment.matched,
        describedEvents: enrichment.events.length,
      },
    } : {}),
  };
  console.log(JSON.stringify({
    message: 'Published alarm notification',
    alarmArn: event.alarmArn,
    state: event.alarmData.state?.value,
    messageId: output.MessageId,
    enrichment: result.enrichment,
  }));

  const route = alarmRoute(event.alarmData.configuration?.metrics, event.alarmData.configuration?.description);
  const receivers = settings.webhooks.filter((w) => webhookReceives(w, route));
  if (receivers.length === 0) {
    return result;
  }
  const webhooks = await deliverToChats(secrets, receivers, {
    facts: alarmFacts(event, logGroupName),
    enrichment,
    text: notification.message,
  }, { timeoutMs: settings.webhookTimeoutMs, deadline });
  for (const failed of webhooks.filter((w) => !w.delivered)) {
    console.error(JSON.stringify({ level: 'ERROR', message: 'Chat webhook delivery failed', alarmArn: event.alarmArn, ...failed }));
  }
  return { ...result, webhooks };
}

/** The enrichment, within min(`MAX_ENRICHMENT_MS`, time left less one webhook timeout). Never throws. */
async function enrich(event: AlarmEvent, settings: Settings, startedAt: number, deadline: number): Promise<Enrichment> {
  const reserve = settings.webhooks.length > 0 ? settings.webhookTimeoutMs : 0;
  try {
    return await enrichAlarm(logs, event, {
      maxEvents: settings.maxEvents,
      deadline: Math.min(startedAt + MAX_ENRICHMENT_MS, deadline - reserve),
      logGroupName: settings.logGroupName,
    });
  } catch (e) {
    // enrichAlarm reports its failures; this is for the unexpected (a bug must not drop the alarm).
    return { status: 'failed', reason: `unexpected error: ${errorText(e)}`, filters: [], events: [], matched: 0, malformed: 0 };
  }
}

/** A short, safe description of an unexpected event for the log: its type and top-level keys. */
function describe(event: unknown): string {
  if (typeof event !== 'object' || event === null) {
    return `type=${event === null ? 'null' : typeof event}`;
  }
  return `keys=${Object.keys(event).slice(0, 20).join(',')}`;
}
