/**
 * Bad input to the tamper protections: each error is a `CloudTrailBaselineError` that names the
 * property at fault, at synth time.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Bucket, ObjectLockMode, StorageClass } from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_TRAIL, ARCHIVE_ENV } from './helpers';
import { LogArchive, LogArchiveProps, TamperProtection } from '../../lib/log-archive';
import { CloudTrailBaselineError } from '../../lib/private/errors';

function build(props: Omit<LogArchiveProps, 'trails'>): { app: App; archive: LogArchive } {
  const app = new App();
  const stack = new Stack(app, 'Archive', { env: ARCHIVE_ENV });
  return { app, archive: new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], ...props }) };
}

/** The error `fn` throws, asserted to be a CloudTrailBaselineError. */
function errorOf(fn: () => unknown): CloudTrailBaselineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CloudTrailBaselineError);
    return e as CloudTrailBaselineError;
  }
  throw new Error('expected an error');
}

describe('TamperProtection.objectLock()', () => {
  test('retention under 1 day', () => {
    const e = errorOf(() => TamperProtection.objectLock({ retention: Duration.days(0) }));
    expect(e.property).toBe('ObjectLockProtectionOptions.retention');
    expect(e.message).toBe('ObjectLockProtectionOptions.retention: must be at least 1 day');
  });

  test('retention not whole days (S3 DefaultRetention takes days)', () => {
    expect(() => TamperProtection.objectLock({ retention: Duration.hours(36) }))
      .toThrow('ObjectLockProtectionOptions.retention: must be a whole number of days');
  });

  test('an unknown mode', () => {
    expect(() => TamperProtection.objectLock({ mode: 'LEGAL_HOLD' as ObjectLockMode }))
      .toThrow("ObjectLockProtectionOptions.mode: must be an ObjectLockMode (got 'LEGAL_HOLD')");
  });

  test('retention longer than the lifecycle expiration', () => {
    const e = errorOf(() => build({
      lifecycle: { expiration: Duration.days(1000) },
      tamperProtection: TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE, retention: Duration.days(1001) }),
    }));
    expect(e.property).toBe('LogArchiveProps.tamperProtection');
    expect(e.message).toContain('must not be longer than lifecycle.expiration (1001 > 1000 days)');
  });
});

describe('TamperProtection.mfaDelete()', () => {
  test.each([new StorageClass('STANDARD'), StorageClass.INFREQUENT_ACCESS, StorageClass.INTELLIGENT_TIERING, StorageClass.ONE_ZONE_INFREQUENT_ACCESS])(
    'vaultStorageClass $value is not an archive class', (storageClass) => {
      const e = errorOf(() => TamperProtection.mfaDelete({ vaultStorageClass: storageClass }));
      expect(e.property).toBe('MfaDeleteProtectionOptions.vaultStorageClass');
      expect(e.message).toContain(`must be GLACIER_IR, GLACIER or DEEP_ARCHIVE: the vault has no lifecycle, so replicas must arrive in an archive class (got '${storageClass.value}')`);
    });

  test('checkInterval under 5 minutes', () => {
    expect(() => TamperProtection.mfaDelete({ checkInterval: Duration.minutes(4) }))
      .toThrow('MfaDeleteProtectionOptions.checkInterval: must be from 5 minutes to 24 hours (got 4 minutes)');
  });

  test('checkInterval over 24 hours', () => {
    expect(() => TamperProtection.mfaDelete({ checkInterval: Duration.hours(25) }))
      .toThrow('MfaDeleteProtectionOptions.checkInterval: must be from 5 minutes to 24 hours (got 1500 minutes)');
  });

  test('checkInterval not whole minutes', () => {
    expect(() => TamperProtection.mfaDelete({ checkInterval: Duration.seconds(330) }))
      .toThrow('MfaDeleteProtectionOptions.checkInterval: must be a whole number of minutes');
  });

  test('the bounds are accepted', () => {
    expect(() => TamperProtection.mfaDelete({ checkInterval: Duration.minutes(5) })).not.toThrow();
    expect(() => TamperProtection.mfaDelete({ checkInterval: Duration.hours(24) })).not.toThrow();
  });

  test.each(['My_Vault', 'ab', 'vault..bucket', '192.168.1.1', 'xn--vault'])('vaultBucketName %s breaks the S3 naming rules', (name) => {
    const e = errorOf(() => TamperProtection.mfaDelete({ vaultBucketName: name }));
    expect(e.property).toBe('MfaDeleteProtectionOptions.vaultBucketName');
    expect(e.message).toContain('must follow the S3 bucket naming rules');
  });

  test('vaultBucketName equal to the archive bucket name', () => {
    const e = errorOf(() => build({ bucketName: 'cloudtrail-archive', tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: 'cloudtrail-archive' }) }));
    expect(e.message).toBe("MfaDeleteProtectionOptions.vaultBucketName: must differ from LogArchiveProps.bucketName and LogArchiveProps.accessLogsBucketName (got 'cloudtrail-archive' twice)");
  });

  test('vaultBucketName equal to the access-logs bucket name', () => {
    const e = errorOf(() => build({ accessLogsBucketName: 'cloudtrail-logs', tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: 'cloudtrail-logs' }) }));
    expect(e.property).toBe('MfaDeleteProtectionOptions.vaultBucketName');
  });

  test('a lifecycle rule added to the vault bucket fails synth, and says why', () => {
    const { app, archive } = build({ tamperProtection: TamperProtection.mfaDelete() });
    (archive.vaultBucket as Bucket).addLifecycleRule({ expiration: Duration.days(400) });
    expect(() => app.synth()).toThrow(/MfaDeleteProtectionOptions \(LogArchive\.vaultBucket\): the vault bucket must have no lifecycle rule: S3 does not support lifecycle configuration on a bucket with MFA delete/);
  });

  test('without a lifecycle rule on the vault, synth succeeds', () => {
    const { app } = build({ tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: 'cloudtrail-vault' }) });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('LogArchiveProps.alarmActions', () => {
  test('refused without TamperProtection.mfaDelete(): there is no alarm to route', () => {
    const action = { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:111111111111:ops' }) };
    for (const tamperProtection of [TamperProtection.objectLock(), TamperProtection.none(), undefined]) {
      const e = errorOf(() => build({ tamperProtection, alarmActions: [action] }));
      expect(e.property).toBe('LogArchiveProps.alarmActions');
      expect(e.message).toMatch(/only applies to the MFA delete alarm of TamperProtection.mfaDelete\(\)/);
    }
    expect(() => build({ tamperProtection: TamperProtection.mfaDelete(), alarmActions: [action] })).not.toThrow();
  });
});
