import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { TrailDescription } from '../organization/trail-description';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * Bucket policy statements that let CloudTrail deliver the given trails' log files, as the
 * CloudTrail user guide documents them ("Amazon S3 bucket policy for CloudTrail" and, for
 * organization trails, "Create a bucket policy for an organization trail"): `s3:GetBucketAcl` on
 * the bucket and `s3:PutObject` on `[prefix/]AWSLogs/<owner account>/*` and
 * `[prefix/]AWSLogs/<organization ID>/*`, each bound to the trails' exact ARNs with
 * `aws:SourceArn`, and `s3:x-amz-acl = bucket-owner-full-control` on writes. The member-account
 * trails of an organization (`TrailDescription.memberAccountTrails()`) get their own statements:
 * `s3:PutObject` under `[prefix/]member-account-trails/AWSLogs/` only, bound to the ARN pattern
 * (`StringLike aws:SourceArn`) and to the organization (`aws:SourceOrgID`).
 *
 * No "deny unencrypted uploads" statement: both AWS samples found that it breaks CloudTrail
 * delivery; the bucket's default SSE-KMS encryption and the key policy do that job.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export function trailBucketStatements(bucketArn: string, trails: TrailDescription[], s3KeyPrefix?: string): PolicyStatement[] {
  return byKind(trails).flatMap((group) => {
    const source = sourceConditions(group);
    const objectPrefixes = unique(group.flatMap((t) => t.objectKeyPrefixes(s3KeyPrefix)));
    return [
      new PolicyStatement({
        sid: 'AWSCloudTrailAclCheck',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal(CLOUDTRAIL)],
        actions: ['s3:GetBucketAcl'],
        resources: [bucketArn],
        conditions: source,
      }),
      new PolicyStatement({
        sid: 'AWSCloudTrailWrite',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal(CLOUDTRAIL)],
        actions: ['s3:PutObject'],
        resources: objectPrefixes.map((prefix) => `${bucketArn}/${prefix}*`),
        conditions: { ...source, StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...source.StringEquals } },
      }),
    ];
  });
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
  return byKind(trails).flatMap((group) => {
    const source = sourceConditions(group);
    const contextArns = oneOrMany(unique(group.map(encryptionContextArn)));
    const cloudtrail = new ServicePrincipal(CLOUDTRAIL);
    return [
      new PolicyStatement({
        sid: 'AllowCloudTrailToEncryptLogs',
        principals: [cloudtrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { ...source, StringLike: { ...source.StringLike, 'kms:EncryptionContext:aws:cloudtrail:arn': contextArns } },
      }),
      new PolicyStatement({
        sid: 'AllowCloudTrailToDecryptWithS3BucketKey',
        principals: [cloudtrail],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: source,
      }),
      new PolicyStatement({
        sid: 'AllowCloudTrailToDescribeKey',
        principals: [cloudtrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: source,
      }),
    ];
  });
}

/**
 * The value of `kms:EncryptionContext:aws:cloudtrail:arn` a trail's log files carry, as a pattern:
 * `arn:<partition>:cloudtrail:*:<owner account>:trail/*` (the user guide's form); for the
 * member-account trails `arn:<partition>:cloudtrail:*:*:trail/<name>`.
 */
export function encryptionContextArn(trail: TrailDescription): string {
  return trail.isMemberAccountTrails
    ? `arn:${trail.partition}:cloudtrail:*:*:trail/${trail.trailName}`
    : `arn:${trail.partition}:cloudtrail:*:${trail.ownerAccountId}:trail/*`;
}

/**
 * The conditions that bind CloudTrail's requests to the trails: `aws:SourceArn` equal to their ARNs;
 * for the member-account trails, whose account is any of the organization's, `aws:SourceArn` like
 * the ARN pattern and `aws:SourceOrgID` equal to the organization.
 */
function sourceConditions(trails: TrailDescription[]): { StringEquals: Record<string, unknown>; StringLike?: Record<string, unknown> } {
  const sourceArns = oneOrMany(unique(trails.map((t) => t.trailArn)));
  const organizations = unique(trails.flatMap((t) => (t.memberOf === undefined ? [] : [t.memberOf])));
  if (organizations.length === 0) return { StringEquals: { 'aws:SourceArn': sourceArns } };
  return { StringEquals: { 'aws:SourceOrgID': oneOrMany(organizations) }, StringLike: { 'aws:SourceArn': sourceArns } };
}

/** The trails in groups that share their kind of conditions: exact trails, then each organization's member-account trails. */
function byKind(trails: TrailDescription[]): TrailDescription[][] {
  const exact = trails.filter((t) => !t.isMemberAccountTrails);
  const members = new Map<string, TrailDescription[]>();
  for (const t of trails) {
    if (t.memberOf !== undefined) members.set(t.memberOf, [...(members.get(t.memberOf) ?? []), t]);
  }
  return [...(exact.length > 0 ? [exact] : []), ...members.values()];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}
