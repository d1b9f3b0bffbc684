import { ObjectLockMode, StorageClass } from 'aws-cdk-lib/aws-s3';

/**
 * What `LogArchive` builds for a `TamperProtection`, validated by its factory (internal, not
 * exported: `TamperProtection._resolved`).
 */
export interface ResolvedTamperProtection {
  readonly kind: 'objectLock' | 'mfaDelete' | 'none';
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  readonly mfaDelete?: { readonly vaultBucketName?: string; readonly vaultStorageClass: StorageClass; readonly checkIntervalMinutes: number };
}
