#!/usr/bin/env node
// The README's main command, `npx cdk synth` (cdk.json runs examples/landing-zone/main.ts from its
// TypeScript sources), against a bare aws-cdk-lib `Trail` app (benchmarks/bare-trail-app.ts) run
// the same way: the same CDK CLI (`npx cdk synth --app "<cdk.json's launcher> <file>"`), the same
// launcher, N runs each, alternating, after one warm-up run each. `--quiet` for both, so that the
// bare app's one stack is not printed as YAML (the landing zone's two stacks print nothing).
// Prints wall time and CPU time (user + system of the whole process tree: npx, the CLI, the app
// and tsx's esbuild service; Linux only) and the ratios.
//
// Then a CPU profile of the main command (`node --cpu-prof node_modules/aws-cdk/bin/cdk synth` with
// `--cpu-prof` added to cdk.json's app command too, so the CLI and every thread of the app write
// one; npx's own start-up, measured in the times above, is not profiled), samples attributed by script URL to this library's code
// (lib/ or out/), aws-cdk-lib, and the rest (the CDK CLI, npx, the TypeScript loader, Node.js
// internals, garbage collection...). Self time: the library's share is the time spent in its own
// functions, not in the aws-cdk-lib functions they call (printed separately as "inclusive").
// Idle samples are left out. esbuild (tsx's transpiler) is a Go process: not in the profile.
//
// Goals (issue 17): main command <= 1.5x the bare app run the same way; library share <= 10 %.
//
// Usage: node benchmarks/main-command.mjs [--runs N] [--profile-runs N] [--before] [--json]
//   --before  also runs both apps with the previous cdk.json launcher (ts-node, type-checking).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = option('--runs', 5);
const PROFILE_RUNS = option('--profile-runs', 3);
const GOAL_RATIO = 1.5;
const GOAL_LIBRARY_SHARE = 0.10;

const LANDING_ZONE = 'examples/landing-zone/main.ts';
const BARE = 'benchmarks/bare-trail-app.ts';
const cdkJsonApp = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).app;
if (!cdkJsonApp.includes(LANDING_ZONE)) throw new Error(`cdk.json's app does not run ${LANDING_ZONE}: ${cdkJsonApp}`);
const LAUNCHERS = {
  [`cdk.json (${cdkJsonApp.replace(LANDING_ZONE, '<app>')})`]: (file) => cdkJsonApp.replace(LANDING_ZONE, file),
};
if (args.includes('--before')) {
  LAUNCHERS['before (npx ts-node --project examples/tsconfig.json --prefer-ts-exts <app>, type-checking)'] =
    (file) => `npx ts-node --project examples/tsconfig.json --prefer-ts-exts ${file}`;
}

/** CPU seconds (user + system) of this process's waited-for children and their descendants. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 0; cutime and cstime are fields 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

function synth(app, env = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'main-command-bench-'));
  const argv = ['cdk', 'synth', '--quiet', '--output', outdir];
  // The landing zone exactly as the README runs it (cdk.json's app); the bare app with --app.
  if (app !== cdkJsonApp) argv.push('--app', app);
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync('npx', argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = childCpuSeconds() - cpuBefore;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`npx ${argv.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  return { wall, cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// --- Wall and CPU time -------------------------------------------------------------------------
const report = { node: process.version, cores: cpus().length, loadAverage: loadavg()[0], runs: RUNS, launchers: {} };
for (const [launcher, appFor] of Object.entries(LAUNCHERS)) {
  const apps = { 'README main command (landing zone)': appFor(LANDING_ZONE), 'bare aws-cdk-lib Trail': appFor(BARE) };
  const times = Object.fromEntries(Object.keys(apps).map((name) => [name, []]));
  for (const app of Object.values(apps)) synth(app); // warm-up: file system cache, tsx's transform cache
  for (let i = 0; i < RUNS; i++) {
    for (const [name, app] of Object.entries(apps)) times[name].push(synth(app));
  }
  const [lz, bare] = Object.keys(apps).map((name) => ({
    wall: median(times[name].map((t) => t.wall)),
    cpu: median(times[name].map((t) => t.cpu)),
    min: Math.min(...times[name].map((t) => t.wall)),
    max: Math.max(...times[name].map((t) => t.wall)),
  }));
  report.launchers[launcher] = { apps, landingZone: lz, bare, wallRatio: lz.wall / bare.wall, cpuRatio: lz.cpu / bare.cpu };
}

// --- CPU profile of the main command -----------------------------------------------------------
const libraryPrefixes = ['lib', 'out'].flatMap((dir) => [join(ROOT, dir) + sep, pathToFileURL(join(ROOT, dir)).href + '/']);
function category(url, functionName) {
  if (!url) {
    // Native functions and the profiler's pseudo-frames.
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 / Node.js native (program)';
    if (functionName === '(idle)') return 'idle';
    return /^(compileFunction|readFileUtf8|internalModuleStat|realpath|stat|lstat|readPackageJSON|getNearestParentPackageJSON)/.test(functionName)
      ? 'Node.js module loader' : 'Node.js internals';
  }
  if (libraryPrefixes.some((p) => url.startsWith(p))) return 'library (lib/, out/)';
  if (url.includes('/node_modules/aws-cdk-lib/')) return 'aws-cdk-lib';
  if (url.includes('/node_modules/constructs/')) return 'constructs';
  if (url.includes('/node_modules/aws-cdk/')) return 'CDK CLI (aws-cdk)';
  if (/\/node_modules\/(tsx|esbuild|ts-node|typescript|get-tsconfig)\//.test(url)) return 'TypeScript loader (tsx / ts-node)';
  if (url.includes('/node_modules/npm/') || url.includes('/lib/cli.js')) return 'npx';
  if (url.startsWith('node:internal/modules/') || url === 'node:internal/deps/cjs-module-lexer/lexer') return 'Node.js module loader';
  if (url.startsWith('node:') || !url.includes('/')) return 'Node.js internals';
  if (url.startsWith(pathToFileURL(ROOT).href + '/examples/') || url.startsWith(join(ROOT, 'examples'))) return 'examples/';
  return 'other';
}

function profile() {
  const dir = mkdtempSync(join(tmpdir(), 'main-command-prof-'));
  // Node.js 20 refuses --cpu-prof in NODE_OPTIONS: the CLI and the app get it on their command line.
  if (!cdkJsonApp.startsWith('node ')) throw new Error(`cdk.json's app does not start with "node ": ${cdkJsonApp}`);
  const prof = `--cpu-prof --cpu-prof-dir=${dir}`;
  const profiledApp = cdkJsonApp.replace(/^node /, `node ${prof} `);
  try {
    for (let i = 0; i < PROFILE_RUNS; i++) {
      const outdir = mkdtempSync(join(tmpdir(), 'main-command-bench-'));
      const result = spawnSync(process.execPath, [...prof.split(' '), join(ROOT, 'node_modules/aws-cdk/bin/cdk'),
        'synth', '--quiet', '--output', outdir, '--app', profiledApp], { cwd: ROOT, encoding: 'utf8' });
      rmSync(outdir, { recursive: true, force: true });
      if (result.status !== 0) throw new Error(`profiled synth failed (exit ${result.status}):\n${result.stderr}`);
    }
    const self = {};
    const libraryInclusive = { ms: 0 };
    const phases = {};
    const processes = { 'whole command': { total: 0, self: {} }, 'app process only': { total: 0, self: {} } };
    for (const file of readdirSync(dir)) {
      const p = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const nodes = new Map(p.nodes.map((n) => [n.id, n]));
      const parent = new Map();
      for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const cats = new Map(p.nodes.map((n) => [n.id, category(n.callFrame.url, n.callFrame.functionName)]));
      const urls = new Set(p.nodes.map((n) => n.callFrame.url));
      const isApp = ![...urls].some((u) => u.includes('/node_modules/aws-cdk/'));
      // Whether a library frame is on the stack (memoized per profile node).
      // The phase of each sample, from its stack: app.synth() (aws-cdk-lib's synthesis.js on the
      // stack), else module loading (a require/import frame on the stack), else construction.
      const phaseOf = new Map();
      const phase = (id) => {
        if (phaseOf.has(id)) return phaseOf.get(id);
        const url = nodes.get(id).callFrame.url;
        const up = parent.has(id) ? phase(parent.get(id)) : 'constructing the app (and start-up)';
        let v = up;
        if (url.endsWith('/node_modules/aws-cdk-lib/core/lib/private/synthesis.js')) v = 'synthesis (app.synth())';
        else if (up !== 'synthesis (app.synth())' && /^node:internal\/modules\//.test(url)) v = 'module loading (require / import)';
        phaseOf.set(id, v);
        return v;
      };
      const underLibrary = new Map();
      const inLibrary = (id) => {
        if (underLibrary.has(id)) return underLibrary.get(id);
        const v = cats.get(id) === 'library (lib/, out/)' || (parent.has(id) && inLibrary(parent.get(id)));
        underLibrary.set(id, v);
        return v;
      };
      p.samples.forEach((id, i) => {
        const cat = cats.get(id);
        if (cat === 'idle') return;
        const ms = p.timeDeltas[i] / 1000;
        for (const [scope, agg] of Object.entries(processes)) {
          if (scope === 'app process only' && !isApp) continue;
          agg.total += ms;
          agg.self[cat] = (agg.self[cat] ?? 0) + ms;
        }
        self[cat] = (self[cat] ?? 0) + ms;
        if (isApp && inLibrary(id)) libraryInclusive.ms += ms;
        if (isApp) phases[phase(id)] = (phases[phase(id)] ?? 0) + ms;
      });
    }
    return { processes, phases, libraryInclusiveMs: libraryInclusive.ms / PROFILE_RUNS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
report.profile = profile();

// --- Output ------------------------------------------------------------------------------------
if (args.includes('--json')) {
  console.log(JSON.stringify(report, undefined, 2));
  process.exit(0);
}
const s = (x) => `${x.toFixed(2)} s`;
console.log(`\`npx cdk synth --quiet\`, ${RUNS} runs each after a warm-up, medians (Node ${report.node}, ${report.cores} cores, load average at start ${report.loadAverage.toFixed(2)})`);
for (const [launcher, r] of Object.entries(report.launchers)) {
  console.log(`launcher: ${launcher}`);
  console.log('  | | README main command (landing zone) | bare aws-cdk-lib Trail | ratio |');
  console.log('  |---|---|---|---|');
  console.log(`  | wall | ${s(r.landingZone.wall)} (min ${s(r.landingZone.min)}, max ${s(r.landingZone.max)}) | ${s(r.bare.wall)} (min ${s(r.bare.min)}, max ${s(r.bare.max)}) | ${r.wallRatio.toFixed(2)}x (goal <= ${GOAL_RATIO}x: ${r.wallRatio <= GOAL_RATIO ? 'met' : 'NOT met'}) |`);
  console.log(`  | CPU (process tree) | ${s(r.landingZone.cpu)} | ${s(r.bare.cpu)} | ${r.cpuRatio.toFixed(2)}x |`);
}
console.log(`\nCPU profile of the README main command (${PROFILE_RUNS} runs, self time per run, idle left out):`);
for (const [scope, agg] of Object.entries(report.profile.processes)) {
  const rows = Object.entries(agg.self).sort((a, b) => b[1] - a[1]);
  const library = agg.self['library (lib/, out/)'] ?? 0;
  const cdkLib = agg.self['aws-cdk-lib'] ?? 0;
  const pct = (ms) => `${((100 * ms) / agg.total).toFixed(1)} %`;
  const perRun = (ms) => `${(ms / PROFILE_RUNS).toFixed(0)} ms`;
  console.log(`  ${scope}: ${perRun(agg.total)} sampled; library ${pct(library)} (goal <= ${100 * GOAL_LIBRARY_SHARE} %: ${library / agg.total <= GOAL_LIBRARY_SHARE ? 'met' : 'NOT met'}), aws-cdk-lib ${pct(cdkLib)}, rest ${pct(agg.total - library - cdkLib)}`);
  for (const [cat, ms] of rows) console.log(`    ${cat.padEnd(36)} ${perRun(ms).padStart(8)}  ${pct(ms).padStart(7)}`);
}
const appTotal = report.profile.processes['app process only'].total / PROFILE_RUNS;
console.log(`  library inclusive (a lib/ or out/ frame on the stack, i.e. with the aws-cdk-lib work its constructors trigger): ${report.profile.libraryInclusiveMs.toFixed(0)} ms, ${((100 * report.profile.libraryInclusiveMs) / appTotal).toFixed(1)} % of the app process`);
console.log('  app process by phase (from each sample\'s stack):');
for (const [name, ms] of Object.entries(report.profile.phases).sort((a, b) => b[1] - a[1])) {
  console.log(`    ${name.padEnd(36)} ${`${(ms / PROFILE_RUNS).toFixed(0)} ms`.padStart(8)}  ${`${((100 * ms) / PROFILE_RUNS / appTotal).toFixed(1)} %`.padStart(7)}`);
}
