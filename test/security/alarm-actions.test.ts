/**
 * The alarm actions' promises, proven by deciding requests against the synthesized topic, queue,
 * key and role policies: alarms of this account and region publish, nobody else does; only over
 * TLS; the topic keys serve CloudWatch (and EventBridge) for SNS messages of this account's topics
 * and CloudWatch Logs only for the notifier's own log group.
 */
import { App, Stack } from 'aws-cdk-lib';
import { landingZoneWorld, singleAccountWorld } from './worlds';
import { AlarmNotifications, DetectionFastPath, Detections } from '../../lib';
import { ADMINISTRATOR_ACCESS, PolicyWorld, templatesOf } from '../support/policy-evaluation';

const landingZone = landingZoneWorld();
const single = singleAccountWorld();

const topics = [
  { name: 'single account: baseline topic', world: single, stack: 'SingleAccount', id: 'BaselineNotifications', account: '333333333333', region: 'eu-west-1' },
  { name: 'landing zone: baseline topic', world: landingZone, stack: 'Management', id: 'BaselineNotifications', account: '222222222222', region: 'us-east-1' },
  { name: 'landing zone: paging topic (no notifier)', world: landingZone, stack: 'Management', id: 'Paging', account: '222222222222', region: 'us-east-1' },
];

describe.each(topics)('$name', ({ world, stack, id, account, region }) => {
  const topic = () => world.arnOf(stack, 'AWS::SNS::Topic', `${id}Topic`);
  const key = () => world.arnOf(stack, 'AWS::KMS::Key', `${id}Key`);
  const queue = () => world.arnOf(stack, 'AWS::SQS::Queue', `${id}DeadLetterQueue`);
  const alarm = (acct = account, reg = region) => `arn:aws:cloudwatch:${reg}:${acct}:alarm:Baseline-CloudWatch.1`;
  const publish = (context: Record<string, string>, principal = 'cloudwatch.amazonaws.com') => world.decide({ principal, action: 'sns:Publish', resource: topic(), context });

  test('alarms of this account and region may publish', async () => {
    expect(await publish({ 'aws:SourceAccount': account, 'aws:SourceArn': alarm() })).toBe('Allowed');
  });

  test('alarms of another account or region, other services and outsiders may not', async () => {
    expect(await publish({ 'aws:SourceAccount': '999999999999', 'aws:SourceArn': alarm('999999999999') })).toBe('ImplicitlyDenied');
    expect(await publish({ 'aws:SourceAccount': account, 'aws:SourceArn': alarm(account, 'ap-south-1') })).toBe('ImplicitlyDenied');
    expect(await publish({ 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:events:${region}:${account}:rule/any` }, 'events.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await world.decide({ principal: 'arn:aws:iam::999999999999:role/Attacker', identityPolicies: [ADMINISTRATOR_ACCESS], action: 'sns:Publish', resource: topic() }))
      .toBe('ImplicitlyDenied');
  });

  test('no publishing without TLS, not even by the alarms', async () => {
    expect(await publish({ 'aws:SourceAccount': account, 'aws:SourceArn': alarm(), 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
  });

  test('the dead-letter queue: SNS of this topic may send, nothing without TLS', async () => {
    const send = (principal: string, context: Record<string, string>, identityPolicies: any[] = []) =>
      world.decide({ principal, action: 'sqs:SendMessage', resource: queue(), context, identityPolicies });
    expect(await send('sns.amazonaws.com', { 'aws:SourceArn': topic() })).toBe('Allowed');
    expect(await send('sns.amazonaws.com', { 'aws:SourceArn': `arn:aws:sns:${region}:${account}:other-topic` })).toBe('ImplicitlyDenied');
    expect(await send(`arn:aws:iam::${account}:role/Administrator`, { 'aws:SecureTransport': 'false' }, [ADMINISTRATOR_ACCESS])).toBe('ExplicitlyDenied');
  });

  test('the topic key: CloudWatch may use it for SNS messages of this account\'s topics', async () => {
    expect(await world.decide({
      principal: 'cloudwatch.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: key(),
      context: { 'kms:EncryptionContext:aws:sns:topicArn': topic() },
    })).toBe('Allowed');
  });

  test('the topic key: not without the SNS context, not for another account\'s topic', async () => {
    const use = (context: Record<string, string>) => world.decide({ principal: 'cloudwatch.amazonaws.com', action: 'kms:Decrypt', resource: key(), context });
    expect(await use({})).toBe('ImplicitlyDenied');
    expect(await use({ 'kms:EncryptionContext:aws:sns:topicArn': `arn:aws:sns:${region}:999999999999:other` })).toBe('ImplicitlyDenied');
    expect(await use({ 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:any` })).toBe('ImplicitlyDenied');
  });

  test('the topic key: CloudWatch Logs only for the notifier\'s own log group (none without notifier)', async () => {
    const logs = (group: string) => world.decide({
      principal: `logs.${region}.amazonaws.com`,
      action: 'kms:GenerateDataKey',
      resource: key(),
      context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:${group}` },
    });
    const notifierGroups = (world as PolicyWorld).stack(stack).logicalIds('AWS::Logs::LogGroup', `${id}NotifierLogGroup`);
    if (notifierGroups.length === 1) {
      expect(await logs((world as PolicyWorld).stack(stack).physicalName(notifierGroups[0]))).toBe('Allowed');
    }
    expect(await logs('cloudtrail/any-other-group')).toBe('ImplicitlyDenied');
    expect(await logs(`/aws/lambda/${stack}-anything`)).toBe('ImplicitlyDenied');
  });
});

describe('the notifier role publishes to its topic and reads the trail log group, nothing else', () => {
  const role = () => single.arnOf('SingleAccount', 'AWS::IAM::Role', 'BaselineNotificationsNotifierRole');
  test('allowed: Publish to its topic, FilterLogEvents on the trail log group', async () => {
    expect(await single.decide({ principal: role(), action: 'sns:Publish', resource: single.arnOf('SingleAccount', 'AWS::SNS::Topic', 'BaselineNotificationsTopic') })).toBe('Allowed');
    expect(await single.decide({ principal: role(), action: 'logs:FilterLogEvents', resource: 'arn:aws:logs:eu-west-1:333333333333:log-group:cloudtrail/account-trail:*' })).toBe('Allowed');
  });
  test('denied: another topic, another log group, the archive', async () => {
    expect(await single.decide({ principal: role(), action: 'sns:Publish', resource: 'arn:aws:sns:eu-west-1:333333333333:other' })).toBe('ImplicitlyDenied');
    expect(await single.decide({ principal: role(), action: 'logs:FilterLogEvents', resource: 'arn:aws:logs:eu-west-1:333333333333:log-group:other:*' })).toBe('ImplicitlyDenied');
    const bucket = single.nameOf('SingleAccount', 'AWS::S3::Bucket', 'LogArchiveBucket');
    expect(await single.decide({ principal: role(), action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/AWSLogs/f.json.gz` })).toBe('ImplicitlyDenied');
  });
});

describe('EventBridge fast path to a topic without notifier: the rule publishes, the key serves that topic', () => {
  const app = new App();
  const stack = new Stack(app, 'FastPath', { env: { account: '555555555555', region: 'us-east-1' } });
  const notifications = new AlarmNotifications(stack, 'Alarms', { notifier: false, topicName: 'baseline-alarms' });
  new DetectionFastPath(stack, 'FastPath', { detections: [Detections.rootUserUsage()], notifications });
  const world = new PolicyWorld(templatesOf([stack]));
  const topic = 'arn:aws:sns:us-east-1:555555555555:baseline-alarms';
  const rule = () => world.arnOf('FastPath', 'AWS::Events::Rule', 'FastPathCloudWatch1');

  test('the rule may publish to the topic; another rule may not', async () => {
    const publish = (sourceArn: string) => world.decide({ principal: 'events.amazonaws.com', action: 'sns:Publish', resource: topic, context: { 'aws:SourceArn': sourceArn } });
    expect(await publish(rule())).toBe('Allowed');
    expect(await publish('arn:aws:events:us-east-1:555555555555:rule/other')).toBe('ImplicitlyDenied');
  });

  test('EventBridge may use the key for this topic; CloudWatch only for this (named) topic', async () => {
    const use = (principal: string, topicArn: string) => world.decide({
      principal,
      action: 'kms:GenerateDataKey',
      resource: world.arnOf('FastPath', 'AWS::KMS::Key', 'AlarmsKey'),
      context: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
    });
    expect(await use('events.amazonaws.com', topic)).toBe('Allowed');
    expect(await use('cloudwatch.amazonaws.com', topic)).toBe('Allowed');
    expect(await use('cloudwatch.amazonaws.com', 'arn:aws:sns:us-east-1:555555555555:other-topic')).toBe('ImplicitlyDenied');
  });

  test('known gap: the dead-letter queue statement (EventBridge → SQS) has no condition, so EventBridge may use the key for any context', async () => {
    // No AWS page we could find documents SQS's encryption context or a source key EventBridge
    // sends to KMS for a dead-letter queue (docs/security-model.md, "Open"). When the statement is
    // scoped, this test fails: update it and the document.
    expect(await world.decide({
      principal: 'events.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: world.arnOf('FastPath', 'AWS::KMS::Key', 'AlarmsKey'),
      context: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:us-east-1:555555555555:other-topic' },
    })).toBe('Allowed');
  });
});
