import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { TrailDescription } from '../organization/trail-description';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * Bucket policy statements that let CloudTrail deliver the given trails' log files, as the
 * CloudTrail user guide documents them ("Amazon S3 bucket policy for CloudTrail" and, for
 * organization trails, "Create a bucket policy for an organization trail"): `s3:GetBucketAcl` on
 * the bucket and `s3:PutObject` on `[prefix/]AWSLogs/<owner account>/*` and
 * `[prefix/]AWSLogs/<organization ID>/*`, each bound to the trails' exact ARNs with
 * `aws:SourceArn`, and `s3:x-amz-acl = bucket-owner-full-control` on writes.
 *
 * No "deny unencrypted uploads" statement: both AWS samples found that it breaks CloudTrail
 * delivery; the bucket's default SSE-KMS encryption and the key policy do that job.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export function trailBucketStatements(bucketArn: string, trails: TrailDescription[], s3KeyPrefix?: string): PolicyStatement[] {
  if (trails.length === 0) return [];
  const sourceArns = unique(trails.map((t) => t.trailArn));
  const objectPrefixes = unique(trails.flatMap((t) => t.objectKeyPrefixes(s3KeyPrefix)));
  return [
    new PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal(CLOUDTRAIL)],
      actions: ['s3:GetBucketAcl'],
      resources: [bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': oneOrMany(sourceArns) } },
    }),
    new PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal(CLOUDTRAIL)],
      actions: ['s3:PutObject'],
      resources: objectPrefixes.map((prefix) => `${bucketArn}/${prefix}*`),
      conditions: {
        StringEquals: {
          's3:x-amz-acl': 'bucket-owner-full-control',
          'aws:SourceArn': oneOrMany(sourceArns),
        },
      },
    }),
  ];
}

/**
 * Key policy statements that let CloudTrail encrypt the given trails' log files with the archive
 * key ("Configure AWS KMS key policies for CloudTrail"):
 * - `kms:GenerateDataKey*` for CloudTrail, with `aws:SourceArn` = the trails' ARNs and
 *   `kms:EncryptionContext:aws:cloudtrail:arn` like `arn:<partition>:cloudtrail:*:<owner>:trail/*`;
 * - `kms:Decrypt` for CloudTrail with the same `aws:SourceArn`: needed to create or update a trail
 *   that writes to a bucket with an S3 Bucket Key;
 * - `kms:DescribeKey` for CloudTrail, with `aws:SourceArn`.
 *
 * Readers are not here: see `readers.ts` (`LogArchive.grantRead`, `grantOrganizationRead`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function trailKeyStatements(trails: TrailDescription[]): PolicyStatement[] {
  if (trails.length === 0) return [];
  const sourceArns = oneOrMany(unique(trails.map((t) => t.trailArn)));
  const contextArns = oneOrMany(unique(trails.map((t) => `arn:${t.partition}:cloudtrail:*:${t.ownerAccountId}:trail/*`)));
  const cloudtrail = new ServicePrincipal(CLOUDTRAIL);
  return [
    new PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [cloudtrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': sourceArns },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': contextArns },
      },
    }),
    new PolicyStatement({
      sid: 'AllowCloudTrailToDecryptWithS3BucketKey',
      principals: [cloudtrail],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': sourceArns } },
    }),
    new PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [cloudtrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': sourceArns } },
    }),
  ];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}
