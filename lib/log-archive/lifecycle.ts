import { Duration } from 'aws-cdk-lib';

/**
 * The lifecycle of the log archive: CloudTrail files stay in S3 Standard for investigations,
 * move to S3 Glacier Flexible Retrieval, then S3 Glacier Deep Archive, and expire after the
 * retention period. Noncurrent versions expire and incomplete multipart uploads are aborted.
 *
 * Objects under 128 KB do not transition by default since September 2024; most compressed
 * CloudTrail files are smaller, so the archive sets `TransitionDefaultMinimumObjectSize` to
 * `varies_by_storage_class`, which lets them reach Glacier.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
 */
export interface LogArchiveLifecycle {
  /**
   * When current log files move to S3 Glacier Flexible Retrieval, in whole days after creation.
   *
   * @default Duration.days(90) - three months of logs stay in S3 Standard for investigations
   */
  readonly glacierTransitionAfter?: Duration;

  /**
   * When current log files move to S3 Glacier Deep Archive, in whole days after creation. Must be
   * at least 90 days (Glacier Flexible Retrieval's minimum storage duration) after
   * `glacierTransitionAfter`.
   *
   * @default Duration.days(365)
   */
  readonly deepArchiveTransitionAfter?: Duration;

  /**
   * When current log files expire, in whole days after creation. Must be at least 180 days (Deep
   * Archive's minimum storage duration) after `deepArchiveTransitionAfter`. With Object Lock,
   * versions still under retention are kept until it ends.
   *
   * @default Duration.days(2557) - seven years (CIS, PCI DSS and most audit regimes ask for 1 to 7)
   */
  readonly expiration?: Duration;

  /**
   * When noncurrent versions (overwritten or deleted objects) expire, in whole days after they
   * become noncurrent. CloudTrail never overwrites its files, so noncurrent versions only come
   * from deletions or overwrites by people: keep them long enough to notice.
   *
   * @default Duration.days(365)
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * When incomplete multipart uploads are aborted, in whole days after they start.
   *
   * @default Duration.days(7)
   */
  readonly abortIncompleteMultipartUploadAfter?: Duration;
}
