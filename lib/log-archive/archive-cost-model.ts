// The cost over its life of one log file in the archive, for each path the lifecycle can send it
// on: the arithmetic behind the size-aware lifecycle (lifecycle-rules.ts), the benchmark
// (benchmarks/archive-cost.ts) and docs/log-archive.md "What the archive costs". Internal: not
// exported from the package.

import { CloudTrailBaselineError } from '../private/errors';

/**
 * Reference prices, USD, us-east-1, first 50 TB tier. The aws.amazon.com pricing page is not
 * reachable from where this was written; the figures are those quoted, identically, by
 * third-party summaries of it dated 2025-2026 (go-cloud.io "How Amazon S3 pricing works",
 * awsnegotiations.com "S3 storage"); the per-object metadata (8 KB billed at S3 Standard and 32 KB
 * at the archive class) is from the S3 user guide. Only their ratios shape the lifecycle rules.
 *
 * @see https://aws.amazon.com/s3/pricing/
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
 */
export const REFERENCE_PRICES = {
  /** $/GB-month */
  standard: 0.023,
  /** $/GB-month */
  glacierFlexibleRetrieval: 0.0036,
  /** $/GB-month */
  deepArchive: 0.00099,
  /** $ per lifecycle transition request into Glacier Flexible Retrieval */
  transitionToGlacier: 0.03 / 1000,
  /** $ per lifecycle transition request into Deep Archive */
  transitionToDeepArchive: 0.05 / 1000,
  /** $ per PUT (CloudTrail's delivery; the same on every path) */
  put: 0.005 / 1000,
} as const;

export type Prices = { readonly [K in keyof typeof REFERENCE_PRICES]: number };

/** Bytes per GB as S3 bills storage (binary gigabytes). */
export const BYTES_PER_GB = 1024 ** 3;
/** Days per month, averaged over a year. */
export const DAYS_PER_MONTH = 365.25 / 12;
/** S3's per-object overhead of an archived object: 8 KB at S3 Standard, 32 KB at the archive class. */
const STANDARD_OVERHEAD_BYTES = 8 * 1024;
const ARCHIVE_OVERHEAD_BYTES = 32 * 1024;

/** Where a log file goes, in days after creation. */
export type ArchivePath =
  | { readonly kind: 'standard' }
  | { readonly kind: 'deepArchive'; readonly deepArchiveDays: number }
  | { readonly kind: 'glacierThenDeepArchive'; readonly glacierDays: number; readonly deepArchiveDays: number };

function months(days: number): number {
  return days / DAYS_PER_MONTH;
}

/** The storage of an object of `bytes` in an archive class whose price is `classPrice`, per month. */
function archivedPerMonth(bytes: number, classPrice: number, prices: Prices): number {
  return ((bytes + ARCHIVE_OVERHEAD_BYTES) * classPrice + STANDARD_OVERHEAD_BYTES * prices.standard) / BYTES_PER_GB;
}

/**
 * The cost in USD of one log file of `bytes` over its life (until `expirationDays`) on `path`:
 * storage, S3's per-object overhead in the archive classes and the transition requests. The PUT
 * of the delivery is the same on every path and left out.
 */
export function lifetimeCost(bytes: number, expirationDays: number, path: ArchivePath, prices: Prices = REFERENCE_PRICES): number {
  const standardPerMonth = bytes * prices.standard / BYTES_PER_GB;
  switch (path.kind) {
    case 'standard':
      return standardPerMonth * months(expirationDays);
    case 'deepArchive':
      return standardPerMonth * months(path.deepArchiveDays)
        + prices.transitionToDeepArchive
        + archivedPerMonth(bytes, prices.deepArchive, prices) * months(expirationDays - path.deepArchiveDays);
    case 'glacierThenDeepArchive':
      return standardPerMonth * months(path.glacierDays)
        + prices.transitionToGlacier
        + archivedPerMonth(bytes, prices.glacierFlexibleRetrieval, prices) * months(path.deepArchiveDays - path.glacierDays)
        + prices.transitionToDeepArchive
        + archivedPerMonth(bytes, prices.deepArchive, prices) * months(expirationDays - path.deepArchiveDays);
  }
}

/**
 * The object size in bytes above which going to Deep Archive after `deepArchiveDays` costs less
 * over the object's life than staying in S3 Standard until `expirationDays`, or `Infinity` when
 * it never does. Both costs are linear in the size, so the break-even is where they cross.
 */
export function deepArchiveBreakEvenBytes(deepArchiveDays: number, expirationDays: number, prices: Prices = REFERENCE_PRICES): number {
  const path: ArchivePath = { kind: 'deepArchive', deepArchiveDays };
  const fixed = lifetimeCost(0, expirationDays, path, prices); // transition + overhead
  const perByteDeep = lifetimeCost(1, expirationDays, path, prices) - fixed;
  const perByteStandard = lifetimeCost(1, expirationDays, { kind: 'standard' }, prices);
  return perByteStandard > perByteDeep ? fixed / (perByteStandard - perByteDeep) : Infinity;
}

/** A bucket's `LifecycleConfiguration` as synthesized (the fields the archive's rules use). */
export interface SynthesizedLifecycle {
  readonly Rules: ReadonlyArray<{
    readonly Status: string;
    readonly ObjectSizeGreaterThan?: number;
    readonly ObjectSizeLessThan?: number;
    readonly Transitions?: ReadonlyArray<{ readonly StorageClass: string; readonly TransitionInDays: number }>;
    readonly ExpirationInDays?: number;
  }>;
  readonly TransitionDefaultMinimumObjectSize?: string;
}

/**
 * Where S3 sends a current object of `bytes` under a synthesized lifecycle configuration: the
 * enabled rules whose size filters match it apply together; a transition in a rule without a size
 * filter applies to objects under 128 KiB only with `varies_by_storage_class` (and then only to
 * the Glacier classes). Returns the path and the expiry in days (`Infinity` when none).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-conflicts.html
 */
export function archivePathOf(configuration: SynthesizedLifecycle, bytes: number): { path: ArchivePath; expirationDays: number } {
  const smallByDefault = configuration.TransitionDefaultMinimumObjectSize === 'varies_by_storage_class';
  const transitions = new Map<string, number>();
  let expirationDays = Infinity;
  for (const rule of configuration.Rules) {
    if (rule.Status !== 'Enabled') continue;
    if (rule.ObjectSizeGreaterThan !== undefined && !(bytes > rule.ObjectSizeGreaterThan)) continue;
    if (rule.ObjectSizeLessThan !== undefined && !(bytes < rule.ObjectSizeLessThan)) continue;
    const sized = rule.ObjectSizeGreaterThan !== undefined || rule.ObjectSizeLessThan !== undefined;
    for (const t of rule.Transitions ?? []) {
      if (!sized && bytes < 128 * 1024 && !(smallByDefault && ['GLACIER', 'DEEP_ARCHIVE'].includes(t.StorageClass))) continue;
      transitions.set(t.StorageClass, Math.min(transitions.get(t.StorageClass) ?? Infinity, t.TransitionInDays));
    }
    if (rule.ExpirationInDays !== undefined) expirationDays = Math.min(expirationDays, rule.ExpirationInDays);
  }
  const unknown = [...transitions.keys()].filter((c) => c !== 'GLACIER' && c !== 'DEEP_ARCHIVE');
  if (unknown.length > 0) throw new CloudTrailBaselineError('LogArchiveProps.lifecycle', `the cost model covers Glacier Flexible Retrieval and Deep Archive only, not ${unknown.join(', ')}`);
  const glacierDays = transitions.get('GLACIER');
  const deepArchiveDays = transitions.get('DEEP_ARCHIVE');
  if (deepArchiveDays === undefined) {
    if (glacierDays !== undefined) throw new CloudTrailBaselineError('LogArchiveProps.lifecycle', 'the cost model needs a Deep Archive transition after Glacier Flexible Retrieval');
    return { path: { kind: 'standard' }, expirationDays };
  }
  if (glacierDays === undefined || glacierDays >= deepArchiveDays) {
    return { path: { kind: 'deepArchive', deepArchiveDays }, expirationDays };
  }
  return { path: { kind: 'glacierThenDeepArchive', glacierDays, deepArchiveDays }, expirationDays };
}
