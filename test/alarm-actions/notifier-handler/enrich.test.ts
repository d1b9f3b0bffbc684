import {
  CloudWatchLogsClient, DescribeMetricFiltersCommand, FilteredLogEvent, FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import alarmEventJson from './fixtures/alarm-event.json';
import describeMetricFilters from './fixtures/describe-metric-filters.json';
import filterLogEvents from './fixtures/filter-log-events.json';
import {
  alarmMetric, enrichAlarm, evaluationWindow, LAG_ALLOWANCE_MS, LOOKAHEAD_MS, MAX_PAGES,
} from '../../../lib/alarm-actions/notifier-handler/enrich';
import { AlarmEvent } from '../../../lib/alarm-actions/notifier-handler/format';

const alarm = alarmEventJson as AlarmEvent;
const logsMock = mockClient(CloudWatchLogsClient);
const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
const PATTERN = describeMetricFilters.metricFilters[0].filterPattern;
const STATE_TIME = Date.parse('2024-05-14T09:21:07.123Z');

function options(overrides: Partial<Parameters<typeof enrichAlarm>[2]> = {}) {
  return { maxEvents: 10, deadline: Date.now() + 10_000, ...overrides };
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

/** `n` log events whose messages are copies of the fixture records. */
function logEvents(n: number, start = 0): FilteredLogEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const base = filterLogEvents.events[(start + i) % filterLogEvents.events.length];
    return { ...base, eventId: `${start + i}` };
  });
}

beforeEach(() => {
  logsMock.reset();
  logsMock.on(DescribeMetricFiltersCommand).resolves(describeMetricFilters);
  logsMock.on(FilterLogEventsCommand).resolves(filterLogEvents);
});

describe('enrichAlarm', () => {
  test('finds the filter from the metric, then its events over the evaluation window', async () => {
    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(logsMock.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input)).toEqual([
      { metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark' },
    ]);
    const calls = logsMock.commandCalls(FilterLogEventsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      logGroupName: 'aws-cloudtrail-logs/org',
      filterPattern: PATTERN,
      // The earliest evaluated datapoint (09:15:00) less the 10-minute lag allowance...
      startTime: Date.parse('2024-05-14T09:05:00.000Z'),
      // ...to the state change plus one minute.
      endTime: STATE_TIME + 60_000,
      nextToken: undefined,
    });
    // The call gets an abort signal that fires at the deadline.
    expect((calls[0].args as unknown[])[1]).toEqual({ abortSignal: expect.anything() });

    expect(enrichment).toMatchObject({
      status: 'complete',
      metric: { namespace: 'CISBenchmark', name: 'RootAccountUsage' },
      filters: [{ logGroupName: 'aws-cloudtrail-logs/org', filterPattern: PATTERN }],
      matched: 5,
      malformed: 0,
    });
    expect(enrichment.reason).toBeUndefined();
    expect(enrichment.events.map((e) => e.eventName)).toEqual(['PutBucketVersioning', 'ConsoleLogin', 'AttachUserPolicy', 'StopLogging', 'AssumeRole']);
  });

  test('scopes the filter search to LOG_GROUP_NAME, and searches all log groups when nothing is there', async () => {
    logsMock.on(DescribeMetricFiltersCommand, { logGroupName: 'other' }).resolves({ metricFilters: [] });

    await enrichAlarm(logs, alarm, options({ logGroupName: 'aws-cloudtrail-logs/org' }));
    await enrichAlarm(logs, alarm, options({ logGroupName: 'other' }));

    expect(logsMock.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input.logGroupName)).toEqual([
      'aws-cloudtrail-logs/org', 'other', undefined,
    ]);
  });

  test('explains a scoped miss whose wider search is denied', async () => {
    logsMock.on(DescribeMetricFiltersCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: logs:DescribeMetricFilters'));
    logsMock.on(DescribeMetricFiltersCommand, { logGroupName: 'lg' }).resolves({ metricFilters: [] });

    const enrichment = await enrichAlarm(logs, alarm, options({ logGroupName: 'lg' }));

    expect(enrichment.status).toBe('failed');
    expect(enrichment.reason).toBe('DescribeMetricFilters: no metric filter on log group lg publishes CISBenchmark/RootAccountUsage, '
      + 'and searching all log groups failed (AccessDeniedException: not authorized to perform: logs:DescribeMetricFilters)');
  });

  test('follows nextToken across pages', async () => {
    logsMock.on(FilterLogEventsCommand)
      .resolvesOnce({ events: logEvents(2), nextToken: 't1' })
      .resolvesOnce({ events: [], nextToken: 't2' }) // empty pages with a token happen
      .resolvesOnce({ events: logEvents(3, 2) });

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(logsMock.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.nextToken)).toEqual([undefined, 't1', 't2']);
    expect(enrichment).toMatchObject({ status: 'complete', matched: 5 });
    expect(enrichment.events).toHaveLength(5);
  });

  test('describes at most maxEvents and counts the rest', async () => {
    logsMock.on(FilterLogEventsCommand)
      .resolvesOnce({ events: logEvents(8), nextToken: 't1' })
      .resolvesOnce({ events: logEvents(7, 8) });

    const enrichment = await enrichAlarm(logs, alarm, options({ maxEvents: 3 }));

    expect(enrichment.events).toHaveLength(3);
    expect(enrichment).toMatchObject({ status: 'complete', matched: 15 });
  });

  test('stops at the page limit', async () => {
    logsMock.on(FilterLogEventsCommand).resolves({ events: logEvents(1), nextToken: 'again' });

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(MAX_PAGES);
    expect(enrichment).toMatchObject({ status: 'partial', reason: `stopped after ${MAX_PAGES} pages of log events`, matched: MAX_PAGES });
  });

  test('stops at the time budget (slow pages)', async () => {
    logsMock.on(FilterLogEventsCommand).callsFake(() => new Promise((resolve) => setTimeout(
      () => resolve({ events: logEvents(1), nextToken: 'more' }), 60)));
    const started = Date.now();

    const enrichment = await enrichAlarm(logs, alarm, options({ deadline: Date.now() + 200 }));

    expect(Date.now() - started).toBeLessThan(600);
    expect(enrichment.status).toBe('partial');
    expect(enrichment.reason).toMatch(/time budget/);
    expect(enrichment.matched).toBeGreaterThanOrEqual(1);
    expect(enrichment.matched).toBeLessThan(5);
  });

  test('stops waiting for a call that never returns at the deadline', async () => {
    logsMock.on(FilterLogEventsCommand).callsFake(() => new Promise(() => undefined));

    const enrichment = await enrichAlarm(logs, alarm, options({ deadline: Date.now() + 150 }));

    expect(enrichment).toMatchObject({ status: 'failed', reason: 'FilterLogEvents: TimeBudgetExceeded: the time budget for the search ran out' });
  });

  test('stops when an injected clock passes the deadline', async () => {
    let now = 0;
    logsMock.on(FilterLogEventsCommand).callsFake(() => {
      now += 1000;
      return { events: logEvents(1), nextToken: 'more' };
    });

    const enrichment = await enrichAlarm(logs, alarm, options({ deadline: 2500, now: () => now }));

    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(3);
    expect(enrichment).toMatchObject({ status: 'partial', reason: 'stopped at the end of the time budget', matched: 3 });
  });

  test('counts malformed messages and keeps describing the valid ones', async () => {
    const [first] = filterLogEvents.events;
    logsMock.on(FilterLogEventsCommand).resolves({
      events: [
        { ...first, message: 'not json at all' },
        { ...first, message: '[1,2]' },
        { ...first, message: undefined },
        ...logEvents(2),
      ],
    });

    const enrichment = await enrichAlarm(logs, alarm, options({ maxEvents: 2 }));

    expect(enrichment).toMatchObject({ status: 'complete', matched: 5, malformed: 3 });
    expect(enrichment.events).toHaveLength(2);
  });

  test.each([
    ['throttled after the SDK retries', awsError('ThrottlingException', 'Rate exceeded'), 'ThrottlingException: Rate exceeded'],
    ['access denied', awsError('AccessDeniedException', 'User is not authorized to perform: logs:DescribeMetricFilters'),
      'AccessDeniedException: User is not authorized to perform: logs:DescribeMetricFilters'],
  ])('DescribeMetricFilters %s -> failed with the reason', async (_name, error, reason) => {
    logsMock.on(DescribeMetricFiltersCommand).rejects(error);

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(enrichment).toMatchObject({ status: 'failed', reason: `DescribeMetricFilters: ${reason}`, events: [], matched: 0 });
    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(0);
  });

  test('a FilterLogEvents failure after some pages keeps what was found', async () => {
    logsMock.on(FilterLogEventsCommand)
      .resolvesOnce({ events: logEvents(2), nextToken: 't1' })
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(enrichment).toMatchObject({ status: 'partial', reason: 'FilterLogEvents: ThrottlingException: Rate exceeded', matched: 2 });
  });

  test('no metric filter publishes the metric -> skipped', async () => {
    logsMock.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(enrichment).toMatchObject({
      status: 'skipped',
      reason: 'no metric filter publishes the metric CISBenchmark/RootAccountUsage in this account and region',
    });
  });

  test('searches every log group whose filter publishes the metric, and ignores filters of other metrics', async () => {
    const [filter] = describeMetricFilters.metricFilters;
    logsMock.on(DescribeMetricFiltersCommand).resolves({
      metricFilters: [
        filter,
        { ...filter, logGroupName: 'second' },
        { ...filter, logGroupName: 'unrelated', metricTransformations: [{ metricName: 'Other', metricNamespace: 'CISBenchmark', metricValue: '1' }] },
      ],
    });

    const enrichment = await enrichAlarm(logs, alarm, options());

    expect(logsMock.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.logGroupName)).toEqual(['aws-cloudtrail-logs/org', 'second']);
    expect(enrichment.matched).toBe(10);
  });

  test.each([
    ['no metrics (composite alarm)', { alarmRule: 'ALARM(a)' }],
    ['metric math only', { metrics: [{ id: 'e1', expression: 'm1 * 2' }] }],
    ['metrics of the wrong type', { metrics: 'm1' }],
  ])('%s -> skipped without calling CloudWatch Logs', async (_name, configuration) => {
    const event = { ...alarm, alarmData: { ...alarm.alarmData, configuration } } as AlarmEvent;

    const enrichment = await enrichAlarm(logs, event, options());

    expect(enrichment.status).toBe('skipped');
    expect(enrichment.reason).toMatch(/no metric/);
    expect(logsMock.calls()).toHaveLength(0);
  });

  test.each([
    ['the trail heartbeat', 'AWS/Logs', 'IncomingLogEvents'],
    ['notifier errors', 'AWS/Lambda', 'Errors'],
    ['dead letters', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible'],
  ])('a monitoring alarm (%s, an AWS service metric) -> skipped without calling CloudWatch Logs', async (_name, namespace, name) => {
    const configuration = { metrics: [{ id: 'm1', metricStat: { metric: { namespace, name, dimensions: {} }, period: 300, stat: 'Sum' } }] };
    const event = { ...alarm, alarmData: { ...alarm.alarmData, configuration } } as AlarmEvent;

    const enrichment = await enrichAlarm(logs, event, options());

    expect(enrichment.status).toBe('skipped');
    expect(enrichment.reason).toBe(`${namespace}/${name} is an AWS service metric, not a detection's metric filter: this is a monitoring alarm of the baseline`);
    expect(logsMock.calls()).toHaveLength(0);
  });
});

describe('evaluationWindow', () => {
  test('without reasonData: state time - period x 1 - lag, to state time + 1 minute', () => {
    const event = { alarmData: { state: { timestamp: '2024-05-14T09:21:07.123+0000' } } } as AlarmEvent;
    expect(evaluationWindow(event, 300, 0)).toEqual({
      start: new Date(STATE_TIME - 300_000 - LAG_ALLOWANCE_MS),
      end: new Date(STATE_TIME + LOOKAHEAD_MS),
    });
  });

  test('several evaluated datapoints widen the window to the earliest', () => {
    const reasonData = JSON.stringify({
      period: 60,
      evaluatedDatapoints: [{ timestamp: '2024-05-14T09:20:00.000+0000' }, { timestamp: '2024-05-14T09:10:00.000+0000' }, { value: 1 }],
    });
    const event = { alarmData: { state: { timestamp: '2024-05-14T09:21:07.123+0000', reasonData } } } as AlarmEvent;
    expect(evaluationWindow(event, undefined, 0).start).toEqual(new Date(Date.parse('2024-05-14T09:10:00Z') - LAG_ALLOWANCE_MS));
  });

  test('falls back to the event time, then to now; and to a 300-second period', () => {
    expect(evaluationWindow({ time: '2024-05-14T09:21:07.123+0000', alarmData: {} }, undefined, 0).end)
      .toEqual(new Date(STATE_TIME + LOOKAHEAD_MS));
    const now = Date.parse('2024-06-01T00:00:00Z');
    expect(evaluationWindow({ alarmData: { state: { reasonData: 'not json' } } }, undefined, now)).toEqual({
      start: new Date(now - 300_000 - LAG_ALLOWANCE_MS),
      end: new Date(now + LOOKAHEAD_MS),
    });
  });
});

describe('alarmMetric', () => {
  test('the first query with a metric', () => {
    expect(alarmMetric(alarm)).toEqual({ namespace: 'CISBenchmark', name: 'RootAccountUsage', period: 300 });
    expect(alarmMetric({
      alarmData: {
        configuration: {
          metrics: [null as never, { id: 'e', expression: 'm1' }, { metricStat: { metric: { namespace: 'N', name: 'M' } } }],
        },
      },
    })).toEqual({ namespace: 'N', name: 'M', period: undefined });
  });
});
