#!/usr/bin/env node
// Synth time of the landing-zone example (examples/landing-zone/main.ts: two stacks, 81 resources)
// against a bare aws-cdk-lib `Trail` app (benchmarks/bare-trail-app.ts), each as a whole process
// (CDK_OUTDIR in a fresh temporary directory, as `cdk synth` runs an app), N runs each,
// alternating; prints the median, min and max wall times and the ratio of the medians.
// Target: ratio <= 1.3 with compiled JavaScript.
//
// Two launchers, the same for both apps:
//   - compiled: both apps and the library compiled once by tsc, run with `node` — what a user of
//     the published package runs (the package ships compiled JavaScript);
//   - ts-node: `node -r ts-node/register/transpile-only <app>` from the sources, as `npx cdk synth`
//     runs here (cdk.json): the landing zone then also transpiles the library's ~60 source files,
//     which the profile shows is most of its time.
//
// Usage: node benchmarks/synth-time.mjs [--runs N] [--launcher compiled|ts-node|both] [--json]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const launcherArg = args.indexOf('--launcher');
const LAUNCHERS = launcherArg >= 0 && args[launcherArg + 1] !== 'both' ? [args[launcherArg + 1]] : ['compiled', 'ts-node'];
const TARGET_RATIO = 1.3;
const LZ = 'landing zone (examples/landing-zone/main.ts)';
const BARE = 'bare aws-cdk-lib Trail (benchmarks/bare-trail-app.ts)';
const SOURCES = { [LZ]: 'examples/landing-zone/main.ts', [BARE]: 'benchmarks/bare-trail-app.ts' };

/** Compiles both apps and the library once (tsc, CommonJS) into a temporary directory. */
function compile() {
  const dir = mkdtempSync(join(tmpdir(), 'synth-bench-js-'));
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: { rootDir: ROOT, outDir: join(dir, 'js'), typeRoots: [join(ROOT, 'node_modules', '@types')], noEmit: false, declaration: false, inlineSourceMap: false, inlineSources: false },
    include: Object.values(SOURCES).map((f) => join(ROOT, f)),
    exclude: [join(ROOT, 'lib/alarm-actions/notifier-handler/**')],
  }));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  // The library finds the notifier bundle at ../../assets/notifier from its compiled file.
  cpSync(join(ROOT, 'assets'), join(dir, 'js', 'assets'), { recursive: true });
  return dir;
}

function command(launcher, name, compiledDir) {
  if (launcher === 'compiled') {
    return { argv: [join(compiledDir, 'js', SOURCES[name].replace(/\.ts$/, '.js'))], env: { NODE_PATH: join(ROOT, 'node_modules') } };
  }
  return {
    argv: ['-r', 'ts-node/register/transpile-only', SOURCES[name]],
    env: { TS_NODE_PROJECT: name === LZ ? 'examples/tsconfig.json' : 'tsconfig.typecheck.json' },
  };
}

function runOnce({ argv, env }) {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-bench-'));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env, CDK_OUTDIR: outdir },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) {
    throw new Error(`${argv.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  return seconds;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const compiledDir = LAUNCHERS.includes('compiled') ? compile() : undefined;
const report = { node: process.version, cores: cpus().length, loadAverage: loadavg()[0], runs: RUNS, launchers: {} };
try {
  for (const launcher of LAUNCHERS) {
    const commands = { [LZ]: command(launcher, LZ, compiledDir), [BARE]: command(launcher, BARE, compiledDir) };
    const times = { [LZ]: [], [BARE]: [] };
    // One warm-up run each (file system cache), then alternate so that machine load hits both alike.
    for (const c of Object.values(commands)) runOnce(c);
    for (let i = 0; i < RUNS; i++) {
      for (const [name, c] of Object.entries(commands)) times[name].push(runOnce(c));
    }
    report.launchers[launcher] = { times, medians: { [LZ]: median(times[LZ]), [BARE]: median(times[BARE]) }, ratio: median(times[LZ]) / median(times[BARE]) };
  }
} finally {
  if (compiledDir) rmSync(compiledDir, { recursive: true, force: true });
}

if (args.includes('--json')) {
  console.log(JSON.stringify(report, undefined, 2));
} else {
  console.log(`Synth time, ${RUNS} runs each, whole processes (Node ${report.node}, ${report.cores} cores, load average at start ${report.loadAverage.toFixed(2)})`);
  for (const [launcher, r] of Object.entries(report.launchers)) {
    console.log(`${launcher}:`);
    for (const [name, xs] of Object.entries(r.times)) {
      console.log(`  ${name}: median ${median(xs).toFixed(2)} s (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`);
    }
    const verdict = launcher === 'compiled' ? ` (target <= ${TARGET_RATIO}x: ${r.ratio <= TARGET_RATIO ? 'OK' : 'OVER'})` : '';
    console.log(`  ratio landing zone / bare Trail: ${r.ratio.toFixed(2)}x${verdict}`);
  }
}
