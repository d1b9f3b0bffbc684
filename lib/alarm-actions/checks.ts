// Checks of alarm-action inputs shared by the constructs of this folder (not exported from the
// package: jsii exposes classes, interfaces and enums only).
import { Token } from 'aws-cdk-lib';
import { DEFAULT_MAX_DETAILED_EVENTS, MAX_DETAILED_EVENTS_LIMIT } from './notifier-handler/contract';
import { CloudTrailBaselineError } from '../private/errors';
import { requireLiteral } from '../private/props-schema';

/** `maxEventsPerNotification`, checked: a whole number from 1 to 50 (default 10). */
export function checkMaxEvents(property: string, value: number | undefined): number {
  const n = value ?? DEFAULT_MAX_DETAILED_EVENTS;
  requireLiteral(property, n, 'the 1-50 range is checked at synth time');
  if (!Number.isInteger(n) || n < 1 || n > MAX_DETAILED_EVENTS_LIMIT) {
    throw new CloudTrailBaselineError(property, `must be a whole number from 1 to ${MAX_DETAILED_EVENTS_LIMIT} (got ${n})`);
  }
  return n;
}

/**
 * An HTTPS endpoint URL for an SNS subscription: `https://` and a host name. SNS also accepts
 * `http://`, but alarm notifications say who did what in the organization; they travel over TLS
 * only. Tokens are not checked.
 */
export function checkHttpsEndpoint(property: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.hostname === '' || /\s/.test(value)) {
    throw new CloudTrailBaselineError(property, `must be an https:// URL such as 'https://events.example.com/sns' (got '${value}')`);
  }
}

/**
 * The name of a standard SNS topic: 1-256 letters, digits, `-` and `_`. A `.fifo` suffix names a
 * FIFO topic, which takes only SQS FIFO queues as subscribers (no email, HTTPS or Lambda); the
 * topic created here is standard. Tokens are not checked.
 *
 * @see https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
export function checkTopicName(property: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (value.endsWith('.fifo')) {
    throw new CloudTrailBaselineError(property,
      `must not end with '.fifo' (got '${value}'): that names a FIFO topic, which takes only SQS FIFO queues as subscribers; the alarm topic is a standard topic`);
  }
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(value)) {
    throw new CloudTrailBaselineError(property, `must be 1-256 letters, digits, '-' or '_' (SNS topic names; got '${value}')`);
  }
}
