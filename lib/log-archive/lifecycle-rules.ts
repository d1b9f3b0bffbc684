import { Duration } from 'aws-cdk-lib';
import { LifecycleRule, StorageClass, TransitionDefaultMinimumObjectSize } from 'aws-cdk-lib/aws-s3';
import { deepArchiveBreakEvenBytes } from './archive-cost-model';
import { LogArchiveLifecycle } from './lifecycle';
import { CloudTrailBaselineError } from '../private/errors';
import { wholeDays } from '../private/validate';

/** S3's line between small and large objects in lifecycle transitions, in bytes (128 KiB). */
export const LARGE_OBJECT_BYTES = 128 * 1024;

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
  /**
   * The smallest file, in bytes, that goes straight to Deep Archive; `undefined` when no file
   * under 128 KiB transitions (the break-even is above it) or `transitionSmallObjects` is set.
   */
  readonly deepArchiveMinimumBytes?: number;
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
  const deepArchiveMinimumBytes = resolveDeepArchiveMinimum(lifecycle, glacierDays, expirationDays);
  return { glacierDays, deepArchiveDays, expirationDays, noncurrentDays, abortDays, transitionSmallObjects, deepArchiveMinimumBytes };
}

function resolveDeepArchiveMinimum(lifecycle: LogArchiveLifecycle, glacierDays: number, expirationDays: number): number | undefined {
  const p = 'LogArchiveProps.lifecycle.deepArchiveMinimumObjectSize';
  const size = lifecycle.deepArchiveMinimumObjectSize;
  if (lifecycle.transitionSmallObjects) {
    if (size !== undefined) {
      throw new CloudTrailBaselineError(p, 'must not be set with transitionSmallObjects: true, which sends every file through Glacier Flexible Retrieval whatever its size');
    }
    return undefined;
  }
  if (size === undefined) {
    const breakEven = Math.ceil(deepArchiveBreakEvenBytes(glacierDays, expirationDays));
    return breakEven < LARGE_OBJECT_BYTES ? breakEven : undefined;
  }
  if (size.isUnresolved()) {
    throw new CloudTrailBaselineError(p, 'must be a literal Size, not one made from a token: the lifecycle rules are written at synth time');
  }
  const bytes = size.toBytes();
  if (!Number.isInteger(bytes)) throw new CloudTrailBaselineError(p, `must be a whole number of bytes (got ${bytes})`);
  if (bytes < 1 || bytes > LARGE_OBJECT_BYTES) {
    throw new CloudTrailBaselineError(p, `must be more than 0 bytes and at most 128 KiB (got ${bytes} bytes; Size.kibibytes(128) turns the small-file path off)`);
  }
  return bytes < LARGE_OBJECT_BYTES ? bytes : undefined;
}

/**
 * The S3 lifecycle rules of a resolved lifecycle: one per size class that transitions (large
 * files through Glacier Flexible Retrieval, small ones straight to Deep Archive) and one, without a
 * filter, that expires every file. S3 applies the rules whose filters match an object together;
 * the size filters (strict inequalities, in bytes) take precedence over the bucket's
 * `TransitionDefaultMinimumObjectSize`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-conflicts.html
 */
export function lifecycleRules(days: ResolvedLifecycle): LifecycleRule[] {
  const throughGlacier = [
    { storageClass: StorageClass.GLACIER, transitionAfter: Duration.days(days.glacierDays) },
    { storageClass: StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(days.deepArchiveDays) },
  ];
  const expiry: LifecycleRule = {
    id: 'ExpireCloudTrailLogs',
    enabled: true,
    expiration: Duration.days(days.expirationDays),
    noncurrentVersionExpiration: Duration.days(days.noncurrentDays),
    abortIncompleteMultipartUploadAfter: Duration.days(days.abortDays),
  };
  if (days.transitionSmallObjects) {
    return [{ id: 'ArchiveCloudTrailLogs', enabled: true, transitions: throughGlacier }, expiry];
  }
  return [
    { id: 'ArchiveLargeCloudTrailLogs', enabled: true, objectSizeGreaterThan: LARGE_OBJECT_BYTES - 1, transitions: throughGlacier },
    ...(days.deepArchiveMinimumBytes !== undefined ? [{
      id: 'ArchiveSmallCloudTrailLogs',
      enabled: true,
      objectSizeGreaterThan: days.deepArchiveMinimumBytes - 1,
      objectSizeLessThan: LARGE_OBJECT_BYTES,
      transitions: [{ storageClass: StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(days.glacierDays) }],
    }] : []),
    expiry,
  ];
}

/** The bucket's default minimum object size for transitions without a size filter. */
export function transitionDefaultMinimumObjectSize(days: ResolvedLifecycle): TransitionDefaultMinimumObjectSize {
  return days.transitionSmallObjects
    ? TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS
    : TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K;
}
