#!/usr/bin/env node
// Throughput of `cdk-cloudtrail-baseline replay`, against the floor of reading the same files.
//
// Generates a synthetic corpus in a temporary folder (S3 layout, gzip CloudTrail log files), built
// by cycling the real fixture records of test/fixtures/cloudtrail-events and synthetic-events with
// new eventTime (spread over 7 days), eventID and requestID. Then measures, alternating, several runs:
//   (a) parse only: read + gunzip + JSON.parse of every file (the floor: no tool can do less);
//   (b) replay: the full replay (walk, decode, every default detection, statistics);
// and prints the median events/second of each and the ratio b / a. Target: ratio >= 0.5.
//
// The replay code is bundled from the TypeScript sources (lib/replay) with esbuild, so the figures
// are those of the working tree. Not a timed test: other processes on the machine change the figures.
//
// Usage: node benchmarks/replay-throughput.mjs [--files 200] [--events 1000] [--runs 5] [--keep] [--json]
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 0.5;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const FILES = option('files', 200);
const EVENTS_PER_FILE = option('events', 1000);
const RUNS = option('runs', 5);
const KEEP = process.argv.includes('--keep');
const JSON_OUTPUT = process.argv.includes('--json');

/**
 * The replay modules, bundled from lib/replay (aws-cdk-lib and constructs stay external, so the
 * bundle is written under node_modules/.cache to resolve them, and removed once loaded).
 */
async function loadReplay() {
  const outfile = join(ROOT, 'node_modules', '.cache', 'cdk-cloudtrail-baseline', 'replay-bench.cjs');
  await build({
    absWorkingDir: ROOT, entryPoints: ['lib/replay/index.ts'], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile, external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], logLevel: 'silent',
  });
  const replay = createRequire(import.meta.url)(outfile);
  rmSync(outfile); // loaded: the bundle is not needed any more
  return replay;
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

function parseOnly(files) {
  let events = 0;
  for (const file of files) events += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
  return events;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  const events = fn();
  return { events, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const replay = await loadReplay();
const dir = mkdtempSync(join(tmpdir(), 'replay-bench-'));
try {
  const t0 = Date.now();
  const corpus = generateCorpus(dir);
  const generated = (Date.now() - t0) / 1000;
  const { files } = replay.findLogFiles([dir]);
  const { detections } = replay.catalogDetections(false);
  const rates = { parse: [], replay: [] };
  let lastRun;
  // One warm-up of each, then alternate so that both see the same machine load.
  parseOnly(files);
  replay.replayFiles(files, detections);
  for (let r = 0; r < RUNS; r++) {
    const a = time(() => parseOnly(files));
    rates.parse.push(a.events / a.seconds);
    const b = time(() => {
      lastRun = replay.replayFiles(files, detections);
      return lastRun.totals.events;
    });
    if (b.events !== corpus.events) throw new Error(`replay counted ${b.events} events, expected ${corpus.events}`);
    rates.replay.push(b.events / b.seconds);
  }
  const parse = median(rates.parse);
  const rep = median(rates.replay);
  const result = {
    files: files.length,
    events: corpus.events,
    uncompressedMB: Math.round(corpus.jsonBytes / 1e6),
    detections: detections.length,
    runs: RUNS,
    parseOnlyEventsPerSecond: Math.round(parse),
    replayEventsPerSecond: Math.round(rep),
    ratio: Math.round((rep / parse) * 100) / 100,
    target: TARGET_RATIO,
    matches: Object.fromEntries(lastRun.results.map((x) => [x.detection.id, x.counter.matches])),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg1m: Math.round(loadavg()[0] * 100) / 100, node: process.version },
  };
  if (JSON_OUTPUT) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    console.log(`Corpus: ${result.files} gzip files x ${EVENTS_PER_FILE} events = ${fmt(result.events)} events (${result.uncompressedMB} MB of JSON), generated in ${generated.toFixed(1)} s`);
    console.log(`Machine: ${result.machine.cpus} CPUs (${result.machine.cpu}), load average ${result.machine.loadavg1m}, node ${result.machine.node}`);
    console.log(`Median of ${RUNS} runs (each run: all files):`);
    console.log(`  (a) read + gunzip + JSON.parse only:              ${fmt(parse).padStart(10)} events/s   runs: ${rates.parse.map(fmt).join(', ')}`);
    console.log(`  (b) replay, ${detections.length} detections + statistics:         ${fmt(rep).padStart(10)} events/s   runs: ${rates.replay.map(fmt).join(', ')}`);
    console.log(`  ratio b / a: ${result.ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${result.ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`);
  }
} finally {
  if (KEEP) console.error(`corpus kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
