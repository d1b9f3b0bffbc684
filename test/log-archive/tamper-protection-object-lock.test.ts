/**
 * `TamperProtection.objectLock()` (the default) and `TamperProtection.none()`: the archive
 * bucket's Object Lock configuration per mode and retention, and what `none()` leaves out.
 */
import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_TRAIL, archiveFixture } from './helpers';
import { TamperProtection } from '../../lib/log-archive';

function archiveBucket(tamperProtection?: TamperProtection) {
  const fixture = archiveFixture({ trails: [ACCOUNT_TRAIL], tamperProtection });
  return { ...fixture, properties: fixture.template.findResources('AWS::S3::Bucket')[fixture.bucketId].Properties };
}

describe('TamperProtection.objectLock()', () => {
  test('default (no tamperProtection): governance mode, 365 days', () => {
    const { properties } = archiveBucket();
    expect(properties.ObjectLockEnabled).toBe(true);
    expect(properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } });
  });

  test('objectLock() without options is the same as the default', () => {
    expect(archiveBucket(TamperProtection.objectLock()).properties.ObjectLockConfiguration)
      .toEqual(archiveBucket().properties.ObjectLockConfiguration);
  });

  test('compliance mode with a custom retention', () => {
    const { properties } = archiveBucket(TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE, retention: Duration.days(730) }));
    expect(properties.ObjectLockConfiguration.Rule).toEqual({ DefaultRetention: { Mode: 'COMPLIANCE', Days: 730 } });
  });

  test('governance mode, the shortest retention (1 day)', () => {
    const { properties } = archiveBucket(TamperProtection.objectLock({ mode: ObjectLockMode.GOVERNANCE, retention: Duration.days(1) }));
    expect(properties.ObjectLockConfiguration.Rule).toEqual({ DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } });
  });

  test('a retention given in hours that makes whole days is written in days', () => {
    const { properties } = archiveBucket(TamperProtection.objectLock({ retention: Duration.hours(48) }));
    expect(properties.ObjectLockConfiguration.Rule).toEqual({ DefaultRetention: { Mode: 'GOVERNANCE', Days: 2 } });
  });

  test('no vault, no replication, no MFA delete alarm; the lifecycle stays on the archive bucket', () => {
    const { archive, template, properties } = archiveBucket(TamperProtection.objectLock());
    expect(archive.vaultBucket).toBeUndefined();
    expect(archive.mfaDeleteAlarm).toBeUndefined();
    expect(properties.ReplicationConfiguration).toBeUndefined();
    expect(properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ArchiveSmallCloudTrailLogs', 'ExpireCloudTrailLogs']);
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(Object.keys(template.findOutputs('*'))).toEqual([]);
  });

  test('the access-logs bucket never has Object Lock (S3 does not deliver access logs to an Object Lock bucket)', () => {
    const { template, accessLogsBucketId } = archiveBucket(TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE }));
    const accessLogs = template.findResources('AWS::S3::Bucket')[accessLogsBucketId].Properties;
    expect(accessLogs.ObjectLockEnabled).toBeUndefined();
    expect(accessLogs.ObjectLockConfiguration).toBeUndefined();
  });

  test('no warning about tamper protection', () => {
    const { stack } = archiveBucket(TamperProtection.objectLock());
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('tamperProtection'));
  });
});

describe('TamperProtection.none()', () => {
  test('no Object Lock, no vault, the lifecycle unchanged', () => {
    const { archive, properties, template } = archiveBucket(TamperProtection.none());
    expect(properties.ObjectLockEnabled).toBeUndefined();
    expect(properties.ObjectLockConfiguration).toBeUndefined();
    expect(properties.ReplicationConfiguration).toBeUndefined();
    expect(properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(properties.LifecycleConfiguration.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ArchiveSmallCloudTrailLogs', 'ExpireCloudTrailLogs']);
    expect(archive.vaultBucket).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('a warning on the LogArchive says what is lost', () => {
    const { stack } = archiveBucket(TamperProtection.none());
    const warnings = Annotations.fromStack(stack).findWarning('/LogArchiveStack/Archive', Match.stringLikeRegexp('TamperProtection.none'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    expect(text).toContain('[ack: cdk-cloudtrail-baseline:noTamperProtection]');
    expect(text).toContain('Anyone with s3:DeleteObjectVersion or lifecycle rights (s3:PutLifecycleConfiguration) in the log archive account can erase or rewrite evidence undetected');
    expect(text).toContain('CIS / Security Hub S3.20 (MFA delete) and Object Lock (Control Tower CT.S3.PR.9) expectations are not met');
  });
});
