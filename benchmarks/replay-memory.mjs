#!/usr/bin/env node
// Memory of `cdk-cloudtrail-baseline replay` on large files and a gzip bomb: the max RSS of the
// replay process (process.resourceUsage().maxRSS, worker threads included), which must stay
// <= 256 MB whatever the file size.
//
// Generates, in a temporary folder (nothing large is committed):
//   - bomb.json.gz: a multi-member gzip file of about 20 MB that inflates to 4 GiB of valid CloudTrail
//     JSON ({"Records": [...]} of one fixture record repeated); replayed with the default limit
//     (1 GiB: refused once 1 GiB has been decompressed and parsed) and with --max-file-bytes 8GiB
//     only with --full (read whole: slow);
//   - big.json: 200 MB (--mb) of plain {"Records": [...]}, read as a stream;
//   - big.jsonl.gz: the same events as gzip JSON lines, read line by line.
// Each replay runs in a fresh child process that prints its max RSS, its wall time and the report's
// figures. Not a timed test.
//
// Usage: node benchmarks/replay-memory.mjs [--mb 200] [--workers N] [--full] [--json]
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'cdk-cloudtrail-baseline');
const LIMIT_MB = 256;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const MB = Number(option('mb', 200));
const WORKERS = Number(option('workers', availableParallelism()));
const FULL = process.argv.includes('--full');
const JSON_OUTPUT = process.argv.includes('--json');

function fixtureRecords() {
  const records = [];
  for (const corpus of ['cloudtrail-events', 'synthetic-events']) {
    const dir = join(ROOT, 'test', 'fixtures', corpus, 'events');
    for (const f of readdirSync(dir).sort()) records.push(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  }
  return records;
}

/** `count` events as JSON texts, with times over a day. */
function eventTexts(count) {
  const records = fixtureRecords();
  const start = Date.parse('2024-05-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => JSON.stringify({
    ...records[i % records.length], eventTime: new Date(start + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), eventID: `e-${i}`,
  }));
}

/** A gzip file of concatenated members inflating to `totalBytes` of {"Records": [...]}. */
function writeBomb(file, totalBytes) {
  // One event repeated: deflate finds each copy in its 32 KiB window (about 1,000:1).
  const events = Array.from({ length: 4000 }, () => eventTexts(1)[0]);
  const body = Buffer.from(events.map((e) => `,${e}`).join(''));
  const fd = openSync(file, 'w');
  const head = `{"Records":[${events[0]}`;
  writeSync(fd, gzipSync(head));
  const member = gzipSync(body, { level: 9 });
  let written = head.length;
  let members = 0;
  while (written + body.length < totalBytes - 2) {
    writeSync(fd, member);
    written += body.length;
    members++;
  }
  writeSync(fd, gzipSync(']}'));
  closeSync(fd);
  return { inflatedBytes: written + 2, events: 1 + members * events.length };
}

/** big.json (plain Records) and big.jsonl.gz (the same events as gzip JSON lines). */
function writeBig(dir, bytes) {
  const events = eventTexts(2000);
  const json = openSync(join(dir, 'big.json'), 'w');
  const lines = [];
  writeSync(json, '{"Records":[');
  let written = 0;
  let n = 0;
  while (written < bytes) {
    const e = events[n % events.length];
    writeSync(json, `${n === 0 ? '' : ','}${e}`);
    lines.push(e);
    written += e.length + 1;
    n++;
  }
  writeSync(json, ']}');
  closeSync(json);
  const jsonl = openSync(join(dir, 'big.jsonl.gz'), 'w');
  for (let i = 0; i < lines.length; i += 10_000) writeSync(jsonl, gzipSync(lines.slice(i, i + 10_000).join('\n') + '\n'));
  closeSync(jsonl);
  return { events: n, bytes: written };
}

const CHILD = `
const { main } = require(${JSON.stringify(join(CACHE, 'replay-bench.cjs'))});
const out = { text: '', write(s) { this.text += s; return true; } };
const err = { text: '', write(s) { this.text += s; return true; } };
const t0 = Date.now();
main(process.argv.slice(1), { stdout: out, stderr: err, workerScript: ${JSON.stringify(join(CACHE, 'replay-worker-bench.cjs'))} }).then((code) => {
  const report = JSON.parse(out.text);
  process.stdout.write(JSON.stringify({ code, seconds: (Date.now() - t0) / 1000, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    events: report.events, files: report.files, unreadable: report.unreadableFiles, linesSkipped: report.linesSkipped }));
});`;

function replay(...args) {
  const result = spawnSync(process.execPath, ['-e', CHILD, 'replay', '--json', '--workers', String(WORKERS), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0 && result.stdout === '') throw new Error(`replay failed (${result.status} ${result.signal}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout);
}

const common = { absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' };
await build({ ...common, entryPoints: ['lib/replay/index.ts'], outfile: join(CACHE, 'replay-bench.cjs'), external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'] });
await build({ ...common, entryPoints: ['lib/replay/worker.ts'], outfile: join(CACHE, 'replay-worker-bench.cjs') });

const dir = mkdtempSync(join(tmpdir(), 'replay-memory-'));
try {
  const bomb = writeBomb(join(dir, 'bomb.json.gz'), 4 * 1024 ** 3);
  const big = writeBig(dir, MB * 1e6);
  const loadBefore = loadavg().map((l) => l.toFixed(2));
  const rows = [];
  const row = (name, sizes, run) => rows.push({ name, sizes, ...run });
  const mbOf = (f) => (statSync(join(dir, f)).size / 1e6).toFixed(1);
  row('gzip bomb, default limit (1 GiB)', `${mbOf('bomb.json.gz')} MB -> ${(bomb.inflatedBytes / 1024 ** 3).toFixed(1)} GiB`, replay(join(dir, 'bomb.json.gz')));
  if (FULL) row('gzip bomb, --max-file-bytes 8GiB', `${mbOf('bomb.json.gz')} MB -> ${(bomb.inflatedBytes / 1024 ** 3).toFixed(1)} GiB`, replay('--max-file-bytes', '8GiB', join(dir, 'bomb.json.gz')));
  row('plain {"Records": [...]}', `${mbOf('big.json')} MB`, replay(join(dir, 'big.json')));
  row('gzip JSON lines', `${mbOf('big.jsonl.gz')} MB -> ${(big.bytes / 1e6).toFixed(0)} MB`, replay(join(dir, 'big.jsonl.gz')));
  const result = { workers: WORKERS, limitMB: LIMIT_MB, loadBefore, loadAfter: loadavg().map((l) => l.toFixed(2)), node: process.version, rows };
  if (JSON_OUTPUT) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`Replay max RSS (process, ${WORKERS} worker threads), limit ${LIMIT_MB} MB; node ${process.version}; load average before ${loadBefore.join(', ')}, after ${result.loadAfter.join(', ')}`);
    for (const r of rows) {
      const what = r.files.unreadable > 0 ? `refused: ${r.unreadable[0].reason}` : `${r.events.toLocaleString('en-US')} events, ${Math.round(r.events / r.seconds).toLocaleString('en-US')} events/s`;
      console.log(`  ${r.name.padEnd(34)} ${r.sizes.padEnd(24)} max RSS ${String(r.maxRssMB).padStart(4)} MB ${r.maxRssMB <= LIMIT_MB ? '(ok)' : '(OVER)'}  ${r.seconds.toFixed(1)} s  ${what}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
