// The "who did what, when, from where" section of the plain-text notification, from the
// enrichment. Pure. Fits a byte budget, so that the SNS message stays under its size limit.

import { describeAction, eventFacts, EventSummary } from './cloudtrail-event';
import { Enrichment } from './enrich';
import { formatUtc } from './format';

/**
 * The largest SNS message: 262,144 bytes (256 KiB), message attributes included (SNS Publish API
 * reference and "Amazon SNS message size"). The notifier stays below `MAX_MESSAGE_BYTES`.
 */
export const SNS_MESSAGE_LIMIT_BYTES = 262_144;
/** What the notifier allows its message body: the limit less room for the subject and attributes. */
export const MAX_MESSAGE_BYTES = SNS_MESSAGE_LIMIT_BYTES - 4_096;

/** Where the event links lead (an organization trail's events happened in member accounts). */
export const EVENT_LINK_NOTE = 'Event links open the CloudTrail event history (management events of the last 90 days) '
  + "of the event's account and region: sign in to that account to see them.";

/** The UTF-8 size of a string. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The lines that describe one event, numbered `index` (1-based). */
export function eventLines(e: EventSummary, index: number): string[] {
  const head = `${index}. ${e.eventTime ?? 'unknown time'}  ${describeAction(e)}`;
  const details = [...eventFacts(e), ...(e.consoleUrl ? [['Event', e.consoleUrl] as [string, string]] : [])];
  return [head, ...details.map(([k, v]) => `   ${`${k}:`.padEnd(7)} ${v}`)];
}

/** The heading of the activity section: how many events matched, where and when. */
export function activityHeading(enrichment: Enrichment): string {
  const where = enrichment.filters.map((f) => f.logGroupName).filter((v, i, all) => all.indexOf(v) === i).join(', ');
  const when = enrichment.window
    ? `, ${formatUtc(enrichment.window.start)} to ${formatUtc(enrichment.window.end)}`
    : '';
  return `Who did what (CloudTrail events matching the detection's metric filter in log group ${where}${when}):`;
}

/** The count line: `3 matching events.` / `at least 250 matching events (search incomplete).` */
export function countLine(enrichment: Enrichment): string {
  const n = enrichment.matched;
  const noun = n === 1 ? 'event' : 'events';
  return enrichment.status === 'partial' ? `At least ${n} matching ${noun} (the search stopped early).` : `${n} matching ${noun}.`;
}

/** What to say instead of events: the enrichment failed, was skipped, or found nothing. */
export function enrichmentProblem(enrichment: Enrichment): string | undefined {
  switch (enrichment.status) {
    case 'failed':
      return `Enrichment failed: ${enrichment.reason ?? 'unknown reason'}. The alarm is reported without the events behind it; use the links below.`;
    case 'skipped':
      return `Enrichment skipped: ${enrichment.reason ?? 'unknown reason'}.`;
    default:
      return undefined;
  }
}

/** Notes after the events: incomplete search, malformed messages. */
export function enrichmentNotes(enrichment: Enrichment): string[] {
  const notes: string[] = [];
  if (enrichment.status === 'partial') {
    notes.push(`Search incomplete: ${enrichment.reason ?? 'unknown reason'}.`);
  }
  if (enrichment.malformed > 0) {
    notes.push(`${enrichment.malformed} matching log event(s) were not CloudTrail records (not a JSON object) and are not described.`);
  }
  if (enrichment.status === 'complete' && enrichment.matched === 0) {
    notes.push('No matching event was found in that time range: the events may not have reached CloudWatch Logs yet. '
      + 'Search again with the Logs Insights link below.');
  }
  return notes;
}

/**
 * The activity section of the plain-text notification, at most `budgetBytes` bytes (UTF-8, lines
 * joined by `\n`): events that do not fit are left out and counted in a closing
 * `... and N more matching events` line. Undefined enrichment (OK / INSUFFICIENT_DATA) gives no lines.
 */
export function renderActivityText(enrichment: Enrichment | undefined, budgetBytes: number): string[] {
  if (!enrichment) {
    return [];
  }
  const problem = enrichmentProblem(enrichment);
  if (problem) {
    return [problem];
  }
  const head = [activityHeading(enrichment), countLine(enrichment)];
  const notes = enrichmentNotes(enrichment);
  const blocks = enrichment.events.map((e, i) => ['', ...eventLines(e, i + 1)].join('\n'));
  const kept = fitBlocks(blocks, budgetBytes - utf8Bytes([...head, '', EVENT_LINK_NOTE, '', ...notes].join('\n')) - 100);
  const lines = [...head];
  for (const block of blocks.slice(0, kept)) {
    lines.push(...block.split('\n'));
  }
  const more = enrichment.matched - kept;
  if (more > 0) {
    lines.push('', `... and ${more} more matching event${more === 1 ? '' : 's'}${moreReason(enrichment, kept)}.`);
  }
  if (kept > 0) {
    lines.push('', EVENT_LINK_NOTE);
  }
  if (notes.length > 0) {
    lines.push('', ...notes);
  }
  return lines;
}

function moreReason(enrichment: Enrichment, kept: number): string {
  return kept < enrichment.events.length ? ' (left out to keep the message within the size limit)' : ' (not described)';
}

/** How many of `blocks` (in order) fit in `budgetBytes` when joined by `\n`. */
export function fitBlocks(blocks: string[], budgetBytes: number): number {
  let used = 0;
  let kept = 0;
  for (const block of blocks) {
    const size = utf8Bytes(block) + 1;
    if (used + size > budgetBytes) {
      break;
    }
    used += size;
    kept++;
  }
  return kept;
}
