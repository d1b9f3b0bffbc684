/**
 * `LogArchiveProps.replication`: the archive replicates to a second region (disaster recovery),
 * into a replica `LogArchive` with its own key and the same protections (`replicaOf`).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { StorageClass } from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_TRAIL, ARCHIVE_ENV, archiveFixture, arnOf, arnWith, bySid, logicalId } from './helpers';
import { LogArchive, LogArchiveProps, TamperProtection } from '../../lib/log-archive';

const REPLICATION = { region: 'eu-west-1', bucketName: 'example-cloudtrail-dr' };
const DR_ENV = { account: ARCHIVE_ENV.account, region: 'eu-west-1' };

function replicationPolicy(template: Template): any[] {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => String(p.Properties.Description ?? '').includes('disaster recovery'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

describe('source archive with replication to another region', () => {
  const f = archiveFixture({ trails: [ACCOUNT_TRAIL], bucketName: 'example-cloudtrail-archive', replication: REPLICATION });
  const bucket = f.template.findResources('AWS::S3::Bucket')[f.bucketId];
  const config = bucket.Properties.ReplicationConfiguration;

  test('one rule to the named bucket, re-encrypted with the alias ARN of the destination key, SSE-KMS objects selected, no delete markers', () => {
    expect(config.Rules).toEqual([{
      Id: 'ReplicateToDisasterRecoveryRegion',
      Priority: 1,
      Status: 'Enabled',
      Destination: {
        Bucket: 'arn:aws:s3:::example-cloudtrail-dr',
        EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:111111111111:alias/cloudtrail-log-archive' },
      },
      Filter: { Prefix: '' },
      DeleteMarkerReplication: { Status: 'Disabled' },
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    }]);
  });

  test('the replication role is assumed by S3 for this account only', () => {
    const roles = f.template.findResources('AWS::IAM::Role');
    const roleId = config.Role['Fn::GetAtt'][0];
    expect(roles[roleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }]);
  });

  test('the role policy, statement by statement', () => {
    const statements = replicationPolicy(f.template);
    expect(statements.map((s) => s.Sid)).toEqual([
      'ReadSourceReplicationConfiguration', 'ReadSourceObjectVersions', 'DecryptSourceObjects', 'ReplicateToDisasterRecoveryRegion', 'EncryptReplicas',
    ]);
    expect(bySid(statements, 'ReadSourceReplicationConfiguration')).toEqual({
      Sid: 'ReadSourceReplicationConfiguration',
      Effect: 'Allow',
      Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      Resource: arnOf(f.bucketId),
    });
    expect(bySid(statements, 'ReadSourceObjectVersions')).toEqual({
      Sid: 'ReadSourceObjectVersions',
      Effect: 'Allow',
      Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:GetObjectRetention', 's3:GetObjectLegalHold'],
      Resource: arnWith(f.bucketId, '/*'),
    });
    const replicate = bySid(statements, 'ReplicateToDisasterRecoveryRegion');
    expect(replicate.Action).toEqual(['s3:ReplicateObject', 's3:ReplicateTags']);
    expect(replicate.Action).not.toContain('s3:ReplicateDelete');
    expect(replicate.Resource).toBe('arn:aws:s3:::example-cloudtrail-dr/*');
    const decrypt = bySid(statements, 'DecryptSourceObjects');
    expect(decrypt.Action).toBe('kms:Decrypt');
    expect(decrypt.Resource).toEqual(arnOf(f.keyId));
    expect(decrypt.Condition.StringEquals).toEqual({ 'kms:ViaService': 's3.us-east-1.amazonaws.com' });
    expect(decrypt.Condition.StringLike['kms:EncryptionContext:aws:s3:arn']).toEqual([arnOf(f.bucketId), arnWith(f.bucketId, '/*')]);
    expect(bySid(statements, 'EncryptReplicas')).toEqual({
      Sid: 'EncryptReplicas',
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
      Condition: {
        'StringEquals': { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail-log-archive' },
        'StringLike': { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::example-cloudtrail-dr', 'arn:aws:s3:::example-cloudtrail-dr/*'] },
      },
    });
  });

  test('the replica is one of the archive buckets that S3 data events exclude', () => {
    expect(f.archive.archiveBucketArns()).toContain('arn:aws:s3:::example-cloudtrail-dr');
    expect(f.archive.replicaBucket?.bucketName).toBe('example-cloudtrail-dr');
  });

  test('storage class and destination key alias can be chosen', () => {
    const g = archiveFixture({
      trails: [ACCOUNT_TRAIL],
      replication: { ...REPLICATION, storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, encryptionKeyAlias: 'alias/dr-archive' },
    });
    const rule = g.template.findResources('AWS::S3::Bucket')[g.bucketId].Properties.ReplicationConfiguration.Rules[0];
    expect(rule.Destination.StorageClass).toBe('GLACIER_IR');
    expect(rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID).toBe('arn:aws:kms:eu-west-1:111111111111:alias/dr-archive');
  });

  test('the archive bucket is no longer acknowledged for missing replication (it is without replication)', () => {
    const acknowledged = (archive: LogArchive) => JSON.stringify(archive.bucket.node.metadata);
    expect(acknowledged(archiveFixture().archive)).toContain('S3BucketReplicationEnabled');
    expect(acknowledged(f.archive)).not.toContain('S3BucketReplicationEnabled');
  });
});

describe('with the MFA delete vault too', () => {
  const f = archiveFixture({ trails: [ACCOUNT_TRAIL], replication: REPLICATION, tamperProtection: TamperProtection.mfaDelete(), alarmActions: [] });
  const rules = f.template.findResources('AWS::S3::Bucket')[f.bucketId].Properties.ReplicationConfiguration.Rules;

  test('two rules with distinct priorities, one role for both', () => {
    expect(rules.map((r: any) => [r.Id, r.Priority])).toEqual([['ReplicateToMfaDeleteVault', 2], ['ReplicateToDisasterRecoveryRegion', 1]]);
    expect(rules[0].Destination.Bucket).toEqual(arnOf(logicalId(f.archive.vaultBucket!)));
    expect(rules[1].Destination.Bucket).toBe('arn:aws:s3:::example-cloudtrail-dr');
    const policies = Object.values(f.template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => String(p.Properties.Description ?? '').startsWith('Replication of the CloudTrail log archive'));
    expect(policies).toHaveLength(2);
    const roleRefs = new Set(policies.map((p) => JSON.stringify(p.Properties.Roles)));
    expect(roleRefs.size).toBe(1);
  });

  test('without Object Lock on the archive, no Object Lock read permission', () => {
    const versions = bySid(replicationPolicy(f.template), 'ReadSourceObjectVersions');
    expect(versions.Action).toEqual(['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging']);
  });
});

describe('replica archive in the second region (replicaOf)', () => {
  function replica(props: Partial<LogArchiveProps> = {}) {
    const app = new App();
    const stack = new Stack(app, 'DrStack', { env: DR_ENV });
    const archive = new LogArchive(stack, 'Replica', { bucketName: REPLICATION.bucketName, replicaOf: 'example-cloudtrail-archive', ...props });
    return { stack, archive, template: Template.fromStack(stack) };
  }

  test('needs no trail and keeps the same protections (Object Lock, SSE-KMS with its own key, lifecycle, access logs)', () => {
    const { stack, template } = replica();
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'example-cloudtrail-dr',
      ObjectLockEnabled: true,
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      LifecycleConfiguration: Match.anyValue(),
      LoggingConfiguration: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail-log-archive' });
    // No CloudTrail statement: nothing delivers to the replica but S3 replication.
    expect(JSON.stringify(template.toJSON())).not.toContain('cloudtrail.amazonaws.com');
  });

  test('a replica without replicaOf and without trails still fails', () => {
    const app = new App();
    const stack = new Stack(app, 'DrStack', { env: DR_ENV });
    new LogArchive(stack, 'Replica', { bucketName: REPLICATION.bucketName });
    expect(() => app.synth()).toThrow(/LogArchiveProps.trails/);
  });
});

describe('bad input', () => {
  const build = (props: LogArchiveProps, env: any = ARCHIVE_ENV) => () => {
    const app = new App();
    new LogArchive(new Stack(app, 'S', { env }), 'Archive', { trails: [ACCOUNT_TRAIL], bucketName: 'example-cloudtrail-archive', ...props });
  };

  test.each([
    ['same region', { replication: { ...REPLICATION, region: 'us-east-1' } }, /LogArchiveProps.replication.region: must differ from the archive's region us-east-1/],
    ['other partition', { replication: { ...REPLICATION, region: 'us-gov-west-1' } }, /LogArchiveProps.replication.region: must be in the archive's partition aws/],
    ['malformed region', { replication: { ...REPLICATION, region: 'Europe' } }, /LogArchiveProps.replication.region: must be an AWS Region code/],
    ['bad bucket name', { replication: { ...REPLICATION, bucketName: 'Bad_Name' } }, /LogArchiveProps.replication.bucketName: must follow the S3 bucket naming rules/],
    ['bucket name of the archive', { replication: { ...REPLICATION, bucketName: 'example-cloudtrail-archive' } }, /LogArchiveProps.replication.bucketName: must differ from the archive's own bucket names/],
    ['AWS managed key alias', { replication: { ...REPLICATION, encryptionKeyAlias: 'alias/aws/s3' } }, /LogArchiveProps.replication.encryptionKeyAlias: .*customer managed key/],
    ['replica that replicates', { replicaOf: 'other-archive', replication: REPLICATION }, /LogArchiveProps.replicaOf: .*not both/],
    ['replicaOf equal to its own bucket name', { replicaOf: 'example-cloudtrail-archive' }, /LogArchiveProps.replicaOf: must be the source archive's bucket name/],
  ])('%s', (_name, props, message) => {
    expect(build(props as LogArchiveProps)).toThrow(message);
  });

  test('an environment-agnostic stack cannot name a destination in another region', () => {
    const app = new App();
    const agnostic = new Stack(app, 'Agnostic');
    expect(() => new LogArchive(agnostic, 'Archive', { trails: [ACCOUNT_TRAIL], replication: REPLICATION })).toThrow(/LogArchiveProps.replication: needs a stack with a concrete account and region/);
  });
});
