/**
 * Replication of the log archive to a second region, for disaster recovery.
 */
import { StorageClass } from 'aws-cdk-lib/aws-s3';

/**
 * Where the log archive replicates every new log file for disaster recovery: a bucket in another
 * region of the same account, encrypted with its own KMS key, with the same protections.
 *
 * Build the destination with a `LogArchive` in a stack of that region, with the same
 * `bucketName` and `encryptionKeyAlias` as here, the same tamper protection (S3 replicates
 * Object Lock retention and requires Object Lock on the destination when the source has it) and
 * `replicaOf` set to this archive's bucket name (it then needs no trail). Both stacks must have
 * a concrete region and account (`env`).
 *
 * The destination is named, not passed as an `IBucket`, because CloudFormation references do not
 * cross regions: the source refers to the bucket by name and to the key by alias ARN (accepted
 * by S3 as `ReplicaKmsKeyID`).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export interface LogArchiveReplication {
  /**
   * The region of the destination bucket. Must differ from the archive's region (replication in
   * the same region is not disaster recovery) and be in the same partition.
   */
  readonly region: string;

  /**
   * The name of the destination bucket (the replica `LogArchive`'s `bucketName`). Must follow
   * the S3 bucket naming rules and differ from the archive's own bucket names.
   */
  readonly bucketName: string;

  /**
   * The alias of the destination's KMS key, with the `alias/` prefix (the replica `LogArchive`'s
   * `encryptionKeyAlias`). Replicas are re-encrypted with this key, never with the source key.
   *
   * @default - the source archive's `encryptionKeyAlias`
   */
  readonly encryptionKeyAlias?: string;

  /**
   * The storage class replicas arrive in. The destination's own lifecycle then moves them on.
   *
   * @default - the storage class of the source object (S3 Standard for new log files)
   */
  readonly storageClass?: StorageClass;
}
