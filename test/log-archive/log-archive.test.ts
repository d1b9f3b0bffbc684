/**
 * `LogArchive`: the archive bucket, the access-logs bucket, the key and its alias, removal
 * policies and the "no trail" validation. Policy statements are in log-archive-policies.test.ts,
 * readers in log-archive-readers.test.ts, bad input in log-archive-validation.test.ts.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_TRAIL, ARCHIVE_ENV, archiveFixture, arnOf, arnWith, bucketPolicyStatements, bySid } from './helpers';
import { LogArchive, TamperProtection } from '../../lib/log-archive';

describe('archive bucket', () => {
  const { template, bucketId, accessLogsBucketId, keyId } = archiveFixture();
  const bucket = template.findResources('AWS::S3::Bucket')[bucketId];

  test('two buckets and one key', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::KMS::Alias', 1);
    template.resourceCountIs('AWS::S3::BucketPolicy', 2);
  });

  test('versioned, Block Public Access, BucketOwnerEnforced', () => {
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test('SSE-KMS with the archive key and an S3 Bucket Key', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { KMSMasterKeyID: arnOf(keyId), SSEAlgorithm: 'aws:kms' },
      }],
    });
  });

  test('Object Lock with a default retention of 365 days in governance mode', () => {
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
    });
  });

  // The lifecycle rules, per object size: lifecycle-size-classes.test.ts.

  test('server access logs to the access-logs bucket, with a prefix and partitioned keys', () => {
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogsBucketId },
      LogFilePrefix: 'archive-bucket/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
  });

  test('EventBridge notifications on both buckets', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.anyValue(),
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.absent(),
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  test('bucket, access-logs bucket and key are retained', () => {
    for (const [type, id] of [['AWS::S3::Bucket', bucketId], ['AWS::S3::Bucket', accessLogsBucketId], ['AWS::KMS::Key', keyId]]) {
      const resource = template.findResources(type)[id];
      expect(resource.DeletionPolicy).toBe('Retain');
      expect(resource.UpdateReplacePolicy).toBe('Retain');
    }
  });

  test('TLS-only: deny s3:* without aws:SecureTransport, and below TLS 1.2', () => {
    const statements = bucketPolicyStatements(template, bucketId);
    expect(statements).toContainEqual({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [arnOf(bucketId), arnWith(bucketId, '/*')],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(statements).toContainEqual({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [arnOf(bucketId), arnWith(bucketId, '/*')],
      Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    });
  });

  test('a named bucket', () => {
    const named = archiveFixture({ trails: [ACCOUNT_TRAIL], bucketName: 'example-cloudtrail-archive' });
    named.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'example-cloudtrail-archive',
      ObjectLockEnabled: true,
    });
  });
});

describe('access-logs bucket', () => {
  const { template, bucketId, accessLogsBucketId, keyId } = archiveFixture();
  const bucket = template.findResources('AWS::S3::Bucket')[accessLogsBucketId];

  test('no Object Lock (S3 does not deliver access logs to an Object Lock bucket)', () => {
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(bucket.Properties.LoggingConfiguration).toBeUndefined();
  });

  test('SSE-KMS with the archive key, versioned, private, owner enforced', () => {
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { KMSMasterKeyID: arnOf(keyId), SSEAlgorithm: 'aws:kms' },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  test('access logs expire after 365 days', () => {
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [{
        Id: 'ExpireAccessLogs',
        Status: 'Enabled',
        ExpirationInDays: 365,
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }],
    });
  });

  test('accessLogsRetention sets the expiry', () => {
    const custom = archiveFixture({ trails: [ACCOUNT_TRAIL], accessLogsRetention: Duration.days(90) });
    const rules = custom.template.findResources('AWS::S3::Bucket')[custom.accessLogsBucketId].Properties.LifecycleConfiguration.Rules;
    expect(rules[0].ExpirationInDays).toBe(90);
  });

  test('the logging service may write under the prefix, for the archive bucket of this account only', () => {
    const statements = bucketPolicyStatements(template, accessLogsBucketId);
    expect(bySid(statements, 'S3ServerAccessLogsPolicy')).toEqual({
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: arnWith(accessLogsBucketId, '/archive-bucket/*'),
      Condition: {
        ArnLike: { 'aws:SourceArn': arnOf(bucketId) },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      },
    });
  });

  test('TLS-only too, and no CloudTrail statement', () => {
    const statements = bucketPolicyStatements(template, accessLogsBucketId);
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(JSON.stringify(statements)).not.toContain('cloudtrail.amazonaws.com');
  });
});

describe('key', () => {
  const { archive, stack, template, keyId } = archiveFixture();

  test('rotation on, 30-day deletion window, described', () => {
    expect(template.findResources('AWS::KMS::Key')[keyId].Properties).toEqual(expect.objectContaining({
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
      Description: 'Encrypts CloudTrail log files in the log archive (cdk-cloudtrail-baseline)',
    }));
  });

  test('alias/cloudtrail-log-archive by default', () => {
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail-log-archive', TargetKeyId: arnOf(keyId) });
  });

  test('a custom alias', () => {
    const custom = archiveFixture({ trails: [ACCOUNT_TRAIL], encryptionKeyAlias: 'alias/org/cloudtrail_archive-1' });
    custom.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/org/cloudtrail_archive-1' });
  });

  test('encryptionKeyArn is the key ARN; region is the stack region', () => {
    expect(stack.resolve(archive.encryptionKeyArn)).toEqual(arnOf(keyId));
    expect(archive.region).toBe('us-east-1');
    expect(archive.s3KeyPrefix).toBeUndefined();
  });
});

describe('removal policy', () => {
  test('DESTROY deletes the buckets and the key', () => {
    const { template, bucketId, accessLogsBucketId, keyId } = archiveFixture({ trails: [ACCOUNT_TRAIL], removalPolicy: RemovalPolicy.DESTROY });
    for (const [type, id] of [['AWS::S3::Bucket', bucketId], ['AWS::S3::Bucket', accessLogsBucketId], ['AWS::KMS::Key', keyId]]) {
      const resource = template.findResources(type)[id];
      expect(resource.DeletionPolicy).toBe('Delete');
      expect(resource.UpdateReplacePolicy).toBe('Delete');
    }
  });
});

describe('custom lifecycle and Object Lock', () => {
  test('durations are written in days', () => {
    const { template, bucketId } = archiveFixture({
      trails: [ACCOUNT_TRAIL],
      lifecycle: {
        glacierTransitionAfter: Duration.days(30),
        deepArchiveTransitionAfter: Duration.days(120),
        expiration: Duration.days(300),
        noncurrentVersionExpiration: Duration.days(60),
        abortIncompleteMultipartUploadAfter: Duration.days(2),
      },
      tamperProtection: TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE, retention: Duration.days(300) }),
    });
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId];
    const rules = bucket.Properties.LifecycleConfiguration.Rules;
    expect(rules[0]).toEqual({
      Id: 'ArchiveLargeCloudTrailLogs',
      Status: 'Enabled',
      ObjectSizeGreaterThan: 131071,
      Transitions: [
        { StorageClass: 'GLACIER', TransitionInDays: 30 },
        { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 120 },
      ],
    });
    // 300 days: the break-even for Deep Archive is above 128 KiB, so no small-file rule.
    expect(rules[1]).toEqual({
      Id: 'ExpireCloudTrailLogs',
      Status: 'Enabled',
      ExpirationInDays: 300,
      NoncurrentVersionExpiration: { NoncurrentDays: 60 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
    });
    expect(bucket.Properties.ObjectLockConfiguration.Rule).toEqual({ DefaultRetention: { Mode: 'COMPLIANCE', Days: 300 } });
  });
});

describe('an archive without trails', () => {
  function emptyArchive(): { app: App; stack: Stack; archive: LogArchive } {
    const app = new App();
    const stack = new Stack(app, 'Empty', { env: ARCHIVE_ENV });
    return { app, stack, archive: new LogArchive(stack, 'Archive') };
  }

  test('Template.fromStack throws the validation error', () => {
    const { stack } = emptyArchive();
    expect(() => Template.fromStack(stack)).toThrow(/\[Empty\/Archive\] LogArchiveProps\.trails: no trail may deliver to this archive/);
  });

  test('app.synth() throws the validation error', () => {
    const { app } = emptyArchive();
    expect(() => app.synth()).toThrow(/LogArchiveProps\.trails: no trail may deliver to this archive/);
  });

  test('addTrail() after construction satisfies it', () => {
    const { app, archive } = emptyArchive();
    archive.addTrail(ACCOUNT_TRAIL);
    expect(() => app.synth()).not.toThrow();
    expect(archive.trailDescriptions.map((t) => t.trailArn)).toEqual(['arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail']);
  });
});
