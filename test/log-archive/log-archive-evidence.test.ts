/**
 * The evidence-protection statement (`LogArchiveProps.denyEvidenceTampering`): what it denies on
 * both buckets, who is exempt (deployment role, root user, break-glass roles), the synthesizers
 * that name no deployment role, and the opt-out.
 */
import { App, CliCredentialsStackSynthesizer, DefaultStackSynthesizer, LegacyStackSynthesizer, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ACCOUNT_TRAIL, ARCHIVE_ENV, archiveFixture, arnOf, arnWith, bucketPolicyStatements, bySid, keyPolicyStatements, logicalId } from './helpers';
import { LogArchive, LogArchiveProps } from '../../lib/log-archive';
import { evidenceProtectionStatement } from '../../lib/log-archive/evidence-protection';

const CFN_EXEC_ROLE = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-us-east-1' };
const ROOT = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] };
const BREAK_GLASS = 'arn:aws:iam::111111111111:role/security/BreakGlass';

const ARCHIVE_ACTIONS = [
  's3:BypassGovernanceRetention',
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketLogging',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
];

describe('on by default', () => {
  const { template, bucketId, accessLogsBucketId } = archiveFixture({ trails: [ACCOUNT_TRAIL], breakGlassRoleArns: [BREAK_GLASS] });

  test('archive bucket: the tampering actions are denied to all but the deployment role, root and the break-glass role', () => {
    expect(bySid(bucketPolicyStatements(template, bucketId), 'DenyEvidenceTampering')).toEqual({
      Sid: 'DenyEvidenceTampering',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ARCHIVE_ACTIONS,
      Resource: [arnOf(bucketId), arnWith(bucketId, '/*')],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [CFN_EXEC_ROLE, ROOT, BREAK_GLASS] } },
    });
  });

  test('access-logs bucket: deleting it, its objects or versions, and changing its policy, versioning or lifecycle are denied', () => {
    expect(bySid(bucketPolicyStatements(template, accessLogsBucketId), 'DenyEvidenceTampering')).toEqual({
      Sid: 'DenyEvidenceTampering',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [
        's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:DeleteObject', 's3:DeleteObjectVersion',
        's3:PutBucketPolicy', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration',
      ],
      Resource: [arnOf(accessLogsBucketId), arnWith(accessLogsBucketId, '/*')],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [CFN_EXEC_ROLE, ROOT, BREAK_GLASS] } },
    });
  });

  test('CloudTrail and the logging service keep writing: s3:PutObject and s3:GetBucketAcl are never denied', () => {
    for (const id of [bucketId, accessLogsBucketId]) {
      const denied = bucketPolicyStatements(template, id).filter((s) => s.Sid === 'DenyEvidenceTampering').flatMap((s) => s.Action);
      expect(denied).not.toContain('s3:PutObject');
      expect(denied).not.toContain('s3:GetBucketAcl');
      expect(denied.some((a: string) => a.includes('*'))).toBe(false);
    }
  });

  test('the key policy still lets CloudFormation (IAM of the account) manage the key: root kms:* is there', () => {
    const { template: t, keyId } = archiveFixture();
    expect(keyPolicyStatements(t, keyId)[0]).toEqual({
      Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*',
    });
  });

  test('the key policy denies ScheduleKeyDeletion, DisableKey and PutKeyPolicy to all but the same exempt principals', () => {
    const { template: t, keyId } = archiveFixture({ trails: [ACCOUNT_TRAIL], breakGlassRoleArns: [BREAK_GLASS] });
    expect(bySid(keyPolicyStatements(t, keyId), 'DenyKeyDestruction')).toEqual({
      Sid: 'DenyKeyDestruction',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:DisableKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [CFN_EXEC_ROLE, ROOT, BREAK_GLASS] } },
    });
  });

  test('the lifecycle rules are unchanged (lifecycle actions are not requests evaluated against the bucket policy)', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId];
    expect(bucket.Properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ArchiveSmallCloudTrailLogs', 'ExpireCloudTrailLogs']);
  });
});

describe('the deployment role', () => {
  function denyOf(props: LogArchiveProps, synthesizer?: DefaultStackSynthesizer | CliCredentialsStackSynthesizer | LegacyStackSynthesizer,
    env: { account?: string; region?: string } | undefined = ARCHIVE_ENV): unknown {
    const stack = new Stack(new App(), 'S', { env, synthesizer });
    const archive = new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], ...props });
    const statements = bucketPolicyStatements(Template.fromStack(stack), logicalId(archive.bucket));
    return bySid(statements, 'DenyEvidenceTampering').Condition.ArnNotLike['aws:PrincipalArn'];
  }

  test('a custom qualifier of the DefaultStackSynthesizer is followed', () => {
    expect(denyOf({}, new DefaultStackSynthesizer({ qualifier: 'audit1234' }))).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::111111111111:role/cdk-audit1234-cfn-exec-role-111111111111-us-east-1' }, ROOT,
    ]);
  });

  test('an environment-agnostic stack: the role ARN keeps its ${AWS::AccountId} and ${AWS::Region} placeholders in an Fn::Sub', () => {
    expect(denyOf({}, undefined, {})).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}' },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
    ]);
  });

  test('deploymentRoleArn overrides the synthesizer\'s role', () => {
    expect(denyOf({ deploymentRoleArn: 'arn:aws:iam::111111111111:role/PipelineDeploy' })).toEqual([
      'arn:aws:iam::111111111111:role/PipelineDeploy', ROOT,
    ]);
  });

  test.each([
    ['CliCredentialsStackSynthesizer', new CliCredentialsStackSynthesizer()],
    ['LegacyStackSynthesizer', new LegacyStackSynthesizer()],
  ])('%s names no execution role: deploymentRoleArn is required, with the reason', (name, synthesizer) => {
    expect(() => denyOf({}, synthesizer)).toThrow(
      new RegExp(`^LogArchiveProps\\.deploymentRoleArn: is required: the synthesizer of stack S \\(${name}\\) names no CloudFormation execution role.*s3:PutBucketPolicy`));
  });

  test('with such a synthesizer, deploymentRoleArn is enough', () => {
    expect(denyOf({ deploymentRoleArn: 'arn:aws:iam::111111111111:role/Deploy' }, new CliCredentialsStackSynthesizer())).toEqual([
      'arn:aws:iam::111111111111:role/Deploy', ROOT,
    ]);
  });
});

describe('the opt-out', () => {
  const { stack, template, bucketId, accessLogsBucketId } = archiveFixture({ trails: [ACCOUNT_TRAIL], denyEvidenceTampering: false });

  test('no DenyEvidenceTampering statement on either bucket, no DenyKeyDestruction on the key', () => {
    for (const id of [bucketId, accessLogsBucketId]) {
      expect(bucketPolicyStatements(template, id).map((s) => s.Sid)).not.toContain('DenyEvidenceTampering');
    }
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    expect(keyPolicyStatements(template, keyId).map((s) => s.Sid)).not.toContain('DenyKeyDestruction');
  });

  test('a warning that says what is lost', () => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    const texts = warnings.map((w) => String(w.entry.data));
    expect(texts.filter((t) => t.includes('LogArchiveProps.denyEvidenceTampering is false'))).toHaveLength(1);
    expect(texts.join('\n')).toMatch(/can delete log files.*\[ack: cdk-cloudtrail-baseline:evidenceTamperingAllowed\]/);
  });

  test('no warning when on', () => {
    const { stack: on } = archiveFixture();
    expect(Annotations.fromStack(on).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data)).join('\n')).not.toMatch(/denyEvidenceTampering/);
  });
});

describe('evidenceProtectionStatement() for another bucket (e.g. a vault)', () => {
  test('the same statement, on that bucket, with the given exemptions', () => {
    const stack = new Stack(new App(), 'S', { env: ARCHIVE_ENV });
    const archive = new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL] });
    const statement: PolicyStatement = evidenceProtectionStatement(archive.accessLogsBucket, ['arn:aws:iam::111111111111:role/X']);
    expect(stack.resolve(statement.toStatementJson())).toEqual({
      Sid: 'DenyEvidenceTampering',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ARCHIVE_ACTIONS,
      Resource: [arnOf(logicalId(archive.accessLogsBucket)), arnWith(logicalId(archive.accessLogsBucket), '/*')],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/X'] } },
    });
  });
});
