import { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { IConstruct, IDependable } from 'constructs';
import { TrailDescription } from '../organization/trail-description';

/**
 * A log archive: the S3 bucket and KMS key that CloudTrail delivers log files to.
 */
export interface ILogArchive {
  /** The bucket that holds the log files. */
  readonly bucket: IBucket;
  /**
   * The ARN of the KMS key (or of an alias of it) that encrypts the log files. An alias ARN is
   * accepted by CloudTrail and is deterministic, which makes it the reference to use across accounts.
   *
   * @default - none: an imported archive with `LogArchiveAttributes.s3ManagedEncryption`; trails
   * then deliver SSE-S3 encrypted log files (no `KMSKeyId`)
   */
  readonly encryptionKeyArn?: string;
  /** The region of the bucket and key, when known. */
  readonly region: string;
  /** The S3 key prefix trails write under, without leading or trailing `/`, if any. */
  readonly s3KeyPrefix?: string;

  /**
   * Whether the archive's bucket sends its object events to Amazon EventBridge
   * (`NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled`), which
   * `DigestValidator` needs to see new digest files. `LogArchive` always does; an imported archive
   * cannot tell, so a `DigestValidator` on it warns (`digestValidatorImportedArchive`).
   *
   * @default false (not known to send them)
   */
  readonly eventBridgeEnabled?: boolean;

  /**
   * Binds a trail to this archive: what the trail needs to deliver here (`TrailDeliveryConfig`),
   * after letting it deliver. A `LogArchive` adds the bucket and key policy statements CloudTrail
   * documents, bound to the trail's ARN; an imported archive cannot change its policies, so it
   * warns with the statements its own stack must carry (`importedLogArchive`) unless the trail is
   * among `LogArchiveAttributes.allowedTrails`. `BaselineTrail` calls it once, with itself as
   * `scope`.
   *
   * @param scope the construct of the trail (its stack decides whether the trail can depend on the archive's resources)
   * @param trail the trail's description: owner, region, name, organization
   * @returns where and how the trail delivers its log files
   * @throws Error (`CloudTrailBaselineError`) when the trail cannot deliver here, e.g. it is of another partition
   */
  bindTrail(scope: IConstruct, trail: TrailDescription): TrailDeliveryConfig;

  /**
   * The ARNs of the archive's buckets: the log bucket and, when known, the bucket that receives
   * its server access logs and the MFA delete vault (`TamperProtection.mfaDelete()`), which
   * receives the log bucket's replicas. Trails exclude them from S3 data events, which would otherwise log
   * their own deliveries (Landing Zone Accelerator #1192).
   */
  archiveBucketArns(): string[];

  /**
   * Grants read access to the log files: `s3:GetObject`, `s3:GetObjectVersion`, `s3:ListBucket`,
   * `s3:GetBucketLocation` and `kms:Decrypt` for log files of this archive only (the
   * `kms:EncryptionContext:aws:cloudtrail:arn` condition, or the bucket's S3 Bucket Key context). On an imported archive only the
   * grantee's IAM policy changes; a warning lists the bucket and key policy statements the
   * archive's owner must add for a grantee of another account.
   */
  grantRead(grantee: IGrantable): Grant;
}

/**
 * What a trail needs to deliver to a log archive: the result of `ILogArchive.bindTrail()`.
 */
export interface TrailDeliveryConfig {
  /** The name of the bucket the trail delivers its log files to (`AWS::CloudTrail::Trail.S3BucketName`). */
  readonly bucketName: string;

  /**
   * The ARN of the KMS key (or of an alias of it) the trail encrypts its log files with
   * (`KMSKeyId`).
   *
   * @default - none: the log files are encrypted with SSE-S3
   */
  readonly encryptionKeyArn?: string;

  /**
   * The S3 key prefix the trail is created with, without leading or trailing `/`: the archive's
   * prefix, and for the member-account trails `[prefix/]member-account-trails`
   * (`TrailDescription.s3KeyPrefixIn`).
   *
   * @default - none
   */
  readonly s3KeyPrefix?: string;

  /**
   * The ARNs of the archive's buckets, which the trail's S3 data event selections exclude
   * (otherwise the trail would log its own deliveries); usually `ILogArchive.archiveBucketArns()`.
   * Fewer than two (the log bucket only) means the access-logs bucket is unknown: a trail with S3
   * data events then warns (`s3DataEventsAccessLogsBucketUnknown`).
   */
  readonly excludedBucketArns: string[];

  /**
   * What the trail must be created after: CloudTrail checks the bucket and key policies when the
   * trail is created. Only constructs of the trail's own stack.
   *
   * @default - none
   */
  readonly dependables?: IDependable[];
}

/**
 * Attributes of an existing log archive, owned by another stack or account.
 */
export interface LogArchiveAttributes {
  /** The bucket name. */
  readonly bucketName: string;
  /**
   * The ARN of the bucket's KMS key or of an alias of it, e.g.
   * `arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive`. Required unless
   * `s3ManagedEncryption` is true.
   *
   * @default - none: `s3ManagedEncryption` must then be true
   */
  readonly encryptionKeyArn?: string;
  /**
   * The archive has no KMS key: its bucket is encrypted with S3 managed keys (SSE-S3). Trails then
   * deliver without a KMS key, so CloudTrail log files are encrypted with SSE-S3 instead of SSE-KMS,
   * and readers need no `kms:Decrypt`. What is lost: Security Hub CloudTrail.2 ("CloudTrail should
   * have encryption at-rest enabled", CIS 3.5/3.7) fails for every such trail, and reading a log
   * file no longer needs a second, separately granted permission on a key. A warning says so
   * (`cdk-cloudtrail-baseline:sseS3LogArchive`). Exclusive with `encryptionKeyArn`.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2
   * @default false
   */
  readonly s3ManagedEncryption?: boolean;
  /**
   * The bucket's region.
   *
   * @default - the region of the key ARN
   */
  readonly region?: string;
  /**
   * The bucket's account.
   *
   * @default - the account of the key ARN
   */
  readonly account?: string;
  /**
   * The S3 key prefix trails write under.
   *
   * @default - none
   */
  readonly s3KeyPrefix?: string;

  /**
   * The name of the bucket that receives the archive's server access logs.
   *
   * @default - unknown: trails cannot exclude it from S3 data events by name
   */
  readonly accessLogsBucketName?: string;

  /**
   * The name of the archive's MFA delete vault bucket (`MfaDeleteProtectionOptions.vaultBucketName`),
   * when it uses `TamperProtection.mfaDelete()`. Trails exclude it from S3 data events too.
   *
   * @default - no vault, or unknown: trails cannot exclude it from S3 data events by name
   */
  readonly vaultBucketName?: string;

  /**
   * The trails that the archive's own stack already allows (its `LogArchiveProps.trails`), from
   * the same shared `TrailDescription`s. A trail of this stack that is not among them gets a
   * warning listing the statements the archive's stack must add.
   *
   * @default - none: every trail gets that warning
   */
  readonly allowedTrails?: TrailDescription[];
}
