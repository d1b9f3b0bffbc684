import * as fs from 'fs';
import * as path from 'path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { formatFastPathNotification, isFastPathEvent } from '../../../lib/alarm-actions/notifier-handler/fast-path';
import { MAX_SUBJECT_LENGTH } from '../../../lib/alarm-actions/notifier-handler/format';
import { handler } from '../../../lib/alarm-actions/notifier-handler/index';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:cloudtrail-baseline-alarms';
const snsMock = mockClient(SNSClient);
const savedEnv = { ...process.env };

// A real record of the corpus (test/fixtures/cloudtrail-events, see its NOTICE.md): a root console sign-in.
const record = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'cloudtrail-events', 'events',
  '012_root_usage__panther_ConsoleLogin.json'), 'utf8'));

/** What DetectionFastPath's input transformer gives the notifier (see lib/fast-path/detection-fast-path.ts). */
const event = {
  'baselineFastPath': {
    detectionId: 'CloudWatch.1',
    title: 'Root user activity',
    severity: 'CRITICAL',
    controls: ['CloudWatch.1', 'CIS v1.2.0/3.3'],
    description: 'An API call or console action made with the root user\'s credentials.',
    remediation: 'Confirm with the account owner.',
  },
  'id': 'e-1',
  'detail-type': 'AWS Console Sign In via CloudTrail',
  'source': 'aws.signin',
  'account': '123456789012',
  'region': 'us-east-1',
  'time': '2019-01-01T00:00:01Z',
  'detail': record,
};

beforeEach(() => {
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-fp' });
  process.env = { ...savedEnv, TOPIC_ARN };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => { process.env = savedEnv; });

describe('notifier: EventBridge fast-path events', () => {
  test('recognises the fast-path input, not alarm events or raw EventBridge events', () => {
    expect(isFastPathEvent(event)).toBe(true);
    expect(isFastPathEvent({ alarmData: {} })).toBe(false);
    expect(isFastPathEvent({ 'detail-type': 'AWS API Call via CloudTrail', 'detail': record })).toBe(false);
    expect(isFastPathEvent({ baselineFastPath: {}, detail: 'x' })).toBe(false);
  });

  test('the message says who did what, when, from where, and the detection', () => {
    const n = formatFastPathNotification(event);
    expect(n.subject).toBe('CRITICAL: CloudWatch.1 Root user activity (123456789012 us-east-1)');
    expect(n.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(n.message).toContain('CRITICAL: Root user activity [CloudWatch.1, CIS v1.2.0/3.3]');
    expect(n.message).toContain('1. 2019-01-01T00:00:00Z  signin.amazonaws.com ConsoleLogin');
    expect(n.message).toContain('Who:    Root arn:aws:iam::123456789012:root, MFA no');
    expect(n.message).toContain('from 111.111.111.111');
    expect(n.message).toContain('First step:\n  Confirm with the account owner.');
    expect(n.message).toContain('Received: 2019-01-01T00:00:01Z (AWS Console Sign In via CloudTrail, event e-1)');
  });

  test('publishes one notification with the message attribute email subscriptions filter on', async () => {
    const result = await handler(event);
    expect(result).toEqual({ published: true, messageId: 'msg-fp' });
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toMatchObject({
      TopicArn: TOPIC_ARN,
      Subject: 'CRITICAL: CloudWatch.1 Root user activity (123456789012 us-east-1)',
      MessageAttributes: { baseline_message_type: { DataType: 'String', StringValue: 'notification' } },
    });
  });

  test('a record with missing fields still gives a notification', () => {
    const n = formatFastPathNotification({ baselineFastPath: {}, detail: {} });
    expect(n.subject).toBe('EVENT: CloudTrail detection');
    expect(n.message).toContain('unknown action');
    expect(n.message).toContain('Account:  unknown');
  });

  test('an SNS failure fails the invocation (EventBridge retries, then the dead-letter queue)', async () => {
    snsMock.on(PublishCommand).rejects(new Error('throttled'));
    await expect(handler(event)).rejects.toThrow('throttled');
  });
});
