import { Duration, Size } from 'aws-cdk-lib';

/**
 * The lifecycle of the log archive, priced per object size: every CloudTrail file stays in S3
 * Standard for investigations, then takes the cheapest path its size allows, and expires after
 * the retention period. Noncurrent versions expire and incomplete multipart uploads are aborted.
 *
 * - Files of 128 KB and more move to S3 Glacier Flexible Retrieval at `glacierTransitionAfter`
 *   (restores in hours, free bulk retrievals), then to S3 Glacier Deep Archive at
 *   `deepArchiveTransitionAfter`.
 * - Files from `deepArchiveMinimumObjectSize` up to 128 KB go straight to Deep Archive at
 *   `glacierTransitionAfter`: one transition request instead of two, and no Glacier Flexible
 *   Retrieval step, whose request costs them more than its faster restores are worth.
 * - Smaller files stay in S3 Standard until they expire: any transition costs them more than it saves.
 *
 * Each class is a lifecycle rule with an `ObjectSizeGreaterThan` / `ObjectSizeLessThan` filter
 * (such filters take precedence over the bucket's `TransitionDefaultMinimumObjectSize`); a fourth
 * rule, without a filter, expires every file. docs/log-archive.md "What the archive costs" has the
 * arithmetic; `benchmarks/archive-cost.ts` prints it per object size.
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
   * The smallest log file that goes straight from S3 Standard to S3 Glacier Deep Archive at
   * `glacierTransitionAfter`; files from this size up to 128 KB take that path, smaller ones stay
   * in S3 Standard until they expire. `Size.kibibytes(128)` turns the small-file path off (files
   * under 128 KB then all stay in Standard). Whole bytes, more than 0 and at most 128 KiB.
   *
   * The default is the size where the two costs cross over the files' life: a transition to Deep
   * Archive ($0.05 per 1,000 requests) plus 40 KB of per-object overhead (8 KB billed at Standard,
   * 32 KB at Deep Archive) against the Standard storage saved, at us-east-1 prices, in whole
   * bytes. For the default days that is 40,130 bytes (39.2 KiB); a shorter retention raises it (at
   * one year it passes 128 KiB and the small-file path is left out).
   *
   * @default - the break-even size for the lifecycle's days (40,130 bytes for the defaults)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly deepArchiveMinimumObjectSize?: Size;

  /**
   * Send every log file, whatever its size, through Glacier Flexible Retrieval and Deep Archive
   * (one rule, `TransitionDefaultMinimumObjectSize = varies_by_storage_class`) instead of the
   * size classes above. This costs more: two transitions and 40 KB of overhead per file, which a
   * file under about 58 KB never earns back (at 52 KB, about 10% more than keeping it in Standard
   * and about 40% more than the size-aware default). Not with `deepArchiveMinimumObjectSize`.
   *
   * @default false - the lifecycle is priced per object size (see above)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly transitionSmallObjects?: boolean;
}
