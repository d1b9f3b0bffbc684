import { Duration } from 'aws-cdk-lib';

/**
 * The lifecycle of the log archive: CloudTrail files stay in S3 Standard for investigations,
 * move to S3 Glacier Flexible Retrieval, then S3 Glacier Deep Archive, and expire after the
 * retention period. Noncurrent versions expire and incomplete multipart uploads are aborted.
 *
 * Objects under 128 KB stay in S3 Standard until they expire (S3's default since September
 * 2024, `transitionSmallObjects`): each transition of a small file costs more than it saves.
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

  /**
   * Whether log files under 128 KB transition to the Glacier classes too
   * (`TransitionDefaultMinimumObjectSize = varies_by_storage_class`), or stay in S3 Standard until
   * they expire (`all_storage_classes_128K`, S3's default).
   *
   * Each archived object costs about $0.0001 over its life whatever its size (two transition
   * requests, $0.00008 in us-east-1, plus 40 KB of Glacier metadata billed per object), against
   * about $1.76 saved per GB over seven years: archiving pays only above an average object size of
   * about 58 KB, and many compressed CloudTrail files are smaller. See the README section "What
   * the archive costs" for the arithmetic.
   *
   * @default false - files under 128 KB stay in S3 Standard until they expire
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly transitionSmallObjects?: boolean;
}
