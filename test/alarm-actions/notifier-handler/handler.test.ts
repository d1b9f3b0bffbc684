import { CloudWatchLogsClient, DescribeMetricFiltersCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import alarmEvent from './fixtures/alarm-event.json';
import describeMetricFilters from './fixtures/describe-metric-filters.json';
import filterLogEvents from './fixtures/filter-log-events.json';
import { SNS_MESSAGE_LIMIT_BYTES } from '../../../lib/alarm-actions/notifier-handler/activity';
import { MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE } from '../../../lib/alarm-actions/notifier-handler/contract';
import { handler } from '../../../lib/alarm-actions/notifier-handler/index';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:cloudtrail-baseline-alarms';
const snsMock = mockClient(SNSClient);
const logsMock = mockClient(CloudWatchLogsClient);

const savedEnv = { ...process.env };

function withState(value: string) {
  return { ...alarmEvent, alarmData: { ...alarmEvent.alarmData, state: { ...alarmEvent.alarmData.state, value } } };
}

function published() {
  const calls = snsMock.commandCalls(PublishCommand);
  expect(calls).toHaveLength(1);
  return calls[0].args[0].input;
}

beforeEach(() => {
  snsMock.reset();
  logsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  logsMock.on(DescribeMetricFiltersCommand).resolves(describeMetricFilters);
  logsMock.on(FilterLogEventsCommand).resolves(filterLogEvents);
  process.env = { ...savedEnv, TOPIC_ARN, LOG_GROUP_NAME: 'aws-cloudtrail-logs/org' };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(() => {
  process.env = savedEnv;
});

describe('notifier handler: publishing', () => {
  test('on ALARM, publishes one readable notification with the events behind it', async () => {
    const result = await handler(alarmEvent);

    expect(result).toEqual({
      published: true,
      messageId: 'msg-1',
      enrichment: { status: 'complete', matchedEvents: 5, describedEvents: 5 },
    });
    const input = published();
    expect(input.TopicArn).toBe(TOPIC_ARN);
    expect(input.Subject).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(input.MessageAttributes).toEqual({
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: NOTIFICATION_MESSAGE_TYPE },
    });
    expect(input.MessageAttributes).toEqual({ baseline_message_type: { DataType: 'String', StringValue: 'notification' } });
    // Plain text, one message for all protocols.
    expect(input.MessageStructure).toBeUndefined();

    const message = input.Message!;
    expect(message).toContain('changed from OK to ALARM');
    expect(message).toContain('Root user activity [CloudWatch.1, CIS v1.2.0/3.3, CIS v1.4.0/4.3]');
    // Who did what, after "What fired" and before the details.
    expect(message.indexOf('What fired:')).toBeLessThan(message.indexOf('Who did what'));
    expect(message.indexOf('Who did what')).toBeLessThan(message.indexOf('State:    OK -> ALARM'));
    expect(message).toContain('5 matching events.');
    expect(message).toContain('1. 2019-01-01T00:00:00Z  s3.amazonaws.com PutBucketVersioning\n   Who:    Root arn:aws:iam::123456789012:root, MFA no\n');
    expect(message).toContain('   Event:  https://ap-isob-central-3r.console.aws.amazon.com/cloudtrail/home?region=ap-isob-central-3r#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc\n');
    expect(message).toContain('CloudWatch Logs Insights (log group aws-cloudtrail-logs/org)');

    // The metric filter search is scoped to LOG_GROUP_NAME (least privilege).
    expect(logsMock.commandCalls(DescribeMetricFiltersCommand)[0].args[0].input).toEqual({
      metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark', logGroupName: 'aws-cloudtrail-logs/org',
    });
  });

  test.each(['OK', 'INSUFFICIENT_DATA'])('on %s, publishes the plain notification without searching', async (state) => {
    const result = await handler(withState(state));

    expect(result).toEqual({ published: true, messageId: 'msg-1' });
    expect(logsMock.calls()).toHaveLength(0);
    const message = published().Message!;
    expect(message).not.toContain('Who did what');
    expect(message).not.toContain('Enrichment');
    expect(message).toContain(`State:    OK -> ${state}`);
  });

  test('without LOG_GROUP_NAME, the Logs Insights link uses the log group of the metric filter', async () => {
    delete process.env.LOG_GROUP_NAME;

    await handler(alarmEvent);

    expect(logsMock.commandCalls(DescribeMetricFiltersCommand)[0].args[0].input).toEqual({
      metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark',
    });
    expect(published().Message).toContain('CloudWatch Logs Insights (log group aws-cloudtrail-logs/org)');
  });

  test('without LOG_GROUP_NAME and not in ALARM, no Logs Insights link', async () => {
    delete process.env.LOG_GROUP_NAME;

    await handler(withState('OK'));

    const message = published().Message!;
    expect(message).not.toContain('Logs Insights');
    expect(message).toContain('#alarmsV2:alarm/');
  });

  test('reads the environment on every invocation', async () => {
    snsMock.on(PublishCommand).resolves({});
    process.env.TOPIC_ARN = `${TOPIC_ARN}-other`;

    const result = await handler(withState('OK'));

    expect(result).toEqual({ published: true, messageId: undefined });
    expect(published().TopicArn).toBe(`${TOPIC_ARN}-other`);
  });

  test.each([
    ['an EventBridge event', { 'source': 'aws.cloudtrail', 'detail-type': 'AWS API Call via CloudTrail', 'detail': {} }],
    ['an SNS event', { Records: [{ EventSource: 'aws:sns' }] }],
    ['an empty object', {}],
    ['null', null],
  ])('ignores %s without publishing', async (_name, event) => {
    const result = await handler(event);

    expect(result).toEqual({ published: false });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(jest.mocked(console.warn).mock.calls[0][0]).toMatch(/not a CloudWatch alarm event/);
  });

  test('throws a clear error when TOPIC_ARN is not set', async () => {
    delete process.env.TOPIC_ARN;

    await expect(handler(alarmEvent)).rejects.toThrow(/TOPIC_ARN/);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('lets an SNS error propagate, so that Lambda retries the invocation', async () => {
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));

    await expect(handler(alarmEvent)).rejects.toThrow('Rate exceeded');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  test('warns about ignored settings and keeps going', async () => {
    process.env.MAX_EVENTS = 'lots';
    process.env.CHAT_WEBHOOKS = 'not json';

    await expect(handler(alarmEvent)).resolves.toMatchObject({ published: true });
    const warning = JSON.parse(jest.mocked(console.warn).mock.calls[0][0] as string);
    expect(warning.problems).toEqual([
      "MAX_EVENTS='lots' is not a whole number from 1 to 50; using 10",
      'CHAT_WEBHOOKS is not JSON; no chat webhook is used',
    ]);
  });
});

describe('notifier handler: never drops an alarm', () => {
  test.each([
    ['access denied', Object.assign(new Error('User: arn:aws:sts::222222222222:assumed-role/n/n is not authorized to perform: logs:DescribeMetricFilters'), { name: 'AccessDeniedException' }),
      'Enrichment failed: DescribeMetricFilters: AccessDeniedException: User: arn:aws:sts::222222222222:assumed-role/n/n is not authorized to perform: logs:DescribeMetricFilters.'],
    ['throttling after the SDK retries', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
      'Enrichment failed: DescribeMetricFilters: ThrottlingException: Rate exceeded.'],
  ])('enrichment failure (%s): the alarm is published with the reason', async (_name, error, line) => {
    logsMock.on(DescribeMetricFiltersCommand).rejects(error);

    const result = await handler(alarmEvent);

    expect(result).toMatchObject({ published: true, enrichment: { status: 'failed', matchedEvents: 0 } });
    const message = published().Message!;
    expect(message).toContain(line);
    expect(message).toContain('Alarm in the CloudWatch console:');
  });

  test('a CloudWatch Logs call that never returns is cut at the time budget (getRemainingTimeInMillis)', async () => {
    logsMock.on(FilterLogEventsCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();

    const result = await handler(alarmEvent, { getRemainingTimeInMillis: () => 5_400 });

    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.enrichment).toEqual({
      status: 'failed', reason: 'FilterLogEvents: TimeBudgetExceeded: the time budget for the search ran out', matchedEvents: 0, describedEvents: 0,
    });
    expect(published().Message).toContain('Enrichment failed: FilterLogEvents: TimeBudgetExceeded');
  });

  test('slow pages: stops at the time budget and says the count is a lower bound', async () => {
    logsMock.on(FilterLogEventsCommand).callsFake(() => new Promise((resolve) => setTimeout(
      () => resolve({ events: filterLogEvents.events.slice(0, 1), nextToken: 'more' }), 100)));

    const result = await handler(alarmEvent, { getRemainingTimeInMillis: () => 5_450 });

    expect(result.enrichment?.status).toBe('partial');
    const message = published().Message!;
    expect(message).toMatch(/At least \d+ matching events? \(the search stopped early\)\./);
    expect(message).toContain('Search incomplete: stopped at the end of the time budget.');
  });

  test('2,000 large matching events: the SNS message stays under 256 KiB', async () => {
    process.env.MAX_EVENTS = '50';
    const big = JSON.stringify({
      eventVersion: '1.09',
      eventID: 'b1c2d3e4-0000-4000-8000-000000000000',
      eventTime: '2024-05-14T09:16:02Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'PutRolePolicy',
      awsRegion: 'us-east-1',
      recipientAccountId: '222222222222',
      sourceIPAddress: '203.0.113.7',
      userAgent: '€'.repeat(1000),
      errorCode: 'AccessDenied',
      errorMessage: '€'.repeat(2000),
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::222222222222:assumed-role/${'€'.repeat(400)}`, sessionContext: { sessionIssuer: { arn: `arn:aws:iam::222222222222:role/${'€'.repeat(400)}` } } },
      requestParameters: { roleName: '€'.repeat(500), policyName: '€'.repeat(500), policyDocument: '{}'.repeat(5000), userName: '€'.repeat(500) },
    });
    const events = Array.from({ length: 2000 }, (_, i) => ({ ...filterLogEvents.events[0], eventId: String(i), message: big }));
    logsMock.on(FilterLogEventsCommand).resolves({ events });

    const result = await handler(alarmEvent);

    expect(result.enrichment).toEqual({ status: 'complete', matchedEvents: 2000, describedEvents: 50 });
    const message = published().Message!;
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThan(SNS_MESSAGE_LIMIT_BYTES - 1024);
    expect(message).toMatch(/\.\.\. and 19\d\d more matching events \(left out to keep the message within the size limit\)\./);
    // The links and the alarm ARN at the end survive.
    expect(message).toContain('Alarm ARN: arn:aws:cloudwatch:us-east-1:222222222222:alarm:CloudTrailBaseline-CloudWatch.1-RootAccountUsage');
  });
});
