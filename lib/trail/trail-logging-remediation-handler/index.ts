// Restarts logging on a baseline trail after a StopLogging call: EventBridge delivers the
// "AWS API Call via CloudTrail" event of the call (cloudtrail.amazonaws.com, StopLogging, no error),
// and this function calls StartLogging on the trail, if it is one of its trails and is not logging.
// Idempotent: a trail that logs again (or a second delivery of the same event) is left alone.
// An event that names no known trail is refused (thrown: the invocation fails, lands in the
// dead-letter queue, and the function's error alarm fires), never acted on.
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { CloudTrailClient, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { TRAIL_ARNS_ENV } from './contract';

const cloudtrail = new CloudTrailClient({});

/** The part of the EventBridge event the handler reads. */
export interface StopLoggingEvent {
  readonly detail?: {
    readonly eventSource?: string;
    readonly eventName?: string;
    readonly errorCode?: string;
    readonly requestParameters?: { readonly name?: string } | null;
    readonly userIdentity?: { readonly arn?: string };
    readonly eventTime?: string;
  };
}

/** What the function did (also its result, in its log). */
export interface RemediationResult {
  readonly trailArn: string;
  /** `restarted`, or `already-logging` when GetTrailStatus found the trail logging. */
  readonly action: 'restarted' | 'already-logging';
  /** Who stopped the trail (`userIdentity.arn` of the event), when the event says. */
  readonly stoppedBy?: string;
  readonly stoppedAt?: string;
}

/**
 * The trail of `requestParameters.name` (a trail name or ARN) among the known trail ARNs: by ARN,
 * or by name (the last part of the ARN), since StopLogging accepts both.
 */
export function knownTrail(name: string | undefined, trailArns: string[]): string | undefined {
  if (!name) return undefined;
  return trailArns.find((arn) => arn === name || arn.endsWith(`:trail/${name}`));
}

export async function handler(event: StopLoggingEvent): Promise<RemediationResult> {
  const trailArns: string[] = JSON.parse(process.env[TRAIL_ARNS_ENV] ?? '[]');
  const detail = event.detail ?? {};
  if (detail.eventSource !== 'cloudtrail.amazonaws.com' || detail.eventName !== 'StopLogging' || detail.errorCode !== undefined) {
    throw new Error(`not a successful StopLogging call: ${JSON.stringify({ eventSource: detail.eventSource, eventName: detail.eventName, errorCode: detail.errorCode })}`);
  }
  const trailArn = knownTrail(detail.requestParameters?.name, trailArns);
  if (trailArn === undefined) {
    throw new Error(`StopLogging named '${detail.requestParameters?.name}', which is none of this function's trails (${trailArns.join(', ')})`);
  }
  const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: trailArn }));
  const result = { trailArn, stoppedBy: detail.userIdentity?.arn, stoppedAt: detail.eventTime };
  if (status.IsLogging) {
    console.log(JSON.stringify({ ...result, action: 'already-logging' }));
    return { ...result, action: 'already-logging' };
  }
  await cloudtrail.send(new StartLoggingCommand({ Name: trailArn }));
  console.log(JSON.stringify({ ...result, action: 'restarted' }));
  return { ...result, action: 'restarted' };
}
