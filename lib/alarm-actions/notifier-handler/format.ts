// Turns a CloudWatch alarm Lambda-action event into a readable SNS notification (subject and
// plain-text body). Pure: no AWS SDK, no environment access, so it is tested without mocks.
//
// Event shape: "Lambda alarm action payload" in the CloudWatch user guide,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#Lambda-action-payload
// Every field is treated as optional and possibly of the wrong type: a notification with gaps is
// better than none.

import { alarmConsoleUrl, logsInsightsConsoleUrl } from './console-links';

/** A state of the alarm, as in the event. */
export interface AlarmState {
  readonly value?: string;
  readonly reason?: string;
  /** JSON text with the evaluated datapoints (metric alarms). */
  readonly reasonData?: string;
  readonly timestamp?: string;
}

/** One metric data query of a metric alarm, as in the event. */
export interface AlarmMetricQuery {
  readonly id?: string;
  readonly metricStat?: {
    readonly metric?: {
      readonly namespace?: string;
      readonly name?: string;
      readonly dimensions?: Record<string, string>;
    };
    readonly period?: number;
    readonly stat?: string;
    readonly unit?: string;
  };
  readonly expression?: string;
  readonly label?: string;
  readonly returnData?: boolean;
}

/** The `alarmData` of the event. */
export interface AlarmData {
  readonly alarmName?: string;
  readonly state?: AlarmState;
  readonly previousState?: AlarmState;
  readonly configuration?: {
    readonly description?: string;
    /** Metric alarms. */
    readonly metrics?: AlarmMetricQuery[];
    /** Composite alarms. */
    readonly alarmRule?: string;
  };
}

/** The event a CloudWatch alarm sends to a Lambda alarm action. */
export interface AlarmEvent {
  readonly source?: string;
  readonly alarmArn?: string;
  readonly accountId?: string;
  readonly time?: string;
  readonly region?: string;
  readonly alarmData: AlarmData;
}

/** Settings that come from the function's environment. */
export interface FormatOptions {
  /** The CloudTrail log group, for the CloudWatch Logs Insights link. No link when undefined. */
  readonly logGroupName?: string;
  /** Lines about the activity behind the alarm (the enrichment), shown after "What fired". */
  readonly activity?: string[];
}

/** The facts of an alarm event that every rendering (email text, chat) shows. */
export interface AlarmFacts {
  readonly alarmName?: string;
  readonly alarmArn?: string;
  readonly region?: string;
  readonly account?: string;
  readonly newState: string;
  readonly oldState: string;
  readonly description?: string;
  /** `<first control id> <title>`, or the alarm name. */
  readonly label: string;
  readonly subject: string;
  /** When the state changed, when the event says so. */
  readonly when?: Date;
  /** The time stamp as in the event (when it could not be parsed). */
  readonly rawWhen?: string;
  readonly reason?: string;
  readonly alarmUrl?: string;
  readonly logsInsightsUrl?: string;
  readonly logGroupName?: string;
}

/** What to publish. */
export interface Notification {
  /** At most `MAX_SUBJECT_LENGTH` printable ASCII characters, no line breaks. */
  readonly subject: string;
  /** Plain text for an email body. */
  readonly message: string;
}

/**
 * The longest subject published. The SNS Publish API reference says subjects must be "less than
 * 100 characters long", so 99.
 */
export const MAX_SUBJECT_LENGTH = 99;

/** Whether a Lambda event is a CloudWatch alarm event (it has an `alarmData` object). */
export function isAlarmEvent(event: unknown): event is AlarmEvent {
  return typeof event === 'object' && event !== null
    && typeof (event as { alarmData?: unknown }).alarmData === 'object'
    && (event as { alarmData?: unknown }).alarmData !== null;
}

/** The facts of an alarm event; `logGroupName` is the CloudTrail log group for the Logs Insights link. */
export function alarmFacts(event: AlarmEvent, logGroupName?: string): AlarmFacts {
  const data = event.alarmData ?? {};
  const alarmName = text(data.alarmName);
  const alarmArn = text(event.alarmArn);
  const region = text(event.region) ?? arnPart(alarmArn, 3);
  const account = text(event.accountId) ?? arnPart(alarmArn, 4);
  const newState = text(data.state?.value) ?? 'UNKNOWN';
  const description = text(data.configuration?.description);
  const rawWhen = text(data.state?.timestamp) ?? text(event.time);
  const when = parseAlarmTime(rawWhen);
  const label = alarmLabel(description, alarmName);
  const group = text(logGroupName);
  return {
    alarmName,
    alarmArn,
    region,
    account,
    newState,
    oldState: text(data.previousState?.value) ?? 'UNKNOWN',
    description,
    label,
    subject: formatSubject(newState, label, [account, region].filter(isDefined).join(' ')),
    when,
    rawWhen,
    reason: text(data.state?.reason),
    alarmUrl: region && alarmName ? alarmConsoleUrl(region, alarmName) : undefined,
    logsInsightsUrl: region && group ? logsInsightsConsoleUrl(region, group, when) : undefined,
    logGroupName: group,
  };
}

/** The subject and the plain-text message for an alarm event. */
export function formatNotification(event: AlarmEvent, options: FormatOptions = {}): Notification {
  const data = event.alarmData ?? {};
  const facts = alarmFacts(event, options.logGroupName);
  const { alarmName, alarmArn, region, account, newState, oldState, description, when, rawWhen, label, subject } = facts;

  const lines: string[] = [];
  lines.push(`${newState}: ${label}`, '');
  const quotedName = alarmName ? `"${alarmName}"` : '(no name in the event)';
  lines.push(...stateSummary(quotedName, oldState, newState), '');

  if (description) {
    lines.push('What fired:', ...indent(description), '');
  }
  if (options.activity && options.activity.length > 0) {
    lines.push(...options.activity, '');
  }

  const details: Array<[string, string | undefined]> = [
    ['State', `${oldState} -> ${newState}`],
    ['When', when ? `${formatUtc(when)} (${when.toISOString()})` : rawWhen ?? 'unknown'],
    ['Account', account ?? 'unknown'],
    ['Region', region ?? 'unknown'],
    ['Why', facts.reason],
    ['Values', datapointsSummary(text(data.state?.reasonData))],
    ['Metric', metricSummary(data.configuration?.metrics)],
    ['Rule', text(data.configuration?.alarmRule)],
  ];
  for (const [name, value] of details) {
    if (value !== undefined) {
      lines.push(`${`${name}:`.padEnd(9)} ${oneLine(value)}`);
    }
  }
  lines.push('');

  if (facts.alarmUrl) {
    lines.push('Alarm in the CloudWatch console:', `  ${facts.alarmUrl}`, '');
  }
  if (facts.logsInsightsUrl) {
    lines.push(
      `CloudTrail events around that time in CloudWatch Logs Insights (log group ${facts.logGroupName}):`,
      `  ${facts.logsInsightsUrl}`,
      '',
    );
  }
  if (alarmArn) {
    lines.push(`Alarm ARN: ${alarmArn}`);
  }

  return { subject, message: `${lines.join('\n').trimEnd()}\n` };
}

function stateSummary(quotedName: string, oldState: string, newState: string): string[] {
  switch (newState) {
    case 'ALARM':
      return [
        `The CloudWatch alarm ${quotedName} changed from ${oldState} to ALARM.`,
        'Investigate the activity described below.',
      ];
    case 'OK':
      return [
        `The CloudWatch alarm ${quotedName} recovered: it changed from ${oldState} to OK.`,
        'The metric is back within its threshold; no action is needed unless the earlier ALARM was not investigated.',
      ];
    case 'INSUFFICIENT_DATA':
      return [
        `The CloudWatch alarm ${quotedName} changed from ${oldState} to INSUFFICIENT_DATA:`,
        'CloudWatch does not have enough data to evaluate it. Check that the metric below still receives',
        'data, for example that the trail still delivers events to its CloudWatch Logs log group.',
      ];
    default:
      return [`The CloudWatch alarm ${quotedName} changed from ${oldState} to ${newState}.`];
  }
}

/**
 * A short label for the subject: `<first control id> <title>` when the description follows the
 * baseline's `"<title> [<control ids>] <description>"` convention, else the alarm name.
 */
export function alarmLabel(description: string | undefined, alarmName: string | undefined): string {
  const match = description?.match(/^\s*([^[\]\r\n]*?)\s*\[([^\]\r\n]*)\]/);
  const title = match?.[1].trim();
  if (match && title) {
    const firstControl = match[2].split(',').map((s) => s.trim()).find((s) => s.length > 0);
    return firstControl ? `${firstControl} ${title}` : title;
  }
  return alarmName ?? 'CloudWatch alarm';
}

/**
 * `<STATE>: <label> (<where>)`, as printable ASCII without line breaks and at most
 * `MAX_SUBJECT_LENGTH` characters: the label is shortened (ending in `...`) before the state and
 * the account/region are.
 */
export function formatSubject(state: string, label: string, where: string): string {
  const prefix = `${toSubjectText(state)}: `;
  const suffix = where ? ` (${toSubjectText(where)})` : '';
  let body = toSubjectText(label);
  const budget = MAX_SUBJECT_LENGTH - prefix.length - suffix.length;
  if (body.length > budget && budget >= 10) {
    body = `${body.slice(0, budget - 3).trimEnd()}...`;
  }
  const subject = `${prefix}${body}${suffix}`;
  return subject.length > MAX_SUBJECT_LENGTH ? `${subject.slice(0, MAX_SUBJECT_LENGTH - 3)}...` : subject;
}

/**
 * Printable ASCII (0x20-0x7E) on one line: accents are dropped (`é` -> `e`), line breaks and
 * control characters become spaces, other characters `?`, runs of spaces one space.
 */
export function toSubjectText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[^\u0020-\u007e]/gu, '?')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * The namespace/name, statistic, period and dimensions of the alarm's metric(s); metric math
 * expressions by their expression. Undefined when the event has no metrics (composite alarms).
 */
export function metricSummary(metrics: unknown): string | undefined {
  if (!Array.isArray(metrics)) {
    return undefined;
  }
  const parts: string[] = [];
  for (const query of metrics as AlarmMetricQuery[]) {
    if (typeof query !== 'object' || query === null) {
      continue;
    }
    const stat = query.metricStat;
    if (stat && typeof stat === 'object') {
      const namespace = text(stat.metric?.namespace) ?? '?';
      const name = text(stat.metric?.name) ?? '?';
      const dimensions = stat.metric?.dimensions;
      const dims = Object.entries(typeof dimensions === 'object' && dimensions !== null ? dimensions : {})
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => `${k}=${v}`);
      const details = [
        text(stat.stat) ? `statistic ${stat.stat}` : undefined,
        typeof stat.period === 'number' ? `period ${stat.period} seconds` : undefined,
        dims.length > 0 ? `dimensions ${dims.join(', ')}` : undefined,
      ].filter(isDefined);
      parts.push([`${namespace}/${name}`, ...details].join(', '));
    } else if (text(query.expression)) {
      parts.push(`expression ${query.expression}${text(query.label) ? ` (${query.label})` : ''}`);
    }
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The recent datapoints and threshold from a state's `reasonData` JSON, when present. */
export function datapointsSummary(reasonData: string | undefined): string | undefined {
  if (!reasonData) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(reasonData);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const { recentDatapoints, threshold } = parsed as { recentDatapoints?: unknown; threshold?: unknown };
  const parts: string[] = [];
  if (Array.isArray(recentDatapoints) && recentDatapoints.every((d) => typeof d === 'number')) {
    parts.push(`recent datapoints [${recentDatapoints.join(', ')}]`);
  }
  if (typeof threshold === 'number') {
    parts.push(`threshold ${threshold}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * Parses the alarm's time stamps, which look like `2024-05-14T09:21:07.123+0000` (no colon in the
 * offset). Undefined when absent or unparseable.
 */
export function parseAlarmTime(value: string | undefined): Date | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2024-05-14 09:21:07 UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function indent(value: string): string[] {
  return value.split(/\r?\n/).map((line) => `  ${line}`.trimEnd());
}

function oneLine(value: string): string {
  return value.replace(/\s*\r?\n\s*/g, ' ');
}

function arnPart(arn: string | undefined, index: number): string | undefined {
  return text(arn?.split(':')[index]);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
