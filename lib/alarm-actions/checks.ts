// Checks of alarm-action inputs shared by the constructs of this folder (not exported from the
// package: jsii exposes classes, interfaces and enums only).
import { Token } from 'aws-cdk-lib';
import { DEFAULT_MAX_DETAILED_EVENTS, MAX_DETAILED_EVENTS_LIMIT } from './notifier-handler/contract';
import { CloudTrailBaselineError } from '../private/errors';

/** `maxEventsPerNotification`, checked: a whole number from 1 to 50 (default 10). */
export function checkMaxEvents(property: string, value: number | undefined): number {
  const n = value ?? DEFAULT_MAX_DETAILED_EVENTS;
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
