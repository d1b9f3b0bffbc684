import { Duration } from 'aws-cdk-lib';
import { LifecycleRule, StorageClass } from 'aws-cdk-lib/aws-s3';
import { LogArchiveLifecycle } from './lifecycle';
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

/** The lifecycle in whole days, validated. */
export interface ResolvedLifecycle {
  readonly glacierDays: number;
  readonly deepArchiveDays: number;
  readonly expirationDays: number;
  readonly noncurrentDays: number;
  readonly abortDays: number;
  readonly transitionSmallObjects: boolean;
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
  const transitionSmallObjects = lifecycle.transitionSmallObjects ?? false;
  return { glacierDays, deepArchiveDays, expirationDays, noncurrentDays, abortDays, transitionSmallObjects };
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
