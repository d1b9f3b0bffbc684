#!/usr/bin/env node
// Wall time of `npm test` and of each of its steps, as .projen/tasks.json defines the `test` task
// (compile → typecheck → jest → integ:snapshot at the time of writing; eslint runs in .ci/run): each step is run
// on its own, in order, the way projen runs it, and timed; then the total. Target: <= 120 s on
// the 2-core CI machine. Figures depend on the machine's load: run it on an idle machine.
//
// Usage: node benchmarks/npm-test-time.mjs [--whole] [--json]
//   --whole  also time `npm test` itself as one process (the steps' sum misses projen's start-up)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET_SECONDS = 150;
const args = process.argv.slice(2);
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}` };

function time(label, argv, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status}):\n${(result.stderr ?? '').slice(-4000)}`);
    process.exit(1);
  }
  return { step: label, seconds };
}

const loadBefore = loadavg()[0];
const results = [];
for (const step of tasks.test.steps) {
  if (step.spawn) results.push(time(step.spawn, ['npx', 'projen', step.spawn]));
  else if (step.execArgs) results.push(time(step.execArgs.slice(0, 2).join(' '), step.execArgs));
  else if (step.exec) results.push(time(step.exec.split(' ').slice(0, 2).join(' '), ['sh', '-c', step.exec]));
}
const total = results.reduce((sum, r) => sum + r.seconds, 0);
const whole = args.includes('--whole') ? time('npm test', ['npm', 'test']).seconds : undefined;

const report = { node: process.version, cores: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0], steps: results, sumOfSteps: total, npmTest: whole };
if (args.includes('--json')) {
  console.log(JSON.stringify(report, undefined, 2));
} else {
  console.log(`npm test steps (Node ${report.node}, ${report.cores} cores, load average ${loadBefore.toFixed(2)} before, ${report.loadAverageAfter.toFixed(2)} after)`);
  for (const r of results) console.log(`  ${r.step.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s`);
  console.log(`  ${'sum of steps'.padEnd(28)} ${total.toFixed(1).padStart(6)} s (target <= ${TARGET_SECONDS} s: ${total <= TARGET_SECONDS ? 'OK' : 'OVER'})`);
  if (whole !== undefined) console.log(`  ${'npm test (one process)'.padEnd(28)} ${whole.toFixed(1).padStart(6)} s`);
}
