/**
 * `AlarmNotifications` and its `AlarmNotifierFunction`: key, topic, subscriptions, the notifier's
 * function, role and code asset, and the Lambda alarm action's permissions.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, FileSystem, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { LambdaAction, SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { AlarmNotifications, AlarmNotificationsProps } from '../../lib/alarm-actions';
import { MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE } from '../../lib/alarm-actions/notifier-handler/contract';
import { DetectionAlarms } from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'notifier');

function synth(props: AlarmNotificationsProps | ((stack: Stack) => AlarmNotificationsProps) = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  const notifications = new AlarmNotifications(stack, 'Notifications', typeof props === 'function' ? props(stack) : props);
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  const ids = {
    key: id(notifications.encryptionKey),
    topic: id(notifications.topic),
    queue: id(notifications.deadLetterQueue),
    fn: notifications.notifier ? id(notifications.notifier) : undefined,
  };
  return { app, stack, notifications, template, ids };
}

/** The resources of a type, by logical ID. */
const resources = (template: Template, type: string): Record<string, any> => template.findResources(type);
const only = (template: Template, type: string): [string, any] => {
  const entries = Object.entries(resources(template, type));
  expect(entries).toHaveLength(1);
  return entries[0];
};

/** An `Fn::Join` of strings and `AWS::Partition` as the string it is in the `aws` partition. */
function joined(value: any): string {
  if (typeof value === 'string') return value;
  const [sep, parts] = value['Fn::Join'];
  return parts.map((p: any) => (p?.Ref === 'AWS::Partition' ? 'aws' : p)).join(sep);
}

describe('the key and the topic', () => {
  const { template, ids } = synth({ emailAddresses: ['ops@example.com'] });
  const [keyId, key] = only(template, 'AWS::KMS::Key');
  const statements: any[] = key.Properties.KeyPolicy.Statement;
  const bySid = (sid: string) => statements.find((s) => s.Sid === sid);

  test('the topic is encrypted with the construct\'s customer managed key', () => {
    expect(keyId).toBe(ids.key);
    const [, topic] = only(template, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [ids.key, 'Arn'] });
    expect(JSON.stringify(template.toJSON())).not.toContain('alias/aws/sns');
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] }, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  test('key: rotation on, retained, 30-day deletion window', () => {
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.PendingWindowInDays).toBe(30);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('key policy: CloudWatch alarms may use the key for SNS messages of topics of this account and region (the name is generated)', () => {
    const s = bySid('AllowCloudWatchAlarmsToUseTheKey');
    expect(s).toEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchAlarmsToUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
    }));
    expect(Object.keys(s.Condition)).toEqual(['StringLike']);
    expect(joined(s.Condition.StringLike['kms:EncryptionContext:aws:sns:topicArn'])).toBe(`arn:aws:sns:${REGION}:${ACCOUNT}:*`);
  });

  test('key policy: the regional CloudWatch Logs principal, bound to the notifier\'s own (named) log group', () => {
    const s = bySid('AllowCloudWatchLogsToUseTheKey');
    expect(s.Principal).toEqual({ Service: `logs.${REGION}.amazonaws.com` });
    expect(s.Action).toEqual(expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']));
    expect(Object.keys(s.Condition)).toEqual(['ArnEquals']);
    expect(joined(s.Condition.ArnEquals['kms:EncryptionContext:aws:logs:arn']))
      .toBe(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/cdk-cloudtrail-baseline/alarm-notifier/StackNotificationsNotifierE53DB61B`);
  });

  test('key policy: SNS may use the key for dead letters of this account', () => {
    expect(bySid('AllowSnsToUseTheKeyForDeadLetters')).toEqual(expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    }));
  });

  test('key policy: only AWS services may create grants (CT.KMS.PR.3)', () => {
    expect(bySid('DenyGrantsExceptForAwsServices')).toEqual({
      Sid: 'DenyGrantsExceptForAwsServices',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('topic policy: CloudWatch alarms of this account and region may publish; no publishing without TLS', () => {
    const [, policy] = only(template, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.Topics).toEqual([{ Ref: ids.topic }]);
    const s: any[] = policy.Properties.PolicyDocument.Statement;
    const allow = s.find((x) => x.Sid === 'AllowCloudWatchAlarmsToPublish');
    expect(allow).toEqual(expect.objectContaining({
      Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: ids.topic },
    }));
    expect(allow.Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
    expect(joined(allow.Condition.ArnLike['aws:SourceArn'])).toBe(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*`);
    expect(s).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(s).toHaveLength(2);
  });

  test('synth produces no warning', () => {
    const { stack } = synth({ emailAddresses: ['ops@example.com'] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('subscriptions and actions', () => {
  test('with the notifier: email receives only notifications, undeliverable messages go to the dead-letter queue', () => {
    const { template, ids, notifications } = synth({ emailAddresses: ['a@example.com', 'b@example.com'] });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const email of ['a@example.com', 'b@example.com']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: email,
        TopicArn: { Ref: ids.topic },
        FilterPolicy: { baseline_message_type: ['notification'] },
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
      });
    }
    // SNS may move messages of this topic into the queue.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: ids.topic } } },
        })]),
      },
    });
    const actions = notifications.alarmActions;
    expect(actions).toHaveLength(2);
    expect(actions[0]).toBeInstanceOf(SnsAction);
    expect(actions[1]).toBeInstanceOf(LambdaAction);
    expect(notifications.alarmActions).not.toBe(notifications.alarmActions);
  });

  test('without the notifier: no filter policy, no function, the SNS action only', () => {
    const { template, notifications } = synth({ notifier: false, emailAddresses: ['a@example.com'] });
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'a@example.com', FilterPolicy: Match.absent() });
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(notifications.notifier).toBeUndefined();
    expect(notifications.alarmActions).toHaveLength(1);
    expect(notifications.alarmActions[0]).toBeInstanceOf(SnsAction);
  });

  test('no subscription without email addresses; topicName is applied', () => {
    const { template } = synth({ topicName: 'baseline-alarms' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'baseline-alarms' });
  });

  test('a bad email address is an error naming its index', () => {
    const make = () => synth({ emailAddresses: ['ok@example.com', 'not an email'] });
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(/^AlarmNotificationsProps\.emailAddresses\[1\]: must be an email address .*got 'not an email'/);
  });
});

describe('the notifier function', () => {
  const { template, ids } = synth((s) => ({ cloudTrailLogGroup: LogGroup.fromLogGroupName(s, 'Trail', 'cloudtrail/org-trail') }));
  const [fnId, fn] = only(template, 'AWS::Lambda::Function');

  test('Node.js 24 on arm64, 256 MB, 60 s, X-Ray, dead-letter queue, environment', () => {
    expect(fnId).toBe(ids.fn);
    expect(fn.Properties).toEqual(expect.objectContaining({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 60,
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
      Environment: { Variables: { TOPIC_ARN: { Ref: ids.topic }, LOG_GROUP_NAME: 'cloudtrail/org-trail', MAX_EVENTS: '10' } },
    }));
  });

  test('asynchronous invocations: 2 retries, 6 hours at most, then the dead-letter queue as on-failure destination', () => {
    const [, config] = only(template, 'AWS::Lambda::EventInvokeConfig');
    expect(config.Properties).toEqual({
      FunctionName: { Ref: fnId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.queue, 'Arn'] } } },
    });
  });

  test('without cloudTrailLogGroup: TOPIC_ARN and MAX_EVENTS only, and no CloudWatch Logs read permission', () => {
    const other = synth();
    const [, f] = only(other.template, 'AWS::Lambda::Function');
    expect(f.Properties.Environment.Variables).toEqual({ TOPIC_ARN: { Ref: other.ids.topic }, MAX_EVENTS: '10' });
    const [, policy] = only(other.template, 'AWS::IAM::ManagedPolicy');
    expect(JSON.stringify(policy)).not.toContain('logs:FilterLogEvents');
  });

  test.each([[1], [50], [23]])('maxEventsPerNotification %d is passed as MAX_EVENTS', (n) => {
    const [, f] = only(synth({ maxEventsPerNotification: n }).template, 'AWS::Lambda::Function');
    expect(f.Properties.Environment.Variables.MAX_EVENTS).toBe(String(n));
  });

  test.each([[0], [51], [2.5], [-1]])('maxEventsPerNotification %d is an error naming the property', (n) => {
    expect(() => synth({ maxEventsPerNotification: n }))
      .toThrow(new RegExp(`^AlarmNotificationsProps\\.maxEventsPerNotification: must be a whole number from 1 to 50 \\(got ${n}\\)`));
  });

  test('its log group: KMS-encrypted with the key, kept 365 days, retained', () => {
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
    const logGroup = resources(template, 'AWS::Logs::LogGroup')[logGroupId];
    expect(logGroup.Properties).toEqual({
      KmsKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
      LogGroupName: '/cdk-cloudtrail-baseline/alarm-notifier/StackNotificationsNotifierE53DB61B',
      RetentionInDays: 365,
    });
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  test('its role: exactly one customer managed policy, no inline policy', () => {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const role = resources(template, 'AWS::IAM::Role')[roleId];
    const [policyId] = only(template, 'AWS::IAM::ManagedPolicy');
    expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    // The function waits for its policy (else the first invocations may be denied).
    expect(fn.DependsOn).toEqual(expect.arrayContaining([policyId, roleId]));
  });

  test('its policy: each statement on its own resource; only X-Ray on *; CloudWatch Logs reads on the trail log group only', () => {
    const [, policy] = only(template, 'AWS::IAM::ManagedPolicy');
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
      { Sid: 'PublishNotifications', Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: ids.topic } },
      { Sid: 'UseTopicAndQueueKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
      { Sid: 'DeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
      { Sid: 'XRayTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      {
        Sid: 'ReadCloudTrailEvents',
        Effect: 'Allow',
        Action: ['logs:DescribeMetricFilters', 'logs:FilterLogEvents'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:${REGION}:${ACCOUNT}:log-group:cloudtrail/org-trail:*`]] },
      },
    ]);
  });

  test('the on-failure destination adds no permission outside the managed policy (the key policy is unchanged)', () => {
    const [, key] = only(template, 'AWS::KMS::Key');
    expect(key.Properties.KeyPolicy.Statement.map((s: any) => s.Sid ?? 'root')).toEqual([
      'root', 'DenyGrantsExceptForAwsServices', 'AllowCloudWatchAlarmsToUseTheKey', 'AllowSnsToUseTheKeyForDeadLetters', 'AllowCloudWatchLogsToUseTheKey',
    ]);
  });
});

describe('the notifier code asset (assets/notifier)', () => {
  const hashOfDir = () => FileSystem.fingerprint(ASSET_DIR);

  test('the function code is the asset of assets/notifier, with the same hash in two synths', () => {
    const first = hashOfDir();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOfDir()).toBe(first);
    const keys = [synth(), synth()].map(({ template }) => only(template, 'AWS::Lambda::Function')[1].Properties.Code);
    for (const code of keys) {
      expect(code.S3Key).toBe(`${first}.zip`);
      expect(code.S3Bucket).toBe(`cdk-hnb659fds-assets-${ACCOUNT}-${REGION}`);
    }
    expect(keys[0]).toEqual(keys[1]);
  });

  test('the staged asset holds exactly assets/notifier/index.js, under a relative path', () => {
    const { app, stack } = synth();
    const assembly = app.synth();
    const manifest = JSON.parse(readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf-8'));
    const source = manifest.files[hashOfDir()].source;
    expect(source).toEqual({ path: `asset.${hashOfDir()}`, packaging: 'zip' });
    const staged = path.join(assembly.directory, source.path);
    expect(readFileSync(path.join(staged, 'index.js'))).toEqual(readFileSync(path.join(ASSET_DIR, 'index.js')));
  });
});

describe('the Lambda alarm action', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  const notifications = new AlarmNotifications(stack, 'Notifications');
  new DetectionAlarms(stack, 'Detections', { logGroup: new LogGroup(stack, 'LogGroup'), alarmActions: notifications.alarmActions });
  const template = Template.fromStack(stack);
  const fnId = stack.getLogicalId(notifications.notifier!.node.defaultChild as any);
  const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
  const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));

  test('one permission per alarm (not one per ALARM and OK binding)', () => {
    expect(alarmIds).toHaveLength(15);
    expect(permissions).toHaveLength(15);
    const sourceAlarms = permissions.map((p) => p.Properties.SourceArn['Fn::GetAtt']);
    expect(sourceAlarms.map(([id]: string[]) => id).sort()).toEqual([...alarmIds].sort());
    expect(sourceAlarms.every(([, attr]: string[]) => attr === 'Arn')).toBe(true);
  });

  test('each permission: the alarms principal, this account, the alarm ARN', () => {
    for (const p of permissions) {
      expect(p.Properties).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
        Principal: 'lambda.alarms.cloudwatch.amazonaws.com',
        SourceAccount: ACCOUNT,
        SourceArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      });
    }
  });

  test('each alarm notifies the topic and invokes the notifier on ALARM and OK', () => {
    const topicRef = { Ref: stack.getLogicalId(notifications.topic.node.defaultChild as any) };
    const expected = [topicRef, { 'Fn::GetAtt': [fnId, 'Arn'] }];
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual(expected);
      expect(alarm.Properties.OKActions).toEqual(expected);
    }
  });
});

describe('the message type attribute, for subscribers added by users', () => {
  test('is exposed on AlarmNotifications and equals the notifier contract', () => {
    expect(AlarmNotifications.MESSAGE_TYPE_ATTRIBUTE).toBe(MESSAGE_TYPE_ATTRIBUTE);
    expect(AlarmNotifications.NOTIFICATION_MESSAGE_TYPE).toBe(NOTIFICATION_MESSAGE_TYPE);
    expect(AlarmNotifications.MESSAGE_TYPE_ATTRIBUTE).toBe('baseline_message_type');
  });
});
