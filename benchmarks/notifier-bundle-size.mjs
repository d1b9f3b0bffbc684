#!/usr/bin/env node
// Size of the alarm notifier Lambda bundle: the esbuild command of the projen task
// `bundle:notifier` (read from .projen/tasks.json), built in memory, unminified and minified, raw
// and gzipped. The AWS SDK (`@aws-sdk/*`) is external, as in the task: the Lambda Node.js runtime
// provides it. For scale, it also builds once with the SDK bundled.
//
// Usage: node benchmarks/notifier-bundle-size.mjs [--json]
// Exit code 1 when the minified bundle (SDK excluded) is over the target, or contains an absolute
// path of this machine.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TASK = 'bundle:notifier';
/** Target for the minified bundle, SDK excluded. */
const TARGET_BYTES = 100 * 1024;

/** The esbuild options of the task's command line (same parsing as test/alarm-actions/notifier-bundle.test.ts). */
function taskOptions() {
  const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
  const step = (tasks[TASK]?.steps ?? []).find((s) => s.exec?.trim().startsWith('esbuild '));
  if (!step) {
    throw new Error(`.projen/tasks.json has no esbuild step in task ${TASK}`);
  }
  const args = step.exec.trim().split(/\s+/).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
  const options = { absWorkingDir: ROOT, entryPoints: [], external: [], write: false, logLevel: 'silent' };
  for (const arg of args.slice(1)) {
    const [flag, value] = arg.split(/[=:](.*)/s, 2);
    if (arg === '--bundle') options.bundle = true;
    else if (!arg.startsWith('-')) options.entryPoints.push(arg);
    else if (flag === '--target') options.target = value;
    else if (flag === '--platform') options.platform = value;
    else if (flag === '--outfile') options.outfile = value;
    else if (flag === '--external') options.external.push(value);
    else throw new Error(`esbuild flag ${arg} of task ${TASK} is not mirrored by this script`);
  }
  return { command: step.exec.trim(), options };
}

async function measure(options) {
  const result = await build(options);
  const [file] = result.outputFiles;
  return { bytes: file.contents.length, gzipBytes: gzipSync(file.contents, { level: 9 }).length, text: file.text };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (label, m) => `${label.padEnd(44)} ${String(m.bytes).padStart(9)} B ${kb(m.bytes).padStart(10)}   gzip ${String(m.gzipBytes).padStart(8)} B ${kb(m.gzipBytes).padStart(9)}`;

const { command, options } = taskOptions();
const plain = await measure(options);
const minified = await measure({ ...options, minify: true });
const withSdk = await measure({ ...options, minify: true, external: options.external.filter((e) => !e.startsWith('@aws-sdk/')) });

const leaks = [ROOT, '/home/', '/Users/', '/work/'].filter((p) => plain.text.includes(p));
const withinTarget = minified.bytes <= TARGET_BYTES;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({
    task: TASK, command, targetBytes: TARGET_BYTES, withinTarget, absolutePaths: leaks,
    sdkExternal: { unminified: plain, minified }, sdkBundled: { minified: withSdk },
  }, (key, value) => (key === 'text' ? undefined : value), 2));
} else {
  console.log(`Alarm notifier bundle (${TASK}: ${command})`);
  console.log('AWS SDK (@aws-sdk/*) EXCLUDED (external, provided by the Lambda Node.js runtime):');
  console.log(line('  unminified (as shipped in assets/notifier/)', plain));
  console.log(line('  minified', minified));
  console.log(`  target: minified <= ${kb(TARGET_BYTES)}, SDK excluded: ${withinTarget ? 'OK' : 'OVER'}`
    + ` (${(100 * minified.bytes / TARGET_BYTES).toFixed(0)}% of the target)`);
  console.log('For scale, AWS SDK INCLUDED (not shipped):');
  console.log(line('  minified', withSdk));
  console.log(`Absolute paths of this machine in the bundle: ${leaks.length === 0 ? 'none' : leaks.join(', ')}`);
}
process.exitCode = withinTarget && leaks.length === 0 ? 0 : 1;
