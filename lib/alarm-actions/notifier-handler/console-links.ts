// AWS console links for the alarm notification. Pure functions, no AWS SDK.

/** How far before the state change the Logs Insights link starts searching, in seconds. */
export const LOGS_INSIGHTS_LOOKBACK_SECONDS = 3600;
/** How far after the state change the Logs Insights link keeps searching, in seconds. */
export const LOGS_INSIGHTS_LOOKAHEAD_SECONDS = 300;

/** The Logs Insights query the link opens: the latest CloudTrail events of the log group. */
export const LOGS_INSIGHTS_QUERY = [
  'fields @timestamp, eventSource, eventName, userIdentity.arn, sourceIPAddress, errorCode, recipientAccountId',
  '| sort @timestamp desc',
  '| limit 200',
].join('\n');

/**
 * The console's host for a region: `<region>.console.aws.amazon.com`, in the China regions
 * `<region>.console.amazonaws.cn`, in AWS GovCloud (US) `console.amazonaws-us-gov.com`.
 */
function consoleHost(region: string): string {
  const r = encodeURIComponent(region);
  if (region.startsWith('cn-')) {
    return `${r}.console.amazonaws.cn`;
  }
  if (region.startsWith('us-gov-')) {
    return 'console.amazonaws-us-gov.com';
  }
  return `${r}.console.aws.amazon.com`;
}

function consoleBase(region: string): string {
  return `https://${consoleHost(region)}/cloudwatch/home?region=${encodeURIComponent(region)}`;
}

/**
 * A CloudTrail event in the CloudTrail console's event history
 * (`/cloudtrail/home?region=<region>#/events/<event ID>`). Event history holds the management
 * events of the last 90 days of the account and region the event happened in: the link works for
 * someone signed in to that account (for an organization trail, the member account
 * `recipientAccountId`), not for data events.
 */
export function cloudTrailEventUrl(region: string, eventId: string): string {
  const r = encodeURIComponent(region);
  return `https://${consoleHost(region)}/cloudtrail/home?region=${r}#/events/${encodeURIComponent(eventId)}`;
}

/** The alarm's page in the CloudWatch console. */
export function alarmConsoleUrl(region: string, alarmName: string): string {
  return `${consoleBase(region)}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}

/**
 * A CloudWatch Logs Insights link with the log group selected and a CloudTrail query ready to run,
 * over `[stateTime - 1 hour, stateTime + 5 minutes]` (UTC), or the last 3 hours when the time of
 * the state change is not known.
 *
 * The console's `queryDetail` fragment is undocumented; it is a JSURL-like object
 * (`~(key~value~...)`, strings prefixed with `'`, arrays `~(~item...)`) whose primitive values
 * are URI-encoded with `%` written as `*`; the whole is then `escape()`d, prefixed with
 * `?queryDetail=`, URI-encoded again and `%` written as `$`.
 */
export function logsInsightsConsoleUrl(region: string, logGroupName: string, stateTime?: Date): string {
  const range: Array<[string, JsurlValue]> = stateTime
    ? [
      ['end', new Date(stateTime.getTime() + LOGS_INSIGHTS_LOOKAHEAD_SECONDS * 1000).toISOString()],
      ['start', new Date(stateTime.getTime() - LOGS_INSIGHTS_LOOKBACK_SECONDS * 1000).toISOString()],
      ['timeType', 'ABSOLUTE'],
      ['tz', 'UTC'],
    ]
    : [
      ['end', 0],
      ['start', -3 * 3600],
      ['timeType', 'RELATIVE'],
      ['unit', 'seconds'],
    ];
  const detail = jsurlObject([
    ...range,
    ['editorString', LOGS_INSIGHTS_QUERY],
    ['isLiveTail', false],
    ['source', [logGroupName]],
  ]);
  const fragment = encodeURIComponent(`?queryDetail=${jsEscape(detail)}`).replace(/%/g, '$');
  return `${consoleBase(region)}#logsV2:logs-insights${fragment}`;
}

type JsurlValue = string | number | boolean | string[];

function jsurlPrimitive(value: string | number | boolean): string {
  if (typeof value !== 'string') {
    return String(value);
  }
  // encodeURIComponent leaves !'()*~ alone: they are JSURL syntax, so encode them too.
  const encoded = encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `'${encoded.replace(/%/g, '*')}`;
}

function jsurlValue(value: JsurlValue): string {
  if (Array.isArray(value)) {
    return `~(${value.map((v) => `~${jsurlPrimitive(v)}`).join('')})`;
  }
  return `~${jsurlPrimitive(value)}`;
}

function jsurlObject(entries: Array<[string, JsurlValue]>): string {
  return `~(${entries.map(([key, value]) => `${key}${jsurlValue(value)}`).join('~')})`;
}

/** `escape()` for ASCII input (the input here is already URI-encoded), without the deprecated global. */
function jsEscape(value: string): string {
  return value.replace(/[^A-Za-z0-9@*_+\-./]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
