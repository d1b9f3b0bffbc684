/**
 * The report of a replay: a plain object (printed by `--json`) and a readable text table.
 *
 * Internal module of the replay tool: not public API.
 */
import { LISTED_BAD_LINES } from './decode';
import { FileError } from './files';
import { ReplayRun, SkippedLine } from './runner';
import { Count } from './stats';

/** How many principals and event names are listed per detection. */
export const TOP_N = 5;

/** One detection in the report. */
export interface DetectionReport {
  readonly id: string;
  readonly title: string;
  readonly metricName: string;
  readonly matches: number;
  /** matches / `days.withEvents`; null when no event had a usable `eventTime`. */
  readonly matchesPerDay: number | null;
  /** 5-minute alarm periods with at least one match. */
  readonly breachingPeriods: number;
  /** OK → ALARM transitions (notifications) with the CIS alarm settings. */
  readonly alarmTransitions: number;
  readonly topPrincipals: Count[];
  readonly topEventNames: Count[];
}

/** The whole report (the `--json` output). */
export interface ReplayReport {
  /** `catalog`, `catalog+variants` or `template`. */
  readonly detectionSource: string;
  readonly template?: string;
  readonly files: {
    readonly read: number;
    readonly unreadable: number;
    /** Paths not read: links to a folder or file already read, FIFOs, sockets, devices. */
    readonly skipped: number;
    readonly digestFilesSkipped: number;
    readonly otherFilesIgnored: number;
  };
  readonly events: number;
  readonly eventsWithoutTime: number;
  /** Lines of JSON lines files skipped (not a JSON object); the other lines of those files are read. */
  readonly linesSkipped: number;
  readonly days: {
    /** Distinct UTC days (YYYY-MM-DD of eventTime) among all events read: the divisor of matchesPerDay. */
    readonly withEvents: number;
    /** Days from the first to the last event's UTC day, both included. */
    readonly span: number;
    readonly firstEventTime: string | null;
    readonly lastEventTime: string | null;
  };
  readonly elapsedSeconds: number;
  readonly eventsPerSecond: number;
  readonly detections: DetectionReport[];
  readonly unreadableFiles: FileError[];
  /** The paths not read, and why. */
  readonly skippedFiles: FileError[];
  /** The skipped lines, at most LISTED_BAD_LINES (10) per file, in file and line order. */
  readonly skippedLines: SkippedLine[];
  readonly warnings: string[];
}

/** What the report needs besides the run. */
export interface ReportContext {
  readonly detectionSource: string;
  readonly template?: string;
  readonly digestFiles: number;
  readonly otherFiles: number;
  /** Paths not read (links already read, special files). */
  readonly skipped: FileError[];
  /** Paths that could not be listed (counted as unreadable files). */
  readonly listingErrors: FileError[];
  readonly warnings: string[];
}

/** Builds the report of a run. */
export function buildReport(run: ReplayRun, context: ReportContext): ReplayReport {
  const days = run.totals.days.size;
  const seconds = run.elapsedMs / 1000;
  const unreadableFiles = [...context.listingErrors, ...run.unreadable];
  return {
    detectionSource: context.detectionSource,
    ...(context.template !== undefined ? { template: context.template } : {}),
    files: {
      read: run.filesRead,
      unreadable: unreadableFiles.length,
      skipped: context.skipped.length,
      digestFilesSkipped: context.digestFiles,
      otherFilesIgnored: context.otherFiles,
    },
    events: run.totals.events,
    eventsWithoutTime: run.totals.eventsWithoutTime,
    linesSkipped: run.linesSkipped,
    days: {
      withEvents: days,
      span: run.totals.spanDays,
      firstEventTime: run.totals.firstEventTime ?? null,
      lastEventTime: run.totals.lastEventTime ?? null,
    },
    elapsedSeconds: round(seconds, 3),
    eventsPerSecond: seconds > 0 ? Math.round(run.totals.events / seconds) : 0,
    detections: run.results.map(({ detection, counter }) => ({
      id: detection.id,
      title: detection.title,
      metricName: detection.metricName,
      matches: counter.matches,
      matchesPerDay: days > 0 ? round(counter.matches / days, 2) : null,
      breachingPeriods: counter.breachingPeriods,
      alarmTransitions: counter.alarmTransitions,
      topPrincipals: counter.topPrincipals(TOP_N),
      topEventNames: counter.topEventNames(TOP_N),
    })),
    unreadableFiles,
    skippedFiles: context.skipped,
    skippedLines: run.skippedLines,
    warnings: context.warnings,
  };
}

/** The report as readable text: totals, a table of detections, then the top lists of those that matched. */
export function formatTable(report: ReplayReport): string {
  const out: string[] = [];
  const f = report.files;
  out.push(`Files: ${num(f.read)} read, ${num(f.unreadable)} unreadable, ${num(f.digestFilesSkipped)} digest files skipped (not events), ${num(f.otherFilesIgnored)} other files ignored`
    + (f.skipped > 0 ? `, ${plural(f.skipped, 'path')} skipped (listed below)` : ''));
  out.push(`Events: ${num(report.events)} in ${report.elapsedSeconds.toFixed(2)} s (${num(report.eventsPerSecond)} events/s)`);
  if (report.linesSkipped > 0) {
    out.push(`      ${plural(report.linesSkipped, 'line')} of JSON lines files skipped, not a JSON object (listed below)`);
  }
  const d = report.days;
  if (d.firstEventTime !== null) {
    out.push(`Time: ${d.firstEventTime} .. ${d.lastEventTime} UTC, ${plural(d.span, 'day')}; `
      + `${plural(d.withEvents, 'day')} with events (per day = matches / ${num(d.withEvents)})`);
  } else {
    out.push('Time: no event has an eventTime; per day not computed');
  }
  if (report.eventsWithoutTime > 0) {
    out.push(`      ${num(report.eventsWithoutTime)} events without a usable eventTime are counted but cover no day`);
  }
  out.push(`Detections: ${report.detectionSource}${report.template ? ` (${report.template})` : ''}`);
  out.push('');
  const rows = [['Detection', 'Metric', 'Matches', 'Per day', 'Alarms', 'Title']];
  for (const det of report.detections) {
    rows.push([det.id, det.metricName, num(det.matches), det.matchesPerDay === null ? '-' : det.matchesPerDay.toFixed(2), num(det.alarmTransitions), det.title]);
  }
  out.push(...table(rows, [false, false, true, true, true, false]));
  out.push('');
  out.push('Alarms: times the alarm would go from OK to ALARM (CIS settings: Sum >= 1 per 300 s, missing data not breaching).');
  for (const det of report.detections) {
    if (det.matches === 0) continue;
    out.push('');
    out.push(`${det.id} ${det.title}: ${plural(det.matches, 'match', 'matches')}`);
    out.push(`  top principals:  ${listCounts(det.topPrincipals)}`);
    out.push(`  top event names: ${listCounts(det.topEventNames)}`);
  }
  listSection(out, 'Unreadable files (not counted):', report.unreadableFiles.map((e) => `${e.path}: ${e.reason}`));
  listSection(out, 'Skipped paths (not read):', report.skippedFiles.map((e) => `${e.path}: ${e.reason}`));
  listSection(out, `Skipped lines (the first ${LISTED_BAD_LINES} of each file; the other lines were read):`,
    report.skippedLines.map((l) => `${l.path}:${l.line}: ${l.reason}`));
  return out.join('\n') + '\n';
}

function listSection(out: string[], title: string, lines: string[]): void {
  if (lines.length === 0) return;
  out.push('', title, ...lines.map((l) => `  ${l}`));
}

function listCounts(counts: Count[]): string {
  return counts.map((c) => `${c.name} (${num(c.count)})`).join(', ');
}

function table(rows: string[][], rightAligned: boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r
    .map((cell, c) => (c === r.length - 1 ? cell : rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
    .join('  ')
    .trimEnd());
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
