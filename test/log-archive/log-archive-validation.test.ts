/**
 * Bad input to `LogArchive`: every lifecycle rule, access-log retention,
 * bucket names, key alias, S3 key prefix. Each error names the property at fault.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { ACCOUNT_TRAIL, ARCHIVE_ENV } from './helpers';
import { LogArchive, LogArchiveLifecycle, LogArchiveProps, TamperProtection } from '../../lib/log-archive';
import { CloudTrailBaselineError } from '../../lib/private/errors';

function build(props: Omit<LogArchiveProps, 'trails'>): LogArchive {
  const stack = new Stack(new App(), 'Archive', { env: ARCHIVE_ENV });
  return new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], ...props });
}

function withLifecycle(lifecycle: LogArchiveLifecycle): () => LogArchive {
  return () => build({ lifecycle });
}

describe('lifecycle', () => {
  test('errors are CloudTrailBaselineErrors naming the lifecycle property', () => {
    let error: unknown;
    try {
      build({ lifecycle: { glacierTransitionAfter: Duration.days(0) } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CloudTrailBaselineError);
    expect((error as CloudTrailBaselineError).property).toBe('LogArchiveProps.lifecycle.glacierTransitionAfter');
  });

  test('Glacier transition at least 1 day', () => {
    expect(withLifecycle({ glacierTransitionAfter: Duration.days(0) }))
      .toThrow('LogArchiveProps.lifecycle.glacierTransitionAfter: must be at least 1 day (got 0)');
    expect(withLifecycle({ glacierTransitionAfter: Duration.days(1) })).not.toThrow();
  });

  test('Deep Archive at least 90 days after Glacier (its minimum storage duration)', () => {
    expect(withLifecycle({ glacierTransitionAfter: Duration.days(90), deepArchiveTransitionAfter: Duration.days(179) }))
      .toThrow(/^LogArchiveProps\.lifecycle\.deepArchiveTransitionAfter: must come after glacierTransitionAfter by at least 90 days.*\(got 179 days after 90; use at least 180\)$/);
    // The default deep archive (365) is checked against a custom Glacier transition too.
    expect(withLifecycle({ glacierTransitionAfter: Duration.days(276) }))
      .toThrow(/LogArchiveProps\.lifecycle\.deepArchiveTransitionAfter: .*use at least 366/);
    expect(withLifecycle({ glacierTransitionAfter: Duration.days(90), deepArchiveTransitionAfter: Duration.days(180) })).not.toThrow();
  });

  test('expiration at least 180 days after Deep Archive (its minimum storage duration)', () => {
    expect(withLifecycle({ expiration: Duration.days(544) }))
      .toThrow(/^LogArchiveProps\.lifecycle\.expiration: must come after deepArchiveTransitionAfter by at least 180 days.*\(got 544 days after 365; use at least 545\)$/);
    expect(withLifecycle({ expiration: Duration.days(545) })).not.toThrow();
  });

  test.each([
    ['glacierTransitionAfter', { glacierTransitionAfter: Duration.hours(36) }],
    ['deepArchiveTransitionAfter', { deepArchiveTransitionAfter: Duration.hours(8772) }],
    ['expiration', { expiration: Duration.minutes(3_682_081) }],
    ['noncurrentVersionExpiration', { noncurrentVersionExpiration: Duration.hours(12) }],
    ['abortIncompleteMultipartUploadAfter', { abortIncompleteMultipartUploadAfter: Duration.hours(1) }],
  ])('%s must be a whole number of days', (property, lifecycle) => {
    expect(withLifecycle(lifecycle)).toThrow(`LogArchiveProps.lifecycle.${property}: must be a whole number of days`);
  });

  test('a whole number of days given in hours is accepted', () => {
    expect(withLifecycle({ glacierTransitionAfter: Duration.hours(48) })).not.toThrow();
  });

  test('noncurrent version expiration at least 1 day', () => {
    expect(withLifecycle({ noncurrentVersionExpiration: Duration.days(0) }))
      .toThrow('LogArchiveProps.lifecycle.noncurrentVersionExpiration: must be at least 1 day (got 0)');
  });

  test('abort incomplete multipart uploads at least 1 day', () => {
    expect(withLifecycle({ abortIncompleteMultipartUploadAfter: Duration.days(0) }))
      .toThrow('LogArchiveProps.lifecycle.abortIncompleteMultipartUploadAfter: must be at least 1 day (got 0)');
  });
});

describe('Object Lock retention', () => {
  test('longer than the expiration: locked versions could not expire', () => {
    expect(() => build({ tamperProtection: TamperProtection.objectLock({ retention: Duration.days(2558) }) }))
      .toThrow('LogArchiveProps.tamperProtection: the Object Lock retention must not be longer than lifecycle.expiration (2558 > 2557 days): locked versions could not expire');
    expect(() => build({
      lifecycle: { expiration: Duration.days(600) },
      tamperProtection: TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE, retention: Duration.days(601) }),
    })).toThrow(/LogArchiveProps\.tamperProtection: the Object Lock retention must not be longer than lifecycle\.expiration \(601 > 600 days\)/);
  });

  test('as long as the expiration is accepted', () => {
    const protection = TamperProtection.objectLock({ mode: ObjectLockMode.COMPLIANCE, retention: Duration.days(2557) });
    expect(() => build({ tamperProtection: protection })).not.toThrow();
  });
});

describe('access-log retention', () => {
  test('at least 1 day, in whole days', () => {
    expect(() => build({ accessLogsRetention: Duration.days(0) }))
      .toThrow('LogArchiveProps.accessLogsRetention: must be at least 1 day');
    expect(() => build({ accessLogsRetention: Duration.hours(30) }))
      .toThrow('LogArchiveProps.accessLogsRetention: must be a whole number of days');
  });
});

describe('bucket name', () => {
  test.each([
    ['uppercase', 'CloudTrail-Archive'],
    ['too short', 'ab'],
    ['too long (64)', 'a'.repeat(64)],
    ['adjacent periods', 'my..archive'],
    ['IP address form', '192.168.5.4'],
    ['xn-- prefix', 'xn--archive'],
    ['sthree- prefix', 'sthree-archive'],
    ['amzn-s3-demo- prefix', 'amzn-s3-demo-archive'],
    ['-s3alias suffix', 'archive-s3alias'],
    ['--ol-s3 suffix', 'archive--ol-s3'],
    ['.mrap suffix', 'archive.mrap'],
    ['--x-s3 suffix', 'archive--x-s3'],
    ['leading hyphen', '-archive'],
    ['trailing period', 'archive.'],
    ['underscore', 'my_archive'],
  ])('%s', (_rule, bucketName) => {
    expect(() => build({ bucketName }))
      .toThrow(/^LogArchiveProps\.bucketName: must follow the S3 bucket naming rules/);
  });

  test.each([
    ['3 characters', 'abc'],
    ['63 characters', 'a'.repeat(63)],
    ['periods and hyphens', 'example.cloudtrail-archive-111111111111'],
    ['leading digit', '1archive'],
  ])('accepted: %s', (_label, bucketName) => {
    expect(build({ bucketName }).bucket).toBeDefined();
  });
});

describe('key alias', () => {
  test.each([
    'alias/aws/cloudtrail',
    'cloudtrail-log-archive',
    'alias/',
    'alias/has space',
    'alias/colon:name',
  ])('%p', (encryptionKeyAlias) => {
    expect(() => build({ encryptionKeyAlias }))
      .toThrow(/^LogArchiveProps\.encryptionKeyAlias: must be 'alias\/' followed by letters, digits/);
  });
});

describe('S3 key prefix', () => {
  test.each([
    ['leading /', '/cloudtrail'],
    ['trailing /', 'cloudtrail/'],
    ['only /', '/'],
    ['empty', ''],
    ['201 characters', 'a'.repeat(201)],
  ])('%s', (_label, s3KeyPrefix) => {
    expect(() => build({ s3KeyPrefix }))
      .toThrow(/^LogArchiveProps\.s3KeyPrefix: must be 1-200 characters without a leading or trailing '\/'/);
  });

  test('an inner / is accepted', () => {
    expect(build({ s3KeyPrefix: 'org/cloudtrail' }).s3KeyPrefix).toBe('org/cloudtrail');
  });
});
