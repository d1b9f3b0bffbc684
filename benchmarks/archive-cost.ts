// What one log file costs over its life in the log archive, per object size, under each lifecycle
// policy side by side, and the steady-state monthly bill of an organization: the arithmetic of
// docs/log-archive.md "What the archive costs". The lifecycle rules are the ones the library
// synthesizes (a LogArchive in a stack, its bucket's LifecycleConfiguration read back and
// evaluated per object size); the prices are the reference prices of
// lib/log-archive/archive-cost-model.ts (us-east-1; check them against https://aws.amazon.com/s3/pricing/).
//
// Usage: npx projen bench:archive-cost [GB per month] [objects per month]
// e.g.   npx projen bench:archive-cost 100 2000000
import { App, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { LogArchive, LogArchiveLifecycle } from '../lib/log-archive';
import { TrailDescription } from '../lib/organization';
import {
  archivePathOf, ArchivePath, lifetimeCost, REFERENCE_PRICES, SynthesizedLifecycle,
} from '../lib/log-archive/archive-cost-model';

function synthesizedLifecycle(lifecycle?: LogArchiveLifecycle): SynthesizedLifecycle {
  const app = new App();
  const stack = new Stack(app, 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
  const trails = [TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: 'trail' })];
  const archive = new LogArchive(stack, 'LogArchive', { trails, lifecycle });
  const id = stack.getLogicalId(archive.bucket.node.defaultChild as CfnBucket);
  const template = app.synth().getStackByName(stack.stackName).template;
  return template.Resources[id].Properties.LifecycleConfiguration;
}

const sizeAware = synthesizedLifecycle();
const everyFile = synthesizedLifecycle({ transitionSmallObjects: true });
// The 0.x default: one rule through Glacier Flexible Retrieval, files under 128 KB left in
// Standard by the bucket's TransitionDefaultMinimumObjectSize.
const previous: SynthesizedLifecycle = {
  Rules: [{ ...everyFile.Rules[0], ExpirationInDays: 2557 }],
  TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
};

function describePath(path: ArchivePath): string {
  switch (path.kind) {
    case 'standard': return 'Standard';
    case 'deepArchive': return `Deep Archive at ${path.deepArchiveDays} d`;
    case 'glacierThenDeepArchive': return `Glacier ${path.glacierDays} d, Deep ${path.deepArchiveDays} d`;
  }
}

function cost(configuration: SynthesizedLifecycle, bytes: number): number {
  const { path, expirationDays } = archivePathOf(configuration, bytes);
  return lifetimeCost(bytes, expirationDays, path);
}

const policies: Array<[string, (bytes: number) => number]> = [
  ['all Standard', (b) => lifetimeCost(b, 2557, { kind: 'standard' })],
  ['every file via Glacier', (b) => cost(everyFile, b)],
  ['0.x default (<128 KB Std)', (b) => cost(previous, b)],
  ['size-aware (default)', (b) => cost(sizeAware, b)],
];

const micro = (usd: number) => (usd * 1e6).toFixed(1).padStart(9);
console.log('Lifetime cost of one log file (seven years), in micro-dollars (1e-6 $), us-east-1 reference prices');
console.log(`${'size'.padStart(8)} ${policies.map(([n]) => n.padStart(26)).join('')}   ratio default/0.x   default path`);
for (const kib of [4, 16, 32, 39, 40, 52, 64, 96, 127, 128, 256, 1024]) {
  const bytes = kib * 1024;
  const costs = policies.map(([, f]) => f(bytes));
  const ratio = costs[3] / costs[2];
  console.log(`${`${kib} KiB`.padStart(8)} ${costs.map((c) => micro(c).padStart(26)).join('')}   ${ratio.toFixed(2).padStart(17)}   ${describePath(archivePathOf(sizeAware, bytes).path)}`);
}

const gbPerMonth = Number(process.argv[2] ?? 100);
const objectsPerMonth = Number(process.argv[3] ?? 2_000_000);
const averageBytes = gbPerMonth * 1024 ** 3 / objectsPerMonth;
console.log();
console.log(`Steady-state monthly bill, inflow ${gbPerMonth} GB/month in ${objectsPerMonth} files/month (all of the average size, ${(averageBytes / 1024).toFixed(1)} KiB):`);
console.log('(in steady state a month costs what one month of files costs over its life)');
const monthly = policies.map(([name, f]) => [name, objectsPerMonth * f(averageBytes)] as const);
for (const [name, usd] of monthly) {
  console.log(`  ${name.padEnd(28)} $${usd.toFixed(2).padStart(9)}/month   ${(usd / monthly[2][1]).toFixed(2)}x the 0.x default`);
}
console.log(`  ${'CloudTrail PUTs (every policy)'.padEnd(28)} $${(objectsPerMonth * REFERENCE_PRICES.put).toFixed(2).padStart(9)}/month`);
