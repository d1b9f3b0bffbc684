import { Annotations, Duration } from 'aws-cdk-lib';
import { BucketProps, ObjectLockMode, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ResolvedTamperProtection } from './resolved-tamper-protection';
import { CloudTrailBaselineError } from '../private/errors';

/**
 * The archive bucket's Object Lock settings for `TamperProtection.objectLock()` (S3
 * `DefaultRetention` in days), and none for the other protections.
 *
 * @throws CloudTrailBaselineError when the retention is longer than the lifecycle's expiration:
 * locked versions could not expire
 */
export function objectLockProps(protection: ResolvedTamperProtection, expirationDays: number): Partial<BucketProps> {
  const lock = protection.objectLock;
  if (!lock) return {};
  if (lock.retentionDays > expirationDays) {
    throw new CloudTrailBaselineError('LogArchiveProps.tamperProtection',
      `the Object Lock retention must not be longer than lifecycle.expiration (${lock.retentionDays} > ${expirationDays} days): locked versions could not expire`);
  }
  const duration = Duration.days(lock.retentionDays);
  return {
    objectLockEnabled: true,
    objectLockDefaultRetention: lock.mode === ObjectLockMode.COMPLIANCE
      ? ObjectLockRetention.compliance(duration)
      : ObjectLockRetention.governance(duration),
  };
}

/** The warning of `TamperProtection.none()`: what is lost. */
export function warnUnprotected(scope: Construct, protection: ResolvedTamperProtection): void {
  if (protection.kind !== 'none') return;
  Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:noTamperProtection',
    'LogArchiveProps.tamperProtection is TamperProtection.none(): the log files have neither Object Lock nor MFA delete. '
    + 'Anyone with s3:DeleteObjectVersion or lifecycle rights (s3:PutLifecycleConfiguration) in the log archive account can erase or rewrite evidence undetected, '
    + 'and the CIS / Security Hub S3.20 (MFA delete) and Object Lock (Control Tower CT.S3.PR.9) expectations are not met.');
}
