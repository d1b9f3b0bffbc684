// Finds the CloudTrail events behind an alarm: the alarm's metric -> the metric filter(s) that
// publish it (DescribeMetricFilters: log group and filter pattern) -> the log events that match
// the pattern over the alarm's evaluation window (FilterLogEvents, paginated, capped, within a
// time budget). Never throws: a failure is reported in the result, so the alarm is still published.

// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, FilterLogEventsCommand, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { EventSummary, parseCloudTrailMessage } from './cloudtrail-event';
import { AlarmEvent, AlarmMetricQuery, parseAlarmTime } from './format';

/**
 * How long before the evaluated period(s) the search starts: CloudTrail delivers events to
 * CloudWatch Logs about 5 minutes after the call, and the metric filter counts them at the log
 * event's time stamp, so an alarm can fire on a call made well before the evaluated period ends.
 */
export const LAG_ALLOWANCE_MS = 10 * 60 * 1000;
/** How long after the state change the search ends. */
export const LOOKAHEAD_MS = 60 * 1000;
/** The period assumed when the alarm's metric does not say (the baseline alarms' period). */
export const DEFAULT_PERIOD_SECONDS = 300;
/** The most FilterLogEvents pages read per invocation (pages can be empty, with a next token). */
export const MAX_PAGES = 20;
/** The most metric filters (log groups) searched for one metric. */
export const MAX_FILTERS = 5;

/** A metric filter that publishes the alarm's metric. */
export interface FoundFilter {
  readonly logGroupName: string;
  readonly filterName?: string;
  readonly filterPattern: string;
}

/** What the enrichment found. */
export interface Enrichment {
  /**
   * - `complete`: every matching event in the window was seen.
   * - `partial`: stopped early (`reason`: event page limit, time budget, or an error after some events).
   * - `skipped`: nothing to search (the alarm has no metric, or no metric filter publishes it).
   * - `failed`: a CloudWatch Logs call failed before any event was found (`reason`).
   */
  readonly status: 'complete' | 'partial' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly metric?: { readonly namespace: string; readonly name: string };
  readonly filters: FoundFilter[];
  /** The time range searched. */
  readonly window?: { readonly start: Date; readonly end: Date };
  /** The first `maxEvents` matching events that are CloudTrail records. */
  readonly events: EventSummary[];
  /** Matching log events seen, described or not. A lower bound when the status is `partial`. */
  readonly matched: number;
  /** Matching log events whose message is not a CloudTrail record (JSON object), among those read. */
  readonly malformed: number;
}

/** How to enrich. */
export interface EnrichOptions {
  /** How many events to describe; more are counted. */
  readonly maxEvents: number;
  /** When to stop (epoch milliseconds). */
  readonly deadline: number;
  /**
   * Look for the metric filters on this log group only (least privilege: `DescribeMetricFilters`
   * on one log group). When none is found there, all log groups of the account and region are searched.
   */
  readonly logGroupName?: string;
  /** @default MAX_PAGES */
  readonly maxPages?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The alarm's metric: the first metric query with a metric (the baseline alarms have exactly one). */
export function alarmMetric(event: AlarmEvent): { namespace: string; name: string; period?: number } | undefined {
  const metrics = event.alarmData?.configuration?.metrics;
  if (!Array.isArray(metrics)) {
    return undefined;
  }
  for (const query of metrics as AlarmMetricQuery[]) {
    const stat = typeof query === 'object' && query !== null ? query.metricStat : undefined;
    const metric = typeof stat === 'object' && stat !== null ? stat.metric : undefined;
    if (typeof metric?.namespace === 'string' && typeof metric.name === 'string' && metric.namespace && metric.name) {
      const period = typeof stat?.period === 'number' && stat.period > 0 ? stat.period : undefined;
      return { namespace: metric.namespace, name: metric.name, period };
    }
  }
  return undefined;
}

/**
 * The time range to search: from (state change - period x evaluated periods - `LAG_ALLOWANCE_MS`),
 * or earlier when the state's `reasonData` names an earlier evaluated datapoint, to (state change
 * + `LOOKAHEAD_MS`). The alarm event does not carry the number of evaluation periods; the number
 * of evaluated datapoints in `reasonData` stands for it (1 when absent, as for the baseline alarms).
 */
export function evaluationWindow(event: AlarmEvent, periodSeconds: number | undefined, now: number): { start: Date; end: Date } {
  const state = event.alarmData?.state;
  const stateTime = parseAlarmTime(typeof state?.timestamp === 'string' ? state.timestamp : undefined)
    ?? parseAlarmTime(typeof event.time === 'string' ? event.time : undefined)
    ?? new Date(now);
  const reason = parseReasonData(state?.reasonData);
  const period = periodSeconds ?? reason.period ?? DEFAULT_PERIOD_SECONDS;
  const periods = Math.max(1, reason.datapointTimes.length);
  let start = stateTime.getTime() - period * periods * 1000;
  for (const t of reason.datapointTimes) {
    start = Math.min(start, t);
  }
  return { start: new Date(start - LAG_ALLOWANCE_MS), end: new Date(stateTime.getTime() + LOOKAHEAD_MS) };
}

function parseReasonData(reasonData: unknown): { period?: number; datapointTimes: number[] } {
  if (typeof reasonData !== 'string') {
    return { datapointTimes: [] };
  }
  try {
    const parsed = JSON.parse(reasonData) as { period?: unknown; evaluatedDatapoints?: unknown };
    const period = typeof parsed?.period === 'number' && parsed.period > 0 ? parsed.period : undefined;
    const datapointTimes = (Array.isArray(parsed?.evaluatedDatapoints) ? parsed.evaluatedDatapoints : [])
      .map((d: unknown) => parseAlarmTime(typeof (d as { timestamp?: unknown })?.timestamp === 'string' ? (d as { timestamp: string }).timestamp : undefined))
      .filter((d): d is Date => d !== undefined)
      .map((d) => d.getTime());
    return { period, datapointTimes };
  } catch {
    return { datapointTimes: [] };
  }
}

/** Finds and reads the CloudTrail events behind a metric alarm's state change. Never throws. */
export async function enrichAlarm(logs: CloudWatchLogsClient, event: AlarmEvent, options: EnrichOptions): Promise<Enrichment> {
  const now = options.now ?? Date.now;
  const metric = alarmMetric(event);
  if (!metric) {
    return empty('skipped', 'the alarm has no metric to trace back to a metric filter (composite or metric math alarm)');
  }
  const found = { metric: { namespace: metric.namespace, name: metric.name } };
  if (metric.namespace.startsWith('AWS/')) {
    // The baseline's own monitoring alarms (trail heartbeat, notifier errors, dead letters) watch
    // AWS service metrics: no metric filter and no CloudTrail event stands behind them.
    return { ...empty('skipped', `${metric.namespace}/${metric.name} is an AWS service metric, not a detection's metric filter: this is a monitoring alarm of the baseline`), ...found };
  }

  let filters: FoundFilter[];
  try {
    filters = await findMetricFilters(logs, metric, options.logGroupName, options.deadline, now);
  } catch (e) {
    return { ...empty('failed', `DescribeMetricFilters: ${errorText(e)}`), ...found };
  }
  if (filters.length === 0) {
    return {
      ...empty('skipped', `no metric filter publishes the metric ${metric.namespace}/${metric.name} in this account and region`),
      ...found,
    };
  }

  const window = evaluationWindow(event, metric.period, now());
  const events: EventSummary[] = [];
  let matched = 0;
  let malformed = 0;
  let pages = 0;
  let stop: string | undefined;
  const maxPages = options.maxPages ?? MAX_PAGES;
  search: for (const filter of filters) {
    let nextToken: string | undefined;
    do {
      if (pages >= maxPages) {
        stop = `stopped after ${maxPages} pages of log events`;
        break search;
      }
      if (now() >= options.deadline) {
        stop = 'stopped at the end of the time budget';
        break search;
      }
      let output;
      try {
        output = await withDeadline(options.deadline, now, (abortSignal) => logs.send(new FilterLogEventsCommand({
          logGroupName: filter.logGroupName,
          filterPattern: filter.filterPattern,
          startTime: window.start.getTime(),
          endTime: window.end.getTime(),
          nextToken,
        }), { abortSignal }));
      } catch (e) {
        stop = e instanceof BudgetExceeded && pages > 0 ? 'stopped at the end of the time budget' : `FilterLogEvents: ${errorText(e)}`;
        break search;
      }
      pages++;
      for (const logEvent of output.events ?? []) {
        matched++;
        if (events.length < options.maxEvents) {
          const summary = parseCloudTrailMessage(logEvent.message);
          if (summary) {
            events.push(summary);
          } else {
            malformed++;
          }
        }
      }
      nextToken = output.nextToken || undefined;
    } while (nextToken);
  }

  if (stop && pages === 0) {
    return { ...empty('failed', stop), ...found, filters, window };
  }
  return { status: stop ? 'partial' : 'complete', reason: stop, ...found, filters, window, events, matched, malformed };
}

async function findMetricFilters(
  logs: CloudWatchLogsClient, metric: { namespace: string; name: string }, logGroupName: string | undefined,
  deadline: number, now: () => number,
): Promise<FoundFilter[]> {
  const describe = async (scope: string | undefined) => {
    const output = await withDeadline(deadline, now, (abortSignal) => logs.send(new DescribeMetricFiltersCommand({
      metricName: metric.name,
      metricNamespace: metric.namespace,
      ...(scope ? { logGroupName: scope } : {}),
    }), { abortSignal }));
    return (output.metricFilters ?? []).filter(publishes(metric)).map(toFoundFilter)
      .filter((f): f is FoundFilter => f !== undefined).slice(0, MAX_FILTERS);
  };
  if (!logGroupName) {
    return describe(undefined);
  }
  const scoped = await describe(logGroupName);
  if (scoped.length > 0) {
    return scoped;
  }
  // Not on that log group: look in every log group, which the function's role may not allow.
  try {
    return await describe(undefined);
  } catch (e) {
    throw new Error(`no metric filter on log group ${logGroupName} publishes ${metric.namespace}/${metric.name}, `
      + `and searching all log groups failed (${errorText(e)})`);
  }
}

function publishes(metric: { namespace: string; name: string }): (f: MetricFilter) => boolean {
  // The API filters on the metric already; check again so that a broader answer cannot mislead.
  return (f) => (f.metricTransformations ?? []).length === 0 || (f.metricTransformations ?? [])
    .some((t) => t.metricName === metric.name && t.metricNamespace === metric.namespace);
}

function toFoundFilter(f: MetricFilter): FoundFilter | undefined {
  if (!f.logGroupName || typeof f.filterPattern !== 'string') {
    return undefined;
  }
  return { logGroupName: f.logGroupName, filterName: f.filterName, filterPattern: f.filterPattern };
}

/**
 * Runs `call` with an abort signal that fires at `deadline`, and stops waiting for it then even if
 * the call ignores the signal.
 */
async function withDeadline<T>(deadline: number, now: () => number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const remaining = deadline - now();
  if (remaining <= 0) {
    throw new BudgetExceeded();
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new BudgetExceeded());
      reject(new BudgetExceeded());
    }, remaining);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } catch (e) {
    throw controller.signal.aborted ? new BudgetExceeded() : e;
  } finally {
    clearTimeout(timer);
  }
}

class BudgetExceeded extends Error {
  constructor() {
    super('the time budget for the search ran out');
    this.name = 'TimeBudgetExceeded';
  }
}

function empty(status: Enrichment['status'], reason: string): Enrichment {
  return { status, reason, filters: [], events: [], matched: 0, malformed: 0 };
}

/** `Name: message` of an error, on one line, at most 300 characters. */
export function errorText(e: unknown): string {
  // Duck-typed: errors may come from another realm, where instanceof Error is false.
  const err = typeof e === 'object' && e !== null ? e as { name?: unknown; message?: unknown } : undefined;
  const rawName = typeof err?.name === 'string' ? err.name : '';
  const name = rawName === 'Error' ? '' : rawName;
  const message = typeof err?.message === 'string' ? err.message : err ? '' : String(e);
  const text = (!name || message.startsWith(name) || !message ? message || name : `${name}: ${message}`)
    .replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
