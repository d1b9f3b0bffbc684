#!/usr/bin/env node
// Throughput of `cdk-cloudtrail-baseline replay` on all cores, against the floor of reading the
// same files on all cores.
//
// Generates a synthetic corpus in a temporary folder (S3 layout, gzip CloudTrail log files), built
// by cycling the real fixture records of test/fixtures/cloudtrail-events and synthetic-events with
// new eventTime (spread over 7 days), eventID and requestID. Then measures, alternating, several runs,
// each in a fresh child process (so that each has its own max RSS):
//   (a) baseline: a worker_threads pool (os.availableParallelism() threads, files handed out one by
//       one) doing read + gunzip + JSON.parse of every file and counting the Records: no tool can do less;
//   (b) replay: the full replay (walk, decode, every default detection, statistics, report) with its
//       own worker pool of the same size.
// Prints the median events/second of each, the ratio b / a, and the max RSS of each child
// (process.resourceUsage().maxRSS: the whole process, worker threads included). Target: ratio >= 0.9.
//
// The replay code is bundled from the TypeScript sources (lib/replay) with esbuild, so the figures
// are those of the working tree. Not a timed test: other processes on the machine change the figures
// (the load average is printed before and after).
//
// Usage: node benchmarks/replay-throughput.mjs [--files 200] [--events 1000] [--runs 5] [--workers N] [--keep] [--json]
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const CACHE = join(ROOT, 'node_modules', '.cache', 'cdk-cloudtrail-baseline');
const TARGET_RATIO = 0.9;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const FILES = Number(option('files', 200));
const EVENTS_PER_FILE = Number(option('events', 1000));
const RUNS = Number(option('runs', 5));
const WORKERS = Number(option('workers', availableParallelism()));
const KEEP = process.argv.includes('--keep');
const JSON_OUTPUT = process.argv.includes('--json');

/** The baseline worker: read + gunzip + JSON.parse of each file it is sent. */
const BASELINE_WORKER = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
parentPort.on('message', (file) => {
  if (file === null) { parentPort.close(); return; }
  parentPort.postMessage(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length);
});`;

function baseline(files, workers) {
  return new Promise((done, fail) => {
    let next = 0;
    let events = 0;
    let closed = 0;
    const count = Math.min(workers, files.length);
    for (let w = 0; w < count; w++) {
      const worker = new Worker(BASELINE_WORKER, { eval: true });
      // Two files in flight per worker, as the replay pool does.
      const send = () => worker.postMessage(next < files.length ? files[next++] : null);
      let inFlight = 0;
      worker.on('message', (n) => {
        events += n;
        inFlight--;
        if (next < files.length) {
          send();
          inFlight++;
        } else if (inFlight === 0) {
          send();
        }
      });
      worker.on('error', fail);
      worker.on('exit', () => {
        if (++closed === count) done(events);
      });
      for (let k = 0; k < 2 && next < files.length; k++, inFlight++) send();
      if (inFlight === 0) send();
    }
  });
}

/** A child process: one run of one mode; prints {events, seconds, maxRssMB} as JSON. */
async function child(mode, dir) {
  const require = createRequire(import.meta.url);
  const replay = require(join(CACHE, 'replay-bench.cjs'));
  const t0 = process.hrtime.bigint();
  let events;
  if (mode === 'baseline') {
    const { files } = replay.findLogFiles([dir]);
    events = await baseline(files, WORKERS);
  } else {
    const { files } = replay.findLogFiles([dir]);
    const { detections } = replay.catalogDetections(false);
    const run = await replay.replayFiles(files, detections, { workers: WORKERS, workerScript: join(CACHE, 'replay-worker-bench.cjs') });
    replay.buildReport(run, { detectionSource: 'catalog', digestFiles: 0, otherFiles: 0, skipped: [], listingErrors: [], warnings: [] });
    events = run.totals.events;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ events, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

/**
 * The replay modules and the worker script, bundled from lib/replay (aws-cdk-lib and constructs
 * stay external, so the bundles are written under node_modules/.cache to resolve them).
 */
async function bundle() {
  const common = { absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' };
  await build({ ...common, entryPoints: ['lib/replay/index.ts'], outfile: join(CACHE, 'replay-bench.cjs'), external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'] });
  await build({ ...common, entryPoints: ['lib/replay/worker.ts'], outfile: join(CACHE, 'replay-worker-bench.cjs') });
}

function fixtureRecords() {
  const records = [];
  for (const corpus of ['cloudtrail-events', 'synthetic-events']) {
    const dir = join(ROOT, 'test', 'fixtures', corpus, 'events');
    for (const f of readdirSync(dir).sort()) records.push(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  }
  return records;
}

function generateCorpus(dir) {
  const records = fixtureRecords();
  const start = Date.parse('2024-05-01T00:00:00Z');
  const total = FILES * EVENTS_PER_FILE;
  const step = (7 * 86_400_000) / total;
  let n = 0;
  let bytes = 0;
  for (let f = 0; f < FILES; f++) {
    const batch = [];
    for (let i = 0; i < EVENTS_PER_FILE; i++, n++) {
      const t = new Date(start + n * step).toISOString().replace(/\.\d{3}Z$/, 'Z');
      batch.push({ ...records[n % records.length], eventTime: t, eventID: randomUUID(), requestID: randomUUID() });
    }
    const day = batch[0].eventTime.slice(0, 10).split('-');
    const folder = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', ...day);
    mkdirSync(folder, { recursive: true });
    const json = JSON.stringify({ Records: batch });
    bytes += json.length;
    writeFileSync(join(folder, `111122223333_CloudTrail_us-east-1_${batch[0].eventTime.replace(/[-:]/g, '')}_${String(f).padStart(4, '0')}.json.gz`), gzipSync(json));
  }
  return { events: total, jsonBytes: bytes };
}

function runChild(mode, dir) {
  const result = spawnSync(process.execPath, [SELF, '--child', mode, '--dir', dir, '--workers', String(WORKERS)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${mode} child failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

if (process.argv.includes('--child')) {
  await child(option('child'), option('dir'));
} else {
  await bundle();
  const dir = mkdtempSync(join(tmpdir(), 'replay-bench-'));
  try {
    const t0 = Date.now();
    const corpus = generateCorpus(dir);
    const generated = (Date.now() - t0) / 1000;
    const loadBefore = load();
    const runs = { baseline: [], replay: [] };
    runChild('baseline', dir); // warm-up (file cache)
    runChild('replay', dir);
    for (let r = 0; r < RUNS; r++) {
      for (const mode of ['baseline', 'replay']) {
        const run = runChild(mode, dir);
        if (run.events !== corpus.events) throw new Error(`${mode} counted ${run.events} events, expected ${corpus.events}`);
        runs[mode].push(run);
      }
    }
    const rate = (mode) => median(runs[mode].map((x) => x.events / x.seconds));
    const rss = (mode) => median(runs[mode].map((x) => x.maxRssMB));
    const result = {
      files: FILES,
      events: corpus.events,
      uncompressedMB: Math.round(corpus.jsonBytes / 1e6),
      workers: WORKERS,
      runs: RUNS,
      baselineEventsPerSecond: Math.round(rate('baseline')),
      replayEventsPerSecond: Math.round(rate('replay')),
      ratio: Math.round((rate('replay') / rate('baseline')) * 100) / 100,
      target: TARGET_RATIO,
      baselineMaxRssMB: rss('baseline'),
      replayMaxRssMB: rss('replay'),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadBefore, loadAfter: load(), node: process.version },
    };
    if (JSON_OUTPUT) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const fmt = (n) => Math.round(n).toLocaleString('en-US');
      const list = (mode) => runs[mode].map((x) => fmt(x.events / x.seconds)).join(', ');
      console.log(`Corpus: ${FILES} gzip files x ${EVENTS_PER_FILE} events = ${fmt(corpus.events)} events (${result.uncompressedMB} MB of JSON), generated in ${generated.toFixed(1)} s`);
      console.log(`Machine: ${result.machine.cpus} CPUs (${result.machine.cpu}), node ${result.machine.node}; load average (1, 5, 15 min) before ${loadBefore.join(', ')}, after ${result.machine.loadAfter.join(', ')}`);
      console.log(`Median of ${RUNS} runs, each a fresh process over all files, ${WORKERS} worker threads each:`);
      console.log('                                                     events/s   max RSS   runs (events/s)');
      console.log(`  (a) baseline: read + gunzip + JSON.parse        ${fmt(result.baselineEventsPerSecond).padStart(10)}  ${String(result.baselineMaxRssMB).padStart(5)} MB   ${list('baseline')}`);
      console.log(`  (b) replay: 15 detections + statistics + report ${fmt(result.replayEventsPerSecond).padStart(10)}  ${String(result.replayMaxRssMB).padStart(5)} MB   ${list('replay')}`);
      console.log(`  ratio b / a: ${result.ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${result.ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`);
    }
  } finally {
    if (KEEP) console.error(`corpus kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
