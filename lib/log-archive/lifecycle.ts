import { Duration } from 'aws-cdk-lib';
import { LifecycleRule, StorageClass } from 'aws-cdk-lib/aws-s3';
import { CloudTrailBaselineError } from '../private/errors';
import { wholeDays } from '../private/validate';

/**
 * Minimum storage durations of the S3 Glacier storage classes, in days: an object deleted or
 * transitioned earlier is billed for the rest of the period.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
 */
const GLACIER_FLEXIBLE_RETRIEVAL_MIN_DAYS = 90;
const DEEP_ARCHIVE_MIN_DAYS = 180;

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

/** The lifecycle in whole days, validated. */
export interface ResolvedLifecycle {
  readonly glacierDays: number;
  readonly deepArchiveDays: number;
  readonly expirationDays: number;
  readonly noncurrentDays: number;
  readonly abortDays: number;
}

/**
 * Validates a lifecycle and returns it in days.
 * @throws CloudTrailBaselineError naming the property and the rule
 */
export function resolveLifecycle(lifecycle: LogArchiveLifecycle = {}): ResolvedLifecycle {
  const p = 'LogArchiveProps.lifecycle';
  const glacierDays = wholeDays(`${p}.glacierTransitionAfter`, lifecycle.glacierTransitionAfter ?? Duration.days(90));
  const deepArchiveDays = wholeDays(`${p}.deepArchiveTransitionAfter`, lifecycle.deepArchiveTransitionAfter ?? Duration.days(365));
  const expirationDays = wholeDays(`${p}.expiration`, lifecycle.expiration ?? Duration.days(2557));
  const noncurrentDays = wholeDays(`${p}.noncurrentVersionExpiration`, lifecycle.noncurrentVersionExpiration ?? Duration.days(365));
  const abortDays = wholeDays(`${p}.abortIncompleteMultipartUploadAfter`, lifecycle.abortIncompleteMultipartUploadAfter ?? Duration.days(7));

  if (glacierDays < 1) {
    throw new CloudTrailBaselineError(`${p}.glacierTransitionAfter`, `must be at least 1 day (got ${glacierDays})`);
  }
  if (deepArchiveDays < glacierDays + GLACIER_FLEXIBLE_RETRIEVAL_MIN_DAYS) {
    throw new CloudTrailBaselineError(`${p}.deepArchiveTransitionAfter`,
      `must come after glacierTransitionAfter by at least ${GLACIER_FLEXIBLE_RETRIEVAL_MIN_DAYS} days, the minimum storage duration of S3 Glacier Flexible Retrieval `
      + `(got ${deepArchiveDays} days after ${glacierDays}; use at least ${glacierDays + GLACIER_FLEXIBLE_RETRIEVAL_MIN_DAYS})`);
  }
  if (expirationDays < deepArchiveDays + DEEP_ARCHIVE_MIN_DAYS) {
    throw new CloudTrailBaselineError(`${p}.expiration`,
      `must come after deepArchiveTransitionAfter by at least ${DEEP_ARCHIVE_MIN_DAYS} days, the minimum storage duration of S3 Glacier Deep Archive `
      + `(got ${expirationDays} days after ${deepArchiveDays}; use at least ${deepArchiveDays + DEEP_ARCHIVE_MIN_DAYS})`);
  }
  if (noncurrentDays < 1) {
    throw new CloudTrailBaselineError(`${p}.noncurrentVersionExpiration`, `must be at least 1 day (got ${noncurrentDays})`);
  }
  if (abortDays < 1) {
    throw new CloudTrailBaselineError(`${p}.abortIncompleteMultipartUploadAfter`, `must be at least 1 day (got ${abortDays})`);
  }
  return { glacierDays, deepArchiveDays, expirationDays, noncurrentDays, abortDays };
}

/** The S3 lifecycle rule of a resolved lifecycle. */
export function lifecycleRule(days: ResolvedLifecycle): LifecycleRule {
  return {
    id: 'ArchiveCloudTrailLogs',
    enabled: true,
    transitions: [
      { storageClass: StorageClass.GLACIER, transitionAfter: Duration.days(days.glacierDays) },
      { storageClass: StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(days.deepArchiveDays) },
    ],
    expiration: Duration.days(days.expirationDays),
    noncurrentVersionExpiration: Duration.days(days.noncurrentDays),
    abortIncompleteMultipartUploadAfter: Duration.days(days.abortDays),
  };
}
