/**
 * `LogArchive.fromLogArchiveAttributes` with `s3ManagedEncryption`: an existing archive encrypted
 * with S3 managed keys (SSE-S3), which has no KMS key. Trails deliver without `KMSKeyId`, readers
 * get no `kms:Decrypt`, and a warning says what is lost (SSE-KMS, Security Hub CloudTrail.2).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { ORG_TRAIL_ARN } from './helpers';
import { LogArchive, LogArchiveAttributes } from '../../lib/log-archive';
import { CloudTrailBaselineError } from '../../lib/private/errors';
import { BaselineTrail } from '../../lib/trail';

const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive';

function managementStack(): Stack {
  return new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
}

function importSseS3(stack: Stack, attrs: Partial<LogArchiveAttributes> = {}) {
  return LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: 'example-cloudtrail-archive', s3ManagedEncryption: true, account: '111111111111', region: 'us-east-1', ...attrs,
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Every IAM policy statement of the template. */
function iamStatements(template: Template): Array<Record<string, any>> {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((r: any) => r.Properties.PolicyDocument.Statement);
}

describe('an archive encrypted with S3 managed keys (SSE-S3)', () => {
  test('has no key ARN; region and account come from the attributes', () => {
    const archive = importSseS3(managementStack());
    expect(archive.encryptionKeyArn).toBeUndefined();
    expect(archive.bucket.env).toEqual({ account: '111111111111', region: 'us-east-1' });
  });

  test('warns what is lost: SSE-KMS log files and Security Hub CloudTrail.2', () => {
    const stack = managementStack();
    importSseS3(stack);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp(escape('encrypted with SSE-S3 instead of SSE-KMS')));
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp(escape('Security Hub CloudTrail.2')));
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp('\\[ack: cdk-cloudtrail-baseline:sseS3LogArchive\\]'));
  });

  test('an archive with a KMS key gets no such warning', () => {
    const stack = managementStack();
    LogArchive.fromLogArchiveAttributes(stack, 'Archive', { bucketName: 'example-cloudtrail-archive', encryptionKeyArn: KEY_ARN });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SSE-S3'));
  });

  test('a trail delivers without a KMS key; the warning for the owner lists bucket statements only', () => {
    const stack = managementStack();
    const archive = importSseS3(stack);
    new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
    const template = Template.fromStack(stack);
    const trails = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    expect(trails).toHaveLength(1);
    expect(trails[0].Properties.S3BucketName).toBe('example-cloudtrail-archive');
    expect(trails[0].Properties).not.toHaveProperty('KMSKeyId');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp(escape(`must allow trail ${ORG_TRAIL_ARN} (LogArchiveProps.trails), with these statements (bucket policy): `)));
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp('"Sid":"AWSCloudTrailWrite"'));
    annotations.hasNoWarning('/Management/Archive', Match.stringLikeRegexp('AllowCloudTrailToEncryptLogs'));
    annotations.hasNoWarning('/Management/Archive', Match.stringLikeRegexp('"Action":"kms:'));
  });

  test('a reader gets the S3 reads and no kms:Decrypt', () => {
    const stack = managementStack();
    const archive = importSseS3(stack);
    const reader = new Role(stack, 'Reader', { assumedBy: new AccountPrincipal('222222222222') });
    const grant = archive.grantRead(reader);
    expect(grant.success).toBe(true);
    const statements = iamStatements(Template.fromStack(stack));
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket']));
    expect(actions.filter((a: string) => a.startsWith('kms:'))).toEqual([]);
    // The reader is in another account than the archive: the owner's statements, without key statements.
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp(escape('must add these statements (to the bucket policy)')));
    annotations.hasNoWarning('/Management/Archive', Match.stringLikeRegexp('DecryptCloudTrailLogs'));
  });
});

describe('bad encryption attributes', () => {
  test('neither a key ARN nor s3ManagedEncryption', () => {
    const stack = managementStack();
    expect(() => LogArchive.fromLogArchiveAttributes(stack, 'Archive', { bucketName: 'example-cloudtrail-archive' }))
      .toThrow(new CloudTrailBaselineError('LogArchiveAttributes.encryptionKeyArn',
        'is required unless LogArchiveAttributes.s3ManagedEncryption is true (an archive encrypted with S3 managed keys, SSE-S3: see its warning)'));
  });

  test('s3ManagedEncryption false and no key ARN', () => {
    expect(() => importSseS3(managementStack(), { s3ManagedEncryption: false })).toThrow(/LogArchiveAttributes\.encryptionKeyArn: is required unless/);
  });

  test('both a key ARN and s3ManagedEncryption', () => {
    expect(() => importSseS3(managementStack(), { encryptionKeyArn: KEY_ARN }))
      .toThrow(/LogArchiveAttributes\.s3ManagedEncryption: must not be true together with LogArchiveAttributes\.encryptionKeyArn/);
  });

  test('a JavaScript caller passing a string for s3ManagedEncryption', () => {
    expect(() => importSseS3(managementStack(), { s3ManagedEncryption: 'yes' as unknown as boolean }))
      .toThrow(/LogArchiveAttributes\.s3ManagedEncryption: must be true or false \(got 'yes'\)/);
  });
});
