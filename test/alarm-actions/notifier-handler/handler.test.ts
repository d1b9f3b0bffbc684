import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import alarmEvent from './fixtures/alarm-event.json';
import { MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE } from '../../../lib/alarm-actions/notifier-handler/contract';
import { handler } from '../../../lib/alarm-actions/notifier-handler/index';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:cloudtrail-baseline-alarms';
const snsMock = mockClient(SNSClient);

const savedEnv = { ...process.env };

beforeEach(() => {
  snsMock.reset();
  process.env = { ...savedEnv, TOPIC_ARN, LOG_GROUP_NAME: 'aws-cloudtrail-logs/org' };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(() => {
  process.env = savedEnv;
});

describe('notifier handler', () => {
  test('publishes one readable notification to the topic', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });

    const result = await handler(alarmEvent);

    expect(result).toEqual({ published: true, messageId: 'msg-1' });
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input.TopicArn).toBe(TOPIC_ARN);
    expect(input.Subject).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(input.MessageAttributes).toEqual({
      baseline_message_type: { DataType: 'String', StringValue: 'notification' },
    });
    expect(input.MessageAttributes).toEqual({
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: NOTIFICATION_MESSAGE_TYPE },
    });
    expect(input.Message).toContain('changed from OK to ALARM');
    expect(input.Message).toContain('Root user activity [CloudWatch.1, CIS v1.2.0/3.3, CIS v1.4.0/4.3]');
    expect(input.Message).toContain('CloudWatch Logs Insights (log group aws-cloudtrail-logs/org)');
    // Plain text, one message for all protocols.
    expect(input.MessageStructure).toBeUndefined();
  });

  test('leaves out the Logs Insights link without LOG_GROUP_NAME', async () => {
    delete process.env.LOG_GROUP_NAME;
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-2' });

    await handler(alarmEvent);

    const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(input.Message).not.toContain('Logs Insights');
    expect(input.Message).toContain('#alarmsV2:alarm/');
  });

  test('reads the environment on every invocation', async () => {
    snsMock.on(PublishCommand).resolves({});
    process.env.TOPIC_ARN = `${TOPIC_ARN}-other`;

    const result = await handler(alarmEvent);

    expect(result).toEqual({ published: true, messageId: undefined });
    expect(snsMock.commandCalls(PublishCommand)[0].args[0].input.TopicArn).toBe(`${TOPIC_ARN}-other`);
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
    const error = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    snsMock.on(PublishCommand).rejects(error);

    await expect(handler(alarmEvent)).rejects.toThrow('Rate exceeded');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
