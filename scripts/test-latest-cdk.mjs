#!/usr/bin/env node
// `npx projen test:latest-cdk` (run by .ci/run after the main checks): the jest suite against the
// newest aws-cdk-lib on the registry, which is what users who install the library get (its peer
// range is ^<the version this repo builds against>). Installs it without saving
// (`npm install --no-save`), runs jest with snapshot comparisons skipped and printed
// (scripts/latest-cdk-snapshots.cjs: every other assertion runs), prints the synth benchmark for the
// pinned and the newest version, and always restores node_modules from package-lock.json (`npm ci`)
// and checks that package.json and package-lock.json are unchanged.
//
// Usage: node scripts/test-latest-cdk.mjs [--version X.Y.Z] [--no-bench]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const requested = args.includes('--version') ? args[args.indexOf('--version') + 1] : 'latest';
const started = Date.now();

function run(command, argv, options = {}) {
  console.log(`\n$ ${command} ${argv.join(' ')}`);
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status ?? 1;
}
const must = (command, argv) => {
  const status = run(command, argv);
  if (status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (exit ${status})`);
};
const installed = () => JSON.parse(readFileSync(join(ROOT, 'node_modules/aws-cdk-lib/package.json'), 'utf8')).version;
const files = ['package.json', 'package-lock.json'];
const before = Object.fromEntries(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
const bench = () => (args.includes('--no-bench') ? 0 : run(process.execPath, ['benchmarks/main-command.mjs', '--runs', '3', '--profile-runs', '1']));

const pinned = installed();
let status = 0;
let newest;
const timings = {};
try {
  let t = Date.now();
  bench();
  timings['synth benchmark, pinned'] = Date.now() - t;
  t = Date.now();
  must('npm', ['install', '--no-save', '--no-audit', '--no-fund', `aws-cdk-lib@${requested}`]);
  timings['npm install --no-save'] = Date.now() - t;
  newest = installed();
  console.log(`\naws-cdk-lib: pinned ${pinned}, testing ${newest}`);
  t = Date.now();
  status = run('npx', ['jest', '--ci', '--coverage=false', '--maxWorkers=2', '--setupFilesAfterEnv', '<rootDir>/scripts/latest-cdk-snapshots.cjs']);
  timings.jest = Date.now() - t;
  t = Date.now();
  bench();
  timings[`synth benchmark, ${newest}`] = Date.now() - t;
} finally {
  const t = Date.now();
  const restored = run('npm', ['ci', '--no-audit', '--no-fund']);
  timings['npm ci (restore)'] = Date.now() - t;
  const changed = files.filter((f) => readFileSync(join(ROOT, f), 'utf8') !== before[f]);
  if (restored !== 0 || installed() !== pinned || changed.length > 0) {
    console.error(`::error:: restoring failed: npm ci exit ${restored}, aws-cdk-lib ${installed()} (pinned ${pinned}), changed: ${changed.join(', ') || 'none'}`);
    status = status || 1;
  }
}
console.log(`\ntest:latest-cdk: jest on aws-cdk-lib ${newest} ${status === 0 ? 'passed' : 'FAILED'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all (${Object.entries(timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(0)} s`).join(', ')})`);
process.exit(status);
