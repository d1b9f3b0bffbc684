/**
 * `TamperProtection.mfaDelete()`: the vault bucket, the archive bucket's replication into it, the
 * replication role and its policy statement by statement, the scheduled check function, its
 * permissions, the alarm, and the stack output with the root user's command.
 */
import { App, Annotations as CoreAnnotations, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { StorageClass } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ACCOUNT_TRAIL, ARCHIVE_ENV, archiveFixture, arnOf, arnWith, bucketPolicyStatements, bySid, keyPolicyStatements, logicalId, Statement } from './helpers';
import { LogArchive, TamperProtection } from '../../lib/log-archive';

const fixture = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete() });
const { template, archive, bucketId, accessLogsBucketId, keyId } = fixture;
const vaultId = logicalId(archive.vaultBucket!);
const buckets = template.findResources('AWS::S3::Bucket');
const vault = buckets[vaultId];
const hot = buckets[bucketId];

function onlyResource(t: Template, type: string, filter: (r: any) => boolean = () => true): [string, any] {
  const found = Object.entries(t.findResources(type)).filter(([, r]) => filter(r));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

function policyStatements(descriptionStart: string): Statement[] {
  const [, policy] = onlyResource(template, 'AWS::IAM::ManagedPolicy', (p) => String(p.Properties.Description).startsWith(descriptionStart));
  return policy.Properties.PolicyDocument.Statement;
}

describe('vault bucket', () => {
  test('exposed as LogArchive.vaultBucket, a third bucket', () => {
    expect(archive.vaultBucket).toBeDefined();
    template.resourceCountIs('AWS::S3::Bucket', 3);
  });

  test('versioned, SSE-KMS with the archive key and the bucket key, Block Public Access, BucketOwnerEnforced', () => {
    expect(vault.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(vault.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { KMSMasterKeyID: arnOf(keyId), SSEAlgorithm: 'aws:kms' },
      }],
    });
    expect(vault.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(vault.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test('no lifecycle configuration and no Object Lock', () => {
    expect(vault.Properties.LifecycleConfiguration).toBeUndefined();
    expect(vault.Properties.ObjectLockEnabled).toBeUndefined();
  });

  test('retained, with EventBridge notifications, no replication of its own', () => {
    expect(vault.DeletionPolicy).toBe('Retain');
    expect(vault.UpdateReplacePolicy).toBe('Retain');
    expect(vault.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    expect(vault.Properties.ReplicationConfiguration).toBeUndefined();
  });

  test('server access logs to the access-logs bucket, under vault-bucket/', () => {
    expect(vault.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogsBucketId },
      LogFilePrefix: 'vault-bucket/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    expect(bySid(bucketPolicyStatements(template, accessLogsBucketId), 'S3ServerAccessLogsPolicyVault')).toEqual({
      Sid: 'S3ServerAccessLogsPolicyVault',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: arnWith(accessLogsBucketId, '/vault-bucket/*'),
      Condition: {
        ArnLike: { 'aws:SourceArn': arnOf(vaultId) },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      },
    });
  });

  test('TLS-only (TLS 1.2 or later) and the archive bucket\'s evidence protection, and nothing else', () => {
    const statements = bucketPolicyStatements(template, vaultId);
    const resources = [arnOf(vaultId), arnWith(vaultId, '/*')];
    const archiveDeny = bucketPolicyStatements(template, bucketId).find((s) => s.Sid === 'DenyEvidenceTampering');
    expect(statements).toEqual([
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: resources, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
      { ...archiveDeny, Resource: resources },
    ]);
    // The root user stays exempt: only root can enable MFA delete (PutBucketVersioning).
    expect(JSON.stringify(archiveDeny!.Condition.ArnNotLike['aws:PrincipalArn'])).toContain(':root');
    expect(archiveDeny!.Action).toEqual(expect.arrayContaining(['s3:PutBucketVersioning', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration']));
  });

  test('the archive bucket keeps its lifecycle and has no Object Lock', () => {
    expect(hot.Properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ArchiveSmallCloudTrailLogs', 'ExpireCloudTrailLogs']);
    expect(hot.Properties.ObjectLockEnabled).toBeUndefined();
  });
});

describe('replication of the archive bucket into the vault', () => {
  const replication = hot.Properties.ReplicationConfiguration;
  const [roleId, role] = onlyResource(template, 'AWS::IAM::Role', (r) => r.Properties.Description?.startsWith('Replicates'));

  test('one rule: every object, SSE-KMS objects re-encrypted with the archive key, into DEEP_ARCHIVE, delete markers not replicated', () => {
    expect(replication.Role).toEqual(arnOf(roleId));
    expect(replication.Rules).toEqual([{
      Id: 'ReplicateToMfaDeleteVault',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      Destination: {
        Bucket: arnOf(vaultId),
        StorageClass: 'DEEP_ARCHIVE',
        EncryptionConfiguration: { ReplicaKmsKeyID: arnOf(keyId) },
      },
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
      DeleteMarkerReplication: { Status: 'Disabled' },
    }]);
  });

  test.each([
    [StorageClass.GLACIER, 'GLACIER'],
    [StorageClass.GLACIER_INSTANT_RETRIEVAL, 'GLACIER_IR'],
    [StorageClass.DEEP_ARCHIVE, 'DEEP_ARCHIVE'],
  ])('replicas arrive in vaultStorageClass %s', (storageClass, expected) => {
    const f = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete({ vaultStorageClass: storageClass }) });
    const rules = f.template.findResources('AWS::S3::Bucket')[f.bucketId].Properties.ReplicationConfiguration.Rules;
    expect(rules[0].Destination.StorageClass).toBe(expected);
  });

  test('the role is trusted by S3 for this account only, and has no inline policy', () => {
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }]);
    expect(role.Properties.Policies).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  describe('its policy, statement by statement', () => {
    const statements = policyStatements('Replication of the CloudTrail log archive');
    const [, policy] = onlyResource(template, 'AWS::IAM::ManagedPolicy', (p) => String(p.Properties.Description).startsWith('Replication'));
    const viaS3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };

    test('attached to the replication role only', () => {
      expect(policy.Properties.Roles).toEqual([{ Ref: roleId }]);
    });

    test('exactly five statements', () => {
      expect(statements.map((s) => s.Sid)).toEqual([
        'ReadSourceReplicationConfiguration', 'ReadSourceObjectVersions', 'DecryptSourceObjects', 'ReplicateIntoVault', 'EncryptReplicas',
      ]);
    });

    test('ReadSourceReplicationConfiguration: on the archive bucket', () => {
      expect(bySid(statements, 'ReadSourceReplicationConfiguration')).toEqual({
        Sid: 'ReadSourceReplicationConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: arnOf(bucketId),
      });
    });

    test('ReadSourceObjectVersions: on the archive bucket\'s objects', () => {
      expect(bySid(statements, 'ReadSourceObjectVersions')).toEqual({
        Sid: 'ReadSourceObjectVersions',
        Effect: 'Allow',
        Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        Resource: arnWith(bucketId, '/*'),
      });
    });

    test('ReplicateIntoVault: objects and tags into the vault, never s3:ReplicateDelete', () => {
      expect(bySid(statements, 'ReplicateIntoVault')).toEqual({
        Sid: 'ReplicateIntoVault',
        Effect: 'Allow',
        Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
        Resource: arnWith(vaultId, '/*'),
      });
      expect(JSON.stringify(statements)).not.toContain('s3:ReplicateDelete');
      expect(JSON.stringify(statements)).not.toContain('s3:Delete');
    });

    test('DecryptSourceObjects: kms:Decrypt through S3 of the region, for the archive bucket only', () => {
      expect(bySid(statements, 'DecryptSourceObjects')).toEqual({
        Sid: 'DecryptSourceObjects',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: arnOf(keyId),
        Condition: {
          StringEquals: viaS3,
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [arnOf(bucketId), arnWith(bucketId, '/*')] },
        },
      });
    });

    test('EncryptReplicas: kms:Encrypt and kms:GenerateDataKey through S3 of the region, for the vault only', () => {
      expect(bySid(statements, 'EncryptReplicas')).toEqual({
        Sid: 'EncryptReplicas',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: arnOf(keyId),
        Condition: {
          StringEquals: viaS3,
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [arnOf(vaultId), arnWith(vaultId, '/*')] },
        },
      });
    });
  });
});

describe('MFA delete check', () => {
  const [fnId, fn] = onlyResource(template, 'AWS::Lambda::Function');

  test('Node.js 24 on arm64, X-Ray, the vault bucket name in its environment', () => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 128,
      Timeout: 30,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { VAULT_BUCKET_NAME: { Ref: vaultId } } },
    });
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(['VAULT_BUCKET_NAME']);
  });

  test('its only S3 permission is s3:GetBucketVersioning on the vault bucket', () => {
    const statements = policyStatements('MFA delete check');
    expect(bySid(statements, 'ReadVaultVersioning')).toEqual({
      Sid: 'ReadVaultVersioning', Effect: 'Allow', Action: 's3:GetBucketVersioning', Resource: arnOf(vaultId),
    });
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('s3:'))).toEqual(['s3:GetBucketVersioning']);
    expect(actions).not.toContain('cloudwatch:PutMetricData');
    expect(statements.map((s) => s.Sid)).toEqual(['ReadVaultVersioning', 'WriteOwnLogs', 'DeadLetters', 'XRayTraces']);
  });

  test('a dead-letter queue and an on-failure destination; a KMS-encrypted log group kept one year', () => {
    const [queueId] = onlyResource(template, 'AWS::SQS::Queue');
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: arnOf(queueId) });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(queueId) } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: arnOf(keyId) });
  });

  test('the archive key lets CloudWatch Logs use it for the check\'s named log group only', () => {
    const [, logGroup] = onlyResource(template, 'AWS::Logs::LogGroup');
    const name = logGroup.Properties.LogGroupName;
    expect(name).toMatch(/^\/cdk-cloudtrail-baseline\/mfa-delete-check\/LogArchiveStackArchiveVaultCheck[A-Za-z0-9]+$/);
    expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalId(archive.node.findChild('Vault').node.findChild('Check').node.findChild('LogGroup')) } });
    expect(bySid(keyPolicyStatements(template, keyId), 'AllowCloudWatchLogsForMfaDeleteCheck')).toEqual({
      Sid: 'AllowCloudWatchLogsForMfaDeleteCheck',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:111111111111:log-group:${name}`]] } } },
    });
  });

  test('an EventBridge schedule runs it every hour (default)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: arnOf(fnId), RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } })],
    });
  });

  test('checkInterval sets the schedule and the alarm period', () => {
    const f = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete({ checkInterval: Duration.minutes(15) }) });
    f.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    f.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Period: 900 });
  });
});

describe('MFA delete alarm', () => {
  const [alarmId, alarm] = onlyResource(template, 'AWS::CloudWatch::Alarm');

  test('exposed as LogArchive.mfaDeleteAlarm', () => {
    expect(logicalId(archive.mfaDeleteAlarm as any)).toBe(alarmId);
  });

  test('fires when MfaDeleteEnabled of the vault is below 1 in a period; missing data is breaching', () => {
    expect(alarm.Properties).toMatchObject({
      Namespace: 'CloudTrailBaseline/LogArchive',
      MetricName: 'MfaDeleteEnabled',
      Dimensions: [{ Name: 'BucketName', Value: { Ref: vaultId } }],
      Statistic: 'Minimum',
      Period: 3600,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  test('no action by default, and a warning says so', () => {
    expect(alarm.Properties.AlarmActions).toBeUndefined();
    const warnings = Annotations.fromStack(fixture.stack).findWarning('/LogArchiveStack/Archive', Match.stringLikeRegexp('noMfaDeleteAlarmActions'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toContain('LogArchiveProps.alarmActions is empty: the MFA delete check alarm of the vault bucket has no action');
  });

  test('LogArchiveProps.alarmActions become its actions, and the warning goes', () => {
    const withActions = archiveFixtureWithTopic();
    withActions.template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:us-east-1:111111111111:alarms'] });
    Annotations.fromStack(withActions.stack).hasNoWarning('*', Match.stringLikeRegexp('noMfaDeleteAlarmActions'));
  });

  test('addMfaDeleteAlarmActions() after construction wires the actions, after alarmActions, and the warning goes', () => {
    const stack = new Stack(new App(), 'Added', { env: ARCHIVE_ENV });
    const added = new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete() });
    added.addMfaDeleteAlarmActions(new SnsAction(Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:111111111111:alarms')));
    added.addMfaDeleteAlarmActions(new SnsAction(Topic.fromTopicArn(stack, 'Paging', 'arn:aws:sns:us-east-1:111111111111:paging')));
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: ['arn:aws:sns:us-east-1:111111111111:alarms', 'arn:aws:sns:us-east-1:111111111111:paging'],
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('noMfaDeleteAlarmActions'));
  });

  test('addMfaDeleteAlarmActions() with no action keeps the warning; without mfaDelete() it is an error', () => {
    const stack = new Stack(new App(), 'Empty', { env: ARCHIVE_ENV });
    new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete() }).addMfaDeleteAlarmActions();
    expect(Annotations.fromStack(stack).findWarning('/Empty/Archive', Match.stringLikeRegexp('noMfaDeleteAlarmActions'))).toHaveLength(1);
    const objectLock = new LogArchive(new Stack(new App(), 'ObjectLock', { env: ARCHIVE_ENV }), 'Archive', { trails: [ACCOUNT_TRAIL] });
    expect(() => objectLock.addMfaDeleteAlarmActions(new SnsAction(Topic.fromTopicArn(objectLock, 'Topic', 'arn:aws:sns:us-east-1:111111111111:alarms'))))
      .toThrow(/^LogArchive\.addMfaDeleteAlarmActions\(actions\): only applies to the MFA delete alarm of TamperProtection\.mfaDelete\(\)/);
  });

  test('an acknowledged warning stays away', () => {
    const stack = new Stack(new App(), 'Acked', { env: ARCHIVE_ENV });
    const acked = new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete() });
    CoreAnnotations.of(acked).acknowledgeWarning('cdk-cloudtrail-baseline:noMfaDeleteAlarmActions', 'routed by the caller');
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('noMfaDeleteAlarmActions'));
  });
});

function archiveFixtureWithTopic() {
  const stack = new Stack(new App(), 'WithActions', { env: ARCHIVE_ENV });
  new LogArchive(stack, 'Archive', {
    trails: [ACCOUNT_TRAIL],
    tamperProtection: TamperProtection.mfaDelete(),
    alarmActions: [new SnsAction(Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:111111111111:alarms'))],
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('EnableMfaDeleteCommand output', () => {
  const outputs = template.findOutputs('*');
  const [name, output] = Object.entries(outputs)[0];

  test('one output, named EnableMfaDeleteCommand', () => {
    expect(Object.keys(outputs)).toHaveLength(1);
    expect(name).toMatch(/^ArchiveVaultEnableMfaDeleteCommand/);
  });

  test('the exact root user command, with the vault bucket, the partition and the account', () => {
    expect(output.Value).toEqual({
      'Fn::Join': ['', [
        'aws s3api put-bucket-versioning --bucket ',
        { Ref: vaultId },
        ' --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:',
        { Ref: 'AWS::Partition' },
        ':iam::111111111111:mfa/<device-name> <code>"',
      ]],
    });
  });

  test('the description explains who runs it and the placeholders', () => {
    expect(output.Description).toContain('root user of the log archive account');
    expect(output.Description).toContain('CloudFormation cannot');
    expect(output.Description).toContain('Replace <device-name>');
    expect(output.Description).toContain('<code> with the 6-digit code');
  });

  test('a named vault bucket appears literally in the command', () => {
    const f = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: 'my-cloudtrail-vault' }) });
    const [, out] = Object.entries(f.template.findOutputs('*'))[0];
    expect(f.template.findResources('AWS::S3::Bucket')[logicalId(f.archive.vaultBucket!)].Properties.BucketName).toBe('my-cloudtrail-vault');
    expect(JSON.stringify(out.Value)).toContain('--bucket my-cloudtrail-vault --versioning-configuration');
  });
});

describe('trails exclude the vault from S3 data events', () => {
  test('LogArchive.archiveBucketArns() lists the vault after the archive and access-logs buckets', () => {
    expect(fixture.stack.resolve(archive.archiveBucketArns())).toEqual([arnOf(bucketId), arnOf(accessLogsBucketId), arnOf(vaultId)]);
  });

  test('without the vault, two buckets', () => {
    const f = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection: TamperProtection.objectLock() });
    expect(f.archive.archiveBucketArns()).toHaveLength(2);
  });

  test('an imported archive lists LogArchiveAttributes.vaultBucketName, and checks it', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
    const imported = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'cloudtrail-archive',
      accessLogsBucketName: 'cloudtrail-access-logs',
      vaultBucketName: 'cloudtrail-vault',
      encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    });
    expect(imported.archiveBucketArns()).toEqual([
      'arn:aws:s3:::cloudtrail-archive', 'arn:aws:s3:::cloudtrail-access-logs', 'arn:aws:s3:::cloudtrail-vault',
    ]);
    expect(() => LogArchive.fromLogArchiveAttributes(stack, 'Bad', {
      bucketName: 'cloudtrail-archive',
      vaultBucketName: 'Not_A_Bucket',
      encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    })).toThrow(/^LogArchiveAttributes\.vaultBucketName: must follow the S3 bucket naming rules/);
  });
});
