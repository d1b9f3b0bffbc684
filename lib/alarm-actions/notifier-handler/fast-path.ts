// The EventBridge fast path's events (`DetectionFastPath` targets the notifier with them): one
// CloudTrail record that matched a detection's EventBridge rule, seconds after the call. Pure:
// recognises the input and formats the notification. Imports nothing outside this folder.
//
// Input (contract.ts FAST_PATH_EVENT_KEY): { baselineFastPath: { detectionId, title, severity,
// controls, description, remediation? }, id, "detail-type", source, account, region, time, detail }.

import { eventLines } from './activity';
import { summarizeCloudTrailRecord } from './cloudtrail-event';
import { FAST_PATH_EVENT_KEY } from './contract';
import { formatSubject, Notification } from './format';

/** The detection a fast-path event matched, as the rule's input says. */
export interface FastPathDetection {
  readonly detectionId?: string;
  readonly title?: string;
  readonly severity?: string;
  readonly controls?: string[];
  readonly description?: string;
  readonly remediation?: string;
}

/** An EventBridge fast-path event as the notifier receives it. */
export interface FastPathEvent {
  readonly 'baselineFastPath': FastPathDetection;
  readonly 'id'?: string;
  readonly 'detail-type'?: string;
  readonly 'account'?: string;
  readonly 'region'?: string;
  readonly 'time'?: string;
  readonly 'detail': Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.replace(/[\r\n]+/g, ' ').trim() : undefined;
}

/** Whether a Lambda event is a fast-path event (the detection object and a CloudTrail record in `detail`). */
export function isFastPathEvent(event: unknown): event is FastPathEvent {
  return isObject(event) && isObject(event[FAST_PATH_EVENT_KEY]) && isObject(event.detail);
}

/** The subject and plain-text message of a fast-path event. */
export function formatFastPathNotification(event: FastPathEvent): Notification {
  const d = event.baselineFastPath;
  const controls = Array.isArray(d.controls) ? d.controls.filter((c): c is string => typeof c === 'string') : [];
  const title = text(d.title) ?? 'CloudTrail detection';
  const label = `${controls[0] ?? text(d.detectionId) ?? ''} ${title}`.trim();
  const summary = summarizeCloudTrailRecord(event.detail);
  const account = text(event.account) ?? summary.accountId;
  const region = text(event.region) ?? summary.region;
  const severity = text(d.severity) ?? 'EVENT';

  const lines: string[] = [
    `${severity}: ${title}${controls.length > 0 ? ` [${controls.join(', ')}]` : ''}`,
    '',
    'An EventBridge rule matched this CloudTrail event seconds after the call (the fast path).',
    'The CloudWatch alarm of the same detection follows within minutes; it counts the events of every account and region the trail logs.',
    '',
  ];
  const description = text(d.description);
  if (description) lines.push('What fired:', `  ${description}`, '');
  lines.push('Who did what:', ...eventLines(summary, 1), '');
  const remediation = text(d.remediation);
  if (remediation) lines.push('First step:', `  ${remediation}`, '');
  lines.push(
    `Account:  ${account ?? 'unknown'}`,
    `Region:   ${region ?? 'unknown'}`,
    `Received: ${text(event.time) ?? 'unknown'} (${text(event['detail-type']) ?? 'unknown detail-type'}, event ${text(event.id) ?? 'unknown'})`,
  );
  return {
    subject: formatSubject(severity, label, [account, region].filter((v) => v !== undefined).join(' ')),
    message: `${lines.join('\n').trimEnd()}\n`,
  };
}
