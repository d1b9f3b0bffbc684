/**
 * The size-aware lifecycle of the log archive (LogArchiveLifecycle): the synthesized rules are
 * evaluated per object size the way S3 applies them (size filters, TransitionDefaultMinimumObjectSize),
 * and each size gets the cheapest path the cost model knows, with the user's days kept.
 */
import { Duration, Size } from 'aws-cdk-lib';
import { ACCOUNT_TRAIL, archiveFixture } from './helpers';
import { LogArchiveLifecycle } from '../../lib/log-archive';
import {
  archivePathOf, ArchivePath, deepArchiveBreakEvenBytes, lifetimeCost, SynthesizedLifecycle,
} from '../../lib/log-archive/archive-cost-model';

const KIB = 1024;

function synthesized(lifecycle?: LogArchiveLifecycle): SynthesizedLifecycle {
  const f = archiveFixture({ trails: [ACCOUNT_TRAIL], lifecycle });
  return f.template.findResources('AWS::S3::Bucket')[f.bucketId].Properties.LifecycleConfiguration;
}

const DEFAULTS = synthesized();

describe('default lifecycle', () => {
  test('three rules: large files through Glacier, small files straight to Deep Archive, every file expires', () => {
    expect(DEFAULTS).toEqual({
      Rules: [
        {
          Id: 'ArchiveLargeCloudTrailLogs',
          Status: 'Enabled',
          ObjectSizeGreaterThan: 128 * KIB - 1,
          Transitions: [
            { StorageClass: 'GLACIER', TransitionInDays: 90 },
            { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
          ],
        },
        {
          Id: 'ArchiveSmallCloudTrailLogs',
          Status: 'Enabled',
          ObjectSizeGreaterThan: 40_129,
          ObjectSizeLessThan: 128 * KIB,
          Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 90 }],
        },
        {
          Id: 'ExpireCloudTrailLogs',
          Status: 'Enabled',
          ExpirationInDays: 2557,
          NoncurrentVersionExpiration: { NoncurrentDays: 365 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ],
      TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
    });
  });

  // Sizes around every boundary, and a spread between them.
  const SIZES = [
    1, 512, 4 * KIB, 16 * KIB, 40_139, 40_129, 40_141, 40_142, 40 * KIB, 52 * KIB, 100 * KIB,
    128 * KIB - 1, 128 * KIB, 128 * KIB + 1, 1024 * KIB, 50 * 1024 * KIB,
  ];

  test.each(SIZES)('a file of %d bytes takes the cheapest path below 128 KiB, the Glacier year from 128 KiB, and expires at 2557 days', (bytes) => {
    const { path, expirationDays } = archivePathOf(DEFAULTS, bytes);
    expect(expirationDays).toBe(2557);
    if (bytes >= 128 * KIB) {
      expect(path).toEqual({ kind: 'glacierThenDeepArchive', glacierDays: 90, deepArchiveDays: 365 });
      return;
    }
    const candidates: ArchivePath[] = [{ kind: 'standard' }, { kind: 'deepArchive', deepArchiveDays: 90 }];
    const cheapest = candidates.reduce((a, b) => (lifetimeCost(bytes, 2557, b) < lifetimeCost(bytes, 2557, a) ? b : a));
    expect(path).toEqual(cheapest);
  });

  test('a 52 KB file costs about 25% less over seven years than under the 0.x default (Standard until expiry)', () => {
    const bytes = 52 * KIB;
    const standard = lifetimeCost(bytes, 2557, { kind: 'standard' });
    const sizeAware = lifetimeCost(bytes, 2557, archivePathOf(DEFAULTS, bytes).path);
    expect(standard).toBeCloseTo(9.6e-5, 6); // issue 14: "about 1.0e-4 $ per object"
    expect(sizeAware).toBeCloseTo(7.4e-5, 6); // "about 7.5e-5 $"
    expect(sizeAware / standard).toBeGreaterThan(0.74);
    expect(sizeAware / standard).toBeLessThan(0.8);
  });

  test('the break-even of the default days is 39.2 KiB (40,130 bytes, rounded up in the rule)', () => {
    expect(deepArchiveBreakEvenBytes(90, 2557) / KIB).toBeCloseTo(39.2, 1);
    expect(Math.ceil(deepArchiveBreakEvenBytes(90, 2557))).toBe(40_130);
  });
});

describe('the user\'s overrides are kept', () => {
  test('custom days: the small-file transition follows glacierTransitionAfter, expiry follows expiration, the threshold follows the days', () => {
    const config = synthesized({
      glacierTransitionAfter: Duration.days(30),
      deepArchiveTransitionAfter: Duration.days(120),
      expiration: Duration.days(3650),
    });
    const expectedMinimum = Math.ceil(deepArchiveBreakEvenBytes(30, 3650));
    expect(config.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ArchiveSmallCloudTrailLogs', 'ExpireCloudTrailLogs']);
    expect(config.Rules[1].ObjectSizeGreaterThan).toBe(expectedMinimum - 1);
    expect(expectedMinimum).toBeLessThan(40 * KIB); // a longer retention lowers it
    expect(archivePathOf(config, 64 * KIB)).toEqual({ path: { kind: 'deepArchive', deepArchiveDays: 30 }, expirationDays: 3650 });
    expect(archivePathOf(config, 256 * KIB)).toEqual({ path: { kind: 'glacierThenDeepArchive', glacierDays: 30, deepArchiveDays: 120 }, expirationDays: 3650 });
  });

  test('a one-year retention: the break-even passes 128 KiB, so no small-file rule and files under 128 KiB stay in Standard', () => {
    const config = synthesized({ deepArchiveTransitionAfter: Duration.days(180), expiration: Duration.days(365) });
    expect(deepArchiveBreakEvenBytes(90, 365)).toBeGreaterThan(128 * KIB);
    expect(config.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ExpireCloudTrailLogs']);
    expect(archivePathOf(config, 100 * KIB)).toEqual({ path: { kind: 'standard' }, expirationDays: 365 });
  });

  test('deepArchiveMinimumObjectSize sets the small-file threshold in bytes', () => {
    const config = synthesized({ deepArchiveMinimumObjectSize: Size.kibibytes(16) });
    expect(config.Rules[1]).toMatchObject({ Id: 'ArchiveSmallCloudTrailLogs', ObjectSizeGreaterThan: 16 * KIB - 1, ObjectSizeLessThan: 128 * KIB });
    expect(archivePathOf(config, 16 * KIB - 1).path).toEqual({ kind: 'standard' });
    expect(archivePathOf(config, 16 * KIB).path).toEqual({ kind: 'deepArchive', deepArchiveDays: 90 });
  });

  test('deepArchiveMinimumObjectSize: Size.kibibytes(128) turns the small-file path off', () => {
    const config = synthesized({ deepArchiveMinimumObjectSize: Size.kibibytes(128) });
    expect(config.Rules.map((r: any) => r.Id)).toEqual(['ArchiveLargeCloudTrailLogs', 'ExpireCloudTrailLogs']);
    expect(archivePathOf(config, 127 * KIB).path).toEqual({ kind: 'standard' });
  });

  test('transitionSmallObjects: true sends every file through Glacier (one rule, varies_by_storage_class)', () => {
    const config = synthesized({ transitionSmallObjects: true });
    expect(config.TransitionDefaultMinimumObjectSize).toBe('varies_by_storage_class');
    expect(config.Rules.map((r: any) => [r.Id, r.ObjectSizeGreaterThan, r.ObjectSizeLessThan])).toEqual([
      ['ArchiveCloudTrailLogs', undefined, undefined], ['ExpireCloudTrailLogs', undefined, undefined],
    ]);
    for (const bytes of [1 * KIB, 52 * KIB, 1024 * KIB]) {
      expect(archivePathOf(config, bytes).path).toEqual({ kind: 'glacierThenDeepArchive', glacierDays: 90, deepArchiveDays: 365 });
    }
  });
});

describe('bad input', () => {
  test.each([
    ['with transitionSmallObjects', { transitionSmallObjects: true, deepArchiveMinimumObjectSize: Size.kibibytes(64) }, /deepArchiveMinimumObjectSize: must not be set with transitionSmallObjects: true/],
    ['0 bytes', { deepArchiveMinimumObjectSize: Size.bytes(0) }, /deepArchiveMinimumObjectSize: must be more than 0 bytes and at most 128 KiB \(got 0 bytes/],
    ['over 128 KiB', { deepArchiveMinimumObjectSize: Size.kibibytes(129) }, /deepArchiveMinimumObjectSize: must be more than 0 bytes and at most 128 KiB \(got 132096 bytes/],
    ['a fraction of a byte', { deepArchiveMinimumObjectSize: Size.bytes(1.5) }, /deepArchiveMinimumObjectSize: must be a whole number of bytes \(got 1.5\)/],
  ] as Array<[string, LogArchiveLifecycle, RegExp]>)('deepArchiveMinimumObjectSize %s is refused', (_, lifecycle, message) => {
    expect(() => synthesized(lifecycle)).toThrow(message);
  });
});

describe('archivePathOf follows S3\'s rules', () => {
  const rule = { Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }, { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 }] };
  test('a rule without a size filter does not transition objects under 128 KiB with all_storage_classes_128K', () => {
    expect(archivePathOf({ Rules: [rule], TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' }, 52 * KIB).path).toEqual({ kind: 'standard' });
    expect(archivePathOf({ Rules: [rule] }, 52 * KIB).path).toEqual({ kind: 'standard' }); // S3's default
    expect(archivePathOf({ Rules: [rule], TransitionDefaultMinimumObjectSize: 'varies_by_storage_class' }, 52 * KIB).path.kind).toBe('glacierThenDeepArchive');
  });
  test('size filters are strict and a disabled rule does nothing', () => {
    const sized = { ...rule, ObjectSizeGreaterThan: 1000, ObjectSizeLessThan: 2000 };
    expect(archivePathOf({ Rules: [sized] }, 1000).path.kind).toBe('standard');
    expect(archivePathOf({ Rules: [sized] }, 1001).path.kind).toBe('glacierThenDeepArchive');
    expect(archivePathOf({ Rules: [sized] }, 2000).path.kind).toBe('standard');
    expect(archivePathOf({ Rules: [{ ...sized, Status: 'Disabled' }] }, 1500).path.kind).toBe('standard');
  });
});
