/**
 * The trail logging remediation handler: StartLogging on a known trail that is not logging, nothing
 * on one that logs again (idempotent), and a refusal (thrown) for events that are not a successful
 * StopLogging of one of its trails.
 */
import { CloudTrailClient, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, knownTrail, StopLoggingEvent } from '../../../lib/trail/trail-logging-remediation-handler';

const cloudtrail = mockClient(CloudTrailClient);
const TRAIL = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail';
const env = { ...process.env };
let log: jest.SpyInstance;

function stopLogging(name: string, extra: Record<string, unknown> = {}): StopLoggingEvent {
  return {
    detail: {
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      requestParameters: { name },
      userIdentity: { arn: 'arn:aws:sts::222222222222:assumed-role/Admin/alice' },
      eventTime: '2026-12-02T10:00:00Z',
      ...extra,
    },
  };
}

beforeEach(() => {
  cloudtrail.reset();
  process.env.TRAIL_ARNS = JSON.stringify([TRAIL]);
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  process.env = { ...env };
  log.mockRestore();
});

test('a stopped trail, named by name: StartLogging on its ARN, and who stopped it in the result and the log', async () => {
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
  cloudtrail.on(StartLoggingCommand).resolves({});
  await expect(handler(stopLogging('organization-trail'))).resolves.toEqual({
    trailArn: TRAIL, action: 'restarted', stoppedBy: 'arn:aws:sts::222222222222:assumed-role/Admin/alice', stoppedAt: '2026-12-02T10:00:00Z',
  });
  expect(cloudtrail.commandCalls(StartLoggingCommand).map((c) => c.args[0].input)).toEqual([{ Name: TRAIL }]);
  expect(JSON.parse(log.mock.calls[0][0])).toMatchObject({ action: 'restarted', stoppedBy: 'arn:aws:sts::222222222222:assumed-role/Admin/alice' });
});

test('named by ARN works too', async () => {
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
  await expect(handler(stopLogging(TRAIL))).resolves.toMatchObject({ action: 'restarted' });
});

test('a trail that logs again (a second delivery, or someone restarted it): no StartLogging', async () => {
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  await expect(handler(stopLogging('organization-trail'))).resolves.toMatchObject({ action: 'already-logging' });
  expect(cloudtrail.commandCalls(StartLoggingCommand)).toHaveLength(0);
});

test.each([
  ['another trail', stopLogging('someone-elses-trail'), /none of this function's trails/],
  ['a trail whose name only ends like ours', stopLogging('my-organization-trail'), /none of this function's trails/],
  ['a failed StopLogging', stopLogging('organization-trail', { errorCode: 'AccessDenied' }), /not a successful StopLogging call/],
  ['another API', stopLogging('organization-trail', { eventName: 'StartLogging' }), /not a successful StopLogging call/],
  ['an empty event', {}, /not a successful StopLogging call/],
])('refused, with no CloudTrail call: %s', async (_name, event, message) => {
  await expect(handler(event as StopLoggingEvent)).rejects.toThrow(message);
  expect(cloudtrail.calls()).toHaveLength(0);
});

test('a StartLogging failure is thrown (the invocation fails: retries, dead-letter queue, alarm)', async () => {
  cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
  cloudtrail.on(StartLoggingCommand).rejects(new Error('AccessDeniedException'));
  await expect(handler(stopLogging('organization-trail'))).rejects.toThrow('AccessDeniedException');
});

test('knownTrail matches a whole name or the ARN, nothing else', () => {
  expect(knownTrail('organization-trail', [TRAIL])).toBe(TRAIL);
  expect(knownTrail('trail', [TRAIL])).toBeUndefined();
  expect(knownTrail(undefined, [TRAIL])).toBeUndefined();
});
