/**
 * DigestValidator at synth time: the rule matches new digest files of the archive only, the
 * function and its alarms are built as documented, bad input is refused by name, and the
 * function's permissions are proven request by request against the synthesized policies: it reads
 * digests and log files of the archive, decrypts only with the CloudTrail (or S3 Bucket Key)
 * encryption context, lists CloudTrail public keys, and can neither write nor delete.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DigestValidator, DigestValidatorProps, LogArchive, TrailDescription } from '../../lib';
import { PolicyWorld, templatesOf } from '../support/policy-evaluation';

const ENV = { account: '111111111111', region: 'us-east-1' };
const BUCKET = 'cloudtrail-archive-111111111111';
const TRAIL = TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '222222222222', region: 'us-east-1', trailName: 'organization-trail' });

function build(props: Partial<Record<keyof DigestValidatorProps, unknown>> = {}, stack = new Stack(new App(), 'Archive', { env: ENV })) {
  const archive = new LogArchive(stack, 'LogArchive', { bucketName: BUCKET, trails: [TRAIL] });
  const topic = new Topic(stack, 'Topic');
  const validator = new DigestValidator(stack, 'DigestValidator', {
    logArchive: archive, encryptionKey: archive.encryptionKey, alarmActions: [new SnsAction(topic)], ...props,
  } as unknown as DigestValidatorProps);
  return { stack, archive, validator, template: Template.fromStack(stack) };
}

describe('the rule, the function and the alarms', () => {
  const { stack, template } = build();

  test('the rule: S3 Object Created on the archive bucket, keys with CloudTrail-Digest/ at any depth', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.s3'],
        'detail-type': ['Object Created'],
        'detail': { bucket: { name: [{ Ref: Match.stringLikeRegexp('^LogArchiveBucket') }] }, object: { key: [{ wildcard: '*/CloudTrail-Digest/*' }] } },
      },
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestValidatorFunction'), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestValidatorDeadLetterQueue'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
      })],
    });
  });

  test('the archive bucket sends its events to EventBridge', () => {
    template.hasResourceProperties('AWS::S3::Bucket', { BucketName: BUCKET, NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } });
  });

  test('the function: Node.js 24 arm64, 512 MB, 5 minutes, the archive bucket, a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 300,
      Environment: { Variables: { ARCHIVE_BUCKET_NAME: { Ref: Match.stringLikeRegexp('^LogArchiveBucket') } } },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestValidatorDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 2 });
  });

  test('the role takes one managed policy, with the archive read grant and ListPublicKeys in it', () => {
    const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: 'CloudTrail digest validator (cdk-cloudtrail-baseline)' } });
    expect(Object.values(roles)).toHaveLength(1);
    expect(Object.values(roles)[0].Properties.ManagedPolicyArns).toHaveLength(1);
    expect(Object.values(roles)[0].Properties.Policies).toBeUndefined();
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('the invalid alarm: invalid or missing digest and log files ≥ 1 in 5 minutes, to the actions', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^A CloudTrail digest or log file in the log archive is invalid or missing'),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(digestInvalid, 0) + FILL(logInvalid, 0) + FILL(logMissing, 0)' }),
        Match.objectLike({ Id: 'logMissing', MetricStat: { Metric: { Namespace: 'CloudTrailBaseline/Evidence', MetricName: 'LogFilesMissing' }, Period: 300, Stat: 'Sum' }, ReturnData: false }),
      ]),
    });
  });

  test('the silence alarm: no digest checked over 2 hours, missing data breaching', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^No CloudTrail digest file was checked for 2 hours'),
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(digestValid, 0) + FILL(digestInvalid, 0)' }),
        Match.objectLike({ Id: 'digestValid', MetricStat: { Metric: { Namespace: 'CloudTrailBaseline/Evidence', MetricName: 'DigestFilesValid' }, Period: 7200, Stat: 'Sum' } }),
      ]),
    });
  });

  test('the dead-letter alarm, and no warning with alarm actions', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^The digest validator failed'),
      MetricName: 'ApproximateNumberOfMessagesVisible',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('DigestValidator|digest'))).toEqual([]);
  });

  test('silenceAlarmPeriod sets the silence alarm period', () => {
    build({ silenceAlarmPeriod: Duration.hours(6) }).template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanThreshold',
      Metrics: Match.arrayWith([Match.objectLike({ Id: 'digestInvalid', MetricStat: Match.objectLike({ Period: 21600 }) })]),
    });
  });
});

describe('warnings and refusals', () => {
  test('no alarm actions: warning noDigestValidatorAlarmActions', () => {
    const { stack } = build({ alarmActions: undefined });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('noDigestValidatorAlarmActions'))).toHaveLength(1);
  });

  test('an imported archive of this account and region: warning that its owner must enable EventBridge', () => {
    const stack = new Stack(new App(), 'Archive', { env: ENV });
    new DigestValidator(stack, 'DigestValidator', {
      logArchive: LogArchive.fromLogArchiveAttributes(stack, 'Imported', { bucketName: BUCKET, encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive' }),
      encryptionKey: new Key(stack, 'Key'),
      alarmActions: [new SnsAction(new Topic(stack, 'Topic'))],
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('EventBridge[^]*digestValidatorImportedArchive'))).toHaveLength(1);
  });

  test.each([
    ['another region', 'arn:aws:kms:eu-west-1:111111111111:alias/cloudtrail-log-archive', /region us-east-1 \(got an archive in eu-west-1\)/],
    ['another account', 'arn:aws:kms:us-east-1:999999999999:alias/cloudtrail-log-archive', /account 111111111111 \(got an archive of 999999999999\)/],
  ])('an imported archive in %s is refused', (_, encryptionKeyArn, message) => {
    const stack = new Stack(new App(), 'Other', { env: ENV });
    const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Imported', { bucketName: BUCKET, encryptionKeyArn });
    expect(() => new DigestValidator(stack, 'DigestValidator', { logArchive, encryptionKey: new Key(stack, 'Key') }))
      .toThrow(expect.objectContaining({ name: 'CloudTrailBaselineError', property: 'DigestValidatorProps.logArchive', message: expect.stringMatching(message) }));
  });

  test.each([
    [Duration.minutes(90), '90 minutes'],
    [Duration.minutes(30), '30 minutes'],
    [Duration.hours(25), '25 hours'],
  ])('silenceAlarmPeriod %s is refused', (period) => {
    expect(() => build({ silenceAlarmPeriod: period }))
      .toThrow(expect.objectContaining({ property: 'DigestValidatorProps.silenceAlarmPeriod', message: expect.stringMatching(/whole number of hours from 1 to 24/) }));
  });

  test('a missing encryptionKey or a wrong logArchive is refused by name', () => {
    expect(() => build({ encryptionKey: undefined })).toThrow(expect.objectContaining({ property: 'DigestValidatorProps.encryptionKey' }));
    expect(() => build({ logArchive: { bucket: 'x' } })).toThrow(expect.objectContaining({ property: 'DigestValidatorProps.logArchive' }));
  });
});

describe('least privilege, decided request by request', () => {
  const { stack } = build();
  const world = new PolicyWorld(templatesOf([stack]));
  const role = world.arnOf('Archive', 'AWS::IAM::Role', 'DigestValidatorRole');
  const key = world.arnOf('Archive', 'AWS::KMS::Key', 'LogArchiveKey');
  const digest = `arn:aws:s3:::${BUCKET}/AWSLogs/o-a1b2c3d4e5/333333333333/CloudTrail-Digest/eu-west-1/2026/03/01/333333333333_CloudTrail-Digest_eu-west-1_organization-trail_us-east-1_20260301T010000Z.json.gz`;
  const logFile = `arn:aws:s3:::${BUCKET}/AWSLogs/o-a1b2c3d4e5/333333333333/CloudTrail/eu-west-1/2026/03/01/333333333333_CloudTrail_eu-west-1_20260301T0100Z_abc.json.gz`;
  const ask = (action: string, resource: string, context?: Record<string, string>) => world.decide({
    principal: role, action, resource, context, resourceAccount: ENV.account,
  });

  test('GetObject on digests and log files of the archive, ListBucket on it (a deleted file is a 404, not a 403)', async () => {
    expect(await ask('s3:GetObject', digest)).toBe('Allowed');
    expect(await ask('s3:GetObject', logFile)).toBe('Allowed');
    expect(await ask('s3:ListBucket', `arn:aws:s3:::${BUCKET}`)).toBe('Allowed');
  });

  test('no write, delete or policy change on the archive, no read of another bucket', async () => {
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention']) {
      expect(await ask(action, digest)).not.toBe('Allowed');
    }
    expect(await ask('s3:PutBucketPolicy', `arn:aws:s3:::${BUCKET}`)).not.toBe('Allowed');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::another-bucket/AWSLogs/x')).toBe('ImplicitlyDenied');
  });

  test('kms:Decrypt only with the CloudTrail encryption context (or the bucket key context)', async () => {
    const trailContext = { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL.trailArn };
    expect(await ask('kms:Decrypt', key, trailContext)).toBe('Allowed');
    expect(await ask('kms:Decrypt', key, { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${BUCKET}` })).toBe('Allowed');
    expect(await ask('kms:Decrypt', key)).toBe('ImplicitlyDenied');
    expect(await ask('kms:Decrypt', key, { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:us-east-1:999999999999:trail/other' })).toBe('ImplicitlyDenied');
    expect(await ask('kms:Decrypt', key, { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111111111111:log-group:x' })).toBe('ImplicitlyDenied');
    for (const action of ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ScheduleKeyDeletion']) expect(await ask(action, key, trailContext)).not.toBe('Allowed');
  });

  test('cloudtrail:ListPublicKeys, and no other CloudTrail action', async () => {
    expect(await ask('cloudtrail:ListPublicKeys', '*')).toBe('Allowed');
    for (const action of ['cloudtrail:StopLogging', 'cloudtrail:UpdateTrail', 'cloudtrail:DeleteTrail']) {
      expect(await ask(action, 'arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail')).toBe('ImplicitlyDenied');
    }
  });
});
