// Steady-state monthly cost of the log archive with the library's lifecycle days, against
// "everything in S3 Standard", for a given inflow and object count: the arithmetic of the README
// section "What the archive costs". The lifecycle days come from the library (resolveLifecycle()),
// the prices are inputs (us-east-1 list prices as quoted in the README; check them).
//
// Usage: npx ts-node --transpile-only benchmarks/archive-cost.ts [GB per month] [objects per month]
// e.g.   npx ts-node --transpile-only benchmarks/archive-cost.ts 100 2000000
import { resolveLifecycle } from '../lib/log-archive/lifecycle-rules';

const PRICES = {
  standard: 0.023, // $/GB-month, first 50 TB
  glacierFlexible: 0.0036,
  deepArchive: 0.00099,
  toGlacierFlexiblePer1000: 0.03,
  toDeepArchivePer1000: 0.05,
  putPer1000: 0.005,
};
const KB_PER_GB = 1024 * 1024;
const DAYS_PER_MONTH = 365.25 / 12;

const gbPerMonth = Number(process.argv[2] ?? 100);
const objectsPerMonth = Number(process.argv[3] ?? 2_000_000);
const days = resolveLifecycle();
const months = (d: number) => d / DAYS_PER_MONTH;
const inStandard = months(days.glacierDays);
const inGlacier = months(days.deepArchiveDays - days.glacierDays);
const inDeep = months(days.expirationDays - days.deepArchiveDays);
const archivedObjects = objectsPerMonth * (inGlacier + inDeep);

const rows: Array<[string, number]> = [
  ['Standard data', gbPerMonth * inStandard * PRICES.standard],
  ['Glacier Flexible Retrieval data', gbPerMonth * inGlacier * PRICES.glacierFlexible],
  ['Deep Archive data', gbPerMonth * inDeep * PRICES.deepArchive],
  ['metadata 8 KB/object in Standard', (archivedObjects * 8 / KB_PER_GB) * PRICES.standard],
  ['metadata 32 KB/object in Glacier Flexible Retrieval', (objectsPerMonth * inGlacier * 32 / KB_PER_GB) * PRICES.glacierFlexible],
  ['metadata 32 KB/object in Deep Archive', (objectsPerMonth * inDeep * 32 / KB_PER_GB) * PRICES.deepArchive],
  ['transitions to Glacier Flexible Retrieval', objectsPerMonth / 1000 * PRICES.toGlacierFlexiblePer1000],
  ['transitions to Deep Archive', objectsPerMonth / 1000 * PRICES.toDeepArchivePer1000],
];
const total = rows.reduce((sum, [, v]) => sum + v, 0);
const allStandard = gbPerMonth * months(days.expirationDays) * PRICES.standard;
const perObject = (8 / KB_PER_GB) * PRICES.standard * (inGlacier + inDeep)
  + (32 / KB_PER_GB) * (PRICES.glacierFlexible * inGlacier + PRICES.deepArchive * inDeep)
  + (PRICES.toGlacierFlexiblePer1000 + PRICES.toDeepArchivePer1000) / 1000;
const savedPerGb = PRICES.standard * months(days.expirationDays)
  - (PRICES.standard * inStandard + PRICES.glacierFlexible * inGlacier + PRICES.deepArchive * inDeep);

console.log(`inflow ${gbPerMonth} GB/month, ${objectsPerMonth} objects/month (average ${(gbPerMonth * KB_PER_GB / objectsPerMonth).toFixed(1)} KB)`);
console.log(`lifecycle: Standard ${days.glacierDays} d, Glacier Flexible Retrieval to ${days.deepArchiveDays} d, Deep Archive to ${days.expirationDays} d`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(52)} $${value.toFixed(2)}`);
const averageKb = gbPerMonth * KB_PER_GB / objectsPerMonth;
console.log(`  ${'total if every file transitions (transitionSmallObjects: true)'.padEnd(52)} $${total.toFixed(2)}`);
console.log(`  ${'everything in Standard'.padEnd(52)} $${allStandard.toFixed(2)}`);
// The default keeps files under 128 KB in Standard. With files of the average size, either all
// of them transition or none does.
console.log(`  ${'default (files under 128 KB stay in Standard)'.padEnd(52)} $${(averageKb < 128 ? allStandard : total).toFixed(2)}`
  + ` (if every file is about ${averageKb.toFixed(0)} KB)`);
console.log(`  ${'CloudTrail PUTs (both)'.padEnd(52)} $${(objectsPerMonth / 1000 * PRICES.putPer1000).toFixed(2)}`);
console.log(`break-even average object size: ${(perObject / savedPerGb * KB_PER_GB).toFixed(1)} KB`);
