import { Lazy, Token, TokenComparison } from 'aws-cdk-lib';
import { AnyPrincipal, Grant, IGrantable, IResourceWithPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { checkRoleArn } from './evidence-protection';
import { OrganizationReadOptions } from './organization-read-options';
import { encryptionContextArn } from './trail-policies';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAccountId, checkOrganizationId } from '../private/validate';

/** The bucket-level and object-level read actions a reader gets on the archive bucket. */
export const BUCKET_READ_ACTIONS = ['s3:GetBucketLocation', 's3:ListBucket'];
export const OBJECT_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];

/**
 * The values of `kms:EncryptionContext:aws:cloudtrail:arn` for the log files of these trails:
 * `arn:<partition>:cloudtrail:*:<owner account>:trail/*`, as the CloudTrail user guide writes
 * the reader statement ("Granting decrypt permissions for trails"); for the member-account trails
 * `arn:<partition>:cloudtrail:*:*:trail/<name>`.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function trailEncryptionContexts(trails: TrailDescription[]): string[] {
  return [...new Set(trails.map(encryptionContextArn))];
}

/** IAM policy conditions: operator → condition key → value. */
export type Conditions = Record<string, Record<string, unknown>>;

/**
 * The conditions under which a reader may call `kms:Decrypt`, one statement each (a statement
 * cannot say "or"): the encryption context is that of a CloudTrail log file of the given trails
 * (evaluated lazily: trails may be added after the grant), or that of the archive bucket's S3
 * Bucket Key (`kms:EncryptionContext:aws:s3:arn`). With an S3 Bucket Key, S3 decrypts the
 * bucket-level key with the bucket ARN as encryption context; we found no AWS page that says
 * whether CloudTrail's own context is kept then, so both are allowed.
 *
 * @param bucketArnPattern the archive bucket's ARN, or `arn:<partition>:s3:::*` when its name is
 * generated: a key policy cannot reference the bucket, which references the key (a dependency
 * cycle). The access-logs bucket shares the key, but readers get no S3 access to it.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
 */
export function logFileDecryptConditions(trails: () => TrailDescription[], bucketArnPattern: string): Conditions[] {
  return [
    { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': Lazy.list({ produce: () => trailEncryptionContexts(trails()) }) } },
    bucketKeyDecryptCondition(bucketArnPattern),
  ];
}

/** The encryption context of the bucket's S3 Bucket Key (`StringLike`, so that a pattern works too). */
export function bucketKeyDecryptCondition(bucketArnPattern: string): Conditions {
  return { StringLike: { 'kms:EncryptionContext:aws:s3:arn': bucketArnPattern } };
}

/** Two sets of conditions in one, merged operator by operator. */
function mergeConditions(...all: Conditions[]): Conditions {
  const merged: Conditions = {};
  for (const conditions of all) {
    for (const [operator, keys] of Object.entries(conditions)) merged[operator] = { ...(merged[operator] ?? {}), ...keys };
  }
  return merged;
}

/** What `grantArchiveRead` reads from and decrypts with. */
export interface ArchiveReadTarget {
  readonly bucket: IBucket;
  /** The key, when its policy can be changed (the archive's own). */
  readonly key?: IResourceWithPolicy;
  /** The key ARN to name in the grantee's policy. */
  readonly keyArn: string;
  /** Extra conditions of the grantee's `kms:Decrypt` statements (e.g. an alias condition). */
  readonly keyConditions?: Conditions;
  /** One `kms:Decrypt` statement per entry (see `logFileDecryptConditions`). */
  readonly decryptConditions: Conditions[];
}

/**
 * Grants `s3:GetObject`, `s3:GetObjectVersion` on the archive's objects, `s3:ListBucket`,
 * `s3:GetBucketLocation` on the bucket and `kms:Decrypt` on the key for CloudTrail log files only.
 * A grantee of the archive's account gets them in its IAM policy (the key policy delegates to
 * IAM); a grantee of another account gets them in its IAM policy when this stack can change it,
 * and in the bucket and key policies (`Grant.addToPrincipalOrResource`).
 */
export function grantArchiveRead(grantee: IGrantable, target: ArchiveReadTarget): Grant {
  const bucketGrant = Grant.addToPrincipalOrResource({
    grantee,
    actions: BUCKET_READ_ACTIONS,
    resourceArns: [target.bucket.bucketArn],
    resource: target.bucket,
  });
  const objectGrant = Grant.addToPrincipalOrResource({
    grantee,
    actions: OBJECT_READ_ACTIONS,
    resourceArns: [target.bucket.arnForObjects('*')],
    resource: target.bucket,
  });
  let grant = bucketGrant.combine(objectGrant);
  for (const decryptCondition of target.decryptConditions) {
    const conditions = mergeConditions(decryptCondition, target.keyConditions ?? {});
    const keyGrant = Grant.addToPrincipal({ grantee, actions: ['kms:Decrypt'], resourceArns: [target.keyArn], conditions });
    grant = grant.combine(keyGrant);
    if (!target.key || (keyGrant.success && sameAccount(grantee, target.key))) continue;
    // Not Grant.addToPrincipalOrResource: its resource-side statement drops the conditions, which
    // would let the grantee decrypt anything the key encrypts.
    grant = grant.combine(Grant.addStatementToResourcePolicy({
      grantee,
      actions: ['kms:Decrypt'],
      resourceArns: ['*'],
      resource: target.key,
      statement: new PolicyStatement({ principals: [grantee.grantPrincipal], actions: ['kms:Decrypt'], resources: ['*'], conditions }),
    }));
  }
  return grant;
}

/** Whether the grantee is in the resource's account, as `Grant.addToPrincipalOrResource` decides it. */
function sameAccount(grantee: IGrantable, resource: IResourceWithPolicy): boolean {
  const account = grantee.grantPrincipal.principalAccount;
  if (account === undefined) return false;
  const comparison = Token.compareStrings(resource.env.account, account);
  return comparison === TokenComparison.SAME || comparison === TokenComparison.BOTH_UNRESOLVED;
}

/** Validates organization read options. @throws CloudTrailBaselineError naming the option */
export function checkOrganizationReadOptions(options: OrganizationReadOptions, partition?: string): void {
  const p = 'OrganizationReadOptions';
  checkProps(p, options, schemas.OrganizationReadOptions(), []);
  if (options === undefined || options.organizationId === undefined || options.organizationId === '') {
    throw new CloudTrailBaselineError(`${p}.organizationId`, 'is required: readers must belong to the organization (aws:PrincipalOrgID)');
  }
  checkOrganizationId(`${p}.organizationId`, options.organizationId);
  const accounts = options.accountIds ?? [];
  const arns = options.principalArns ?? [];
  if (accounts.length === 0 && arns.length === 0) {
    throw new CloudTrailBaselineError(`${p}.accountIds`,
      'or principalArns must name at least one reader: the whole organization reading the audit logs is not a default this library offers');
  }
  for (const account of accounts) checkAccountId(`${p}.accountIds`, account);
  for (const arn of arns) checkRoleArn(`${p}.principalArns`, arn, partition);
}

/** The conditions that identify organization readers. */
function organizationReaderConditions(options: OrganizationReadOptions): Conditions {
  const accounts = options.accountIds ?? [];
  const arns = options.principalArns ?? [];
  return {
    StringEquals: {
      'aws:PrincipalOrgID': options.organizationId,
      ...(accounts.length > 0 ? { 'aws:PrincipalAccount': oneOrMany(accounts) } : {}),
    },
    ...(arns.length > 0 ? { ArnLike: { 'aws:PrincipalArn': oneOrMany(arns) } } : {}),
  };
}

/**
 * The bucket policy statements of an organization read grant: list the bucket, read the objects,
 * for any principal (`AWS: *`) that the conditions single out.
 */
export function organizationReadBucketStatements(bucket: IBucket, options: OrganizationReadOptions, suffix: string): PolicyStatement[] {
  const conditions = organizationReaderConditions(options);
  return [
    new PolicyStatement({
      sid: `OrganizationReadBucket${suffix}`,
      principals: [new AnyPrincipal()],
      actions: BUCKET_READ_ACTIONS,
      resources: [bucket.bucketArn],
      conditions,
    }),
    new PolicyStatement({
      sid: `OrganizationReadObjects${suffix}`,
      principals: [new AnyPrincipal()],
      actions: OBJECT_READ_ACTIONS,
      resources: [bucket.arnForObjects('*')],
      conditions,
    }),
  ];
}

/**
 * The key policy statements of an organization read grant: decrypt log files of this archive only,
 * one statement per entry of `decryptConditions` (`OrganizationReadDecryptLogFiles`, then
 * `OrganizationReadDecryptWithS3BucketKey`).
 */
export function organizationReadKeyStatements(options: OrganizationReadOptions, decryptConditions: Conditions[], suffix: string): PolicyStatement[] {
  const readers = organizationReaderConditions(options);
  const sids = ['OrganizationReadDecryptLogFiles', 'OrganizationReadDecryptWithS3BucketKey'];
  return decryptConditions.map((decryptCondition, i) => new PolicyStatement({
    sid: `${sids[i] ?? `OrganizationReadDecrypt${i + 1}`}${suffix}`,
    principals: [new AnyPrincipal()],
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: mergeConditions(readers, decryptCondition),
  }));
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}
