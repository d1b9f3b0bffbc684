/**
 * The bucket and key policy statements a `LogArchive` carries for its trails, statement by
 * statement, against the CloudTrail user guide ("Amazon S3 bucket policy for CloudTrail",
 * "Configure AWS KMS key policies for CloudTrail"; DESIGN.md section 3).
 */
import {
  ACCOUNT_TRAIL, ACCOUNT_TRAIL_ARN, archiveFixture, arnOf, arnWith, bucketPolicyStatements, bySid, keyPolicyStatements,
  ORG_TRAIL, ORG_TRAIL_ARN, sids, Statement,
} from './helpers';
import { TrailDescription } from '../../lib/organization';

const CLOUDTRAIL = { Service: 'cloudtrail.amazonaws.com' };
const ROOT_111 = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } };

describe('bucket policy for an account trail', () => {
  const { template, bucketId } = archiveFixture({ trails: [ACCOUNT_TRAIL] });
  const statements = bucketPolicyStatements(template, bucketId);

  test('AWSCloudTrailAclCheck: s3:GetBucketAcl on the bucket, bound to the trail ARN', () => {
    expect(bySid(statements, 'AWSCloudTrailAclCheck')).toEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:GetBucketAcl',
      Resource: arnOf(bucketId),
      Condition: { StringEquals: { 'aws:SourceArn': ACCOUNT_TRAIL_ARN } },
    });
  });

  test('AWSCloudTrailWrite: s3:PutObject on AWSLogs/<account>/*, owner full control, bound to the trail ARN', () => {
    expect(bySid(statements, 'AWSCloudTrailWrite')).toEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:PutObject',
      Resource: arnWith(bucketId, '/AWSLogs/111111111111/*'),
      Condition: {
        StringEquals: {
          's3:x-amz-acl': 'bucket-owner-full-control',
          'aws:SourceArn': ACCOUNT_TRAIL_ARN,
        },
      },
    });
  });

  test('exactly the TLS denies, the evidence protection and the two CloudTrail statements', () => {
    expect(sids(statements)).toEqual([undefined, undefined, 'DenyEvidenceTampering', 'AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
  });

  test('no "deny unencrypted uploads" statement (it breaks CloudTrail delivery)', () => {
    const denies = statements.filter((s) => s.Effect === 'Deny' && s.Sid !== 'DenyEvidenceTampering');
    expect(denies).toHaveLength(2);
    for (const deny of denies) {
      expect(deny.Action).toBe('s3:*');
      expect(Object.keys(deny.Condition)).toEqual([expect.stringMatching(/^(Bool|NumericLessThan)$/)]);
    }
    expect(JSON.stringify(statements)).not.toMatch(/x-amz-server-side-encryption/);
  });
});

describe('bucket policy for an organization trail', () => {
  const { template, bucketId } = archiveFixture({ trails: [ORG_TRAIL] });
  const statements = bucketPolicyStatements(template, bucketId);

  test('AWSCloudTrailAclCheck is bound to the organization trail ARN (management account)', () => {
    expect(bySid(statements, 'AWSCloudTrailAclCheck')).toEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:GetBucketAcl',
      Resource: arnOf(bucketId),
      Condition: { StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN } },
    });
  });

  test('AWSCloudTrailWrite: AWSLogs/<management account>/* and AWSLogs/<o-id>/*', () => {
    expect(bySid(statements, 'AWSCloudTrailWrite')).toEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:PutObject',
      Resource: [
        arnWith(bucketId, '/AWSLogs/222222222222/*'),
        arnWith(bucketId, '/AWSLogs/o-a1b2c3d4e5/*'),
      ],
      Condition: {
        StringEquals: {
          's3:x-amz-acl': 'bucket-owner-full-control',
          'aws:SourceArn': ORG_TRAIL_ARN,
        },
      },
    });
  });
});

describe('bucket policy with an s3KeyPrefix', () => {
  test('the write statement is under the prefix', () => {
    const { template, bucketId, archive } = archiveFixture({ trails: [ORG_TRAIL], s3KeyPrefix: 'audit/cloudtrail' });
    expect(archive.s3KeyPrefix).toBe('audit/cloudtrail');
    expect(bySid(bucketPolicyStatements(template, bucketId), 'AWSCloudTrailWrite').Resource).toEqual([
      arnWith(bucketId, '/audit/cloudtrail/AWSLogs/222222222222/*'),
      arnWith(bucketId, '/audit/cloudtrail/AWSLogs/o-a1b2c3d4e5/*'),
    ]);
  });
});

describe('key policy for an organization trail', () => {
  const { template, keyId } = archiveFixture({ trails: [ORG_TRAIL] });
  const statements = keyPolicyStatements(template, keyId);

  test('the statements, in order', () => {
    expect(sids(statements)).toEqual([
      undefined, // the account's kms:* (key administration through IAM)
      'DenyGrantsExceptForAwsServices',
      'AllowS3ServerAccessLogDelivery',
      'DenyKeyDestruction',
      'AllowCloudTrailToEncryptLogs',
      'AllowCloudTrailToDecryptWithS3BucketKey',
      'AllowCloudTrailToDescribeKey',
    ]);
    expect(statements[0]).toEqual({ Effect: 'Allow', Principal: ROOT_111, Action: 'kms:*', Resource: '*' });
  });

  test('CloudTrail GenerateDataKey*: aws:SourceArn = the trail, encryption context like arn:aws:cloudtrail:*:<owner>:trail/*', () => {
    expect(bySid(statements, 'AllowCloudTrailToEncryptLogs')).toEqual({
      Sid: 'AllowCloudTrailToEncryptLogs',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:222222222222:trail/*' },
      },
    });
  });

  test('CloudTrail Decrypt (needed with an S3 Bucket Key), bound to the trail', () => {
    expect(bySid(statements, 'AllowCloudTrailToDecryptWithS3BucketKey')).toEqual({
      Sid: 'AllowCloudTrailToDecryptWithS3BucketKey',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN } },
    });
  });

  test('CloudTrail DescribeKey, bound to the trail', () => {
    expect(bySid(statements, 'AllowCloudTrailToDescribeKey')).toEqual({
      Sid: 'AllowCloudTrailToDescribeKey',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN } },
    });
  });

  test('no key policy statement for readers: the root kms:* statement already delegates to IAM, grantRead() adds the context condition', () => {
    expect(statements.filter((s) => JSON.stringify(s.Principal) === JSON.stringify(ROOT_111))).toHaveLength(1);
    expect(JSON.stringify(statements)).not.toMatch(/ReEncryptFrom/);
  });

  test('the logging service may encrypt access logs, from this account', () => {
    expect(bySid(statements, 'AllowS3ServerAccessLogDelivery')).toEqual({
      Sid: 'AllowS3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  test('CT.KMS.PR.3: only AWS services may create grants', () => {
    expect(bySid(statements, 'DenyGrantsExceptForAwsServices')).toEqual({
      Sid: 'DenyGrantsExceptForAwsServices',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    });
  });

  test('no CloudTrail statement without aws:SourceArn', () => {
    const cloudtrail = statements.filter((s) => JSON.stringify(s.Principal) === JSON.stringify(CLOUDTRAIL));
    expect(cloudtrail).toHaveLength(3);
    for (const s of cloudtrail) expect(s.Condition.StringEquals['aws:SourceArn']).toBe(ORG_TRAIL_ARN);
  });
});

describe('key policy for an account trail', () => {
  test('the encryption context names the account that owns the trail', () => {
    const { template, keyId } = archiveFixture({ trails: [ACCOUNT_TRAIL] });
    expect(bySid(keyPolicyStatements(template, keyId), 'AllowCloudTrailToEncryptLogs').Condition).toEqual({
      StringEquals: { 'aws:SourceArn': ACCOUNT_TRAIL_ARN },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
    });
  });
});

describe('several trails', () => {
  const OTHER_REGION_TRAIL = TrailDescription.accountTrail({ accountId: '333333333333', region: 'eu-west-1', trailName: 'eu-trail' });
  const { archive, template, bucketId, keyId } = archiveFixture({ trails: [ORG_TRAIL, ACCOUNT_TRAIL] }, (a) => {
    a.addTrail(ORG_TRAIL); // the same trail again: a no-op
    a.addTrail(TrailDescription.organizationTrail({ // an equal description: a no-op too
      organizationId: 'o-a1b2c3d4e5', managementAccountId: '222222222222', region: 'us-east-1', trailName: 'org-trail',
    }));
    a.addTrail(OTHER_REGION_TRAIL);
  });
  const bucketStatements = bucketPolicyStatements(template, bucketId);
  const keyStatements = keyPolicyStatements(template, keyId);

  test('each trail gets its own statements; the second and third get suffixed Sids', () => {
    expect(sids(bucketStatements)).toEqual([
      undefined, undefined, 'DenyEvidenceTampering',
      'AWSCloudTrailAclCheck', 'AWSCloudTrailWrite',
      'AWSCloudTrailAclCheck2', 'AWSCloudTrailWrite2',
      'AWSCloudTrailAclCheck3', 'AWSCloudTrailWrite3',
    ]);
    expect(sids(keyStatements).slice(4)).toEqual([
      'AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDecryptWithS3BucketKey', 'AllowCloudTrailToDescribeKey',
      'AllowCloudTrailToEncryptLogs2', 'AllowCloudTrailToDecryptWithS3BucketKey2', 'AllowCloudTrailToDescribeKey2',
      'AllowCloudTrailToEncryptLogs3', 'AllowCloudTrailToDecryptWithS3BucketKey3', 'AllowCloudTrailToDescribeKey3',
    ]);
  });

  test('each statement is bound to its own trail', () => {
    const sourceArn = (s: Statement): string => s.Condition.StringEquals['aws:SourceArn'];
    expect(sourceArn(bySid(bucketStatements, 'AWSCloudTrailWrite'))).toBe(ORG_TRAIL_ARN);
    expect(sourceArn(bySid(bucketStatements, 'AWSCloudTrailWrite2'))).toBe(ACCOUNT_TRAIL_ARN);
    expect(sourceArn(bySid(bucketStatements, 'AWSCloudTrailAclCheck3'))).toBe('arn:aws:cloudtrail:eu-west-1:333333333333:trail/eu-trail');
    expect(bySid(bucketStatements, 'AWSCloudTrailWrite2').Resource).toEqual(arnWith(bucketId, '/AWSLogs/111111111111/*'));
    expect(bySid(bucketStatements, 'AWSCloudTrailWrite3').Resource).toEqual(arnWith(bucketId, '/AWSLogs/333333333333/*'));
    expect(sourceArn(bySid(keyStatements, 'AllowCloudTrailToEncryptLogs2'))).toBe(ACCOUNT_TRAIL_ARN);
    expect(bySid(keyStatements, 'AllowCloudTrailToEncryptLogs3').Condition.StringLike).toEqual({
      'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:333333333333:trail/*',
    });
  });

  test('trailDescriptions lists each trail once', () => {
    expect(archive.trailDescriptions.map((t) => t.trailArn)).toEqual([
      ORG_TRAIL_ARN, ACCOUNT_TRAIL_ARN, 'arn:aws:cloudtrail:eu-west-1:333333333333:trail/eu-trail',
    ]);
  });
});
