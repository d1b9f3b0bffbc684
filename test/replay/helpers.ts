/**
 * Shared helpers of the replay tests: the labelled fixture records, temporary corpora, and an
 * in-process run of the CLI with captured output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { buildSync } from 'esbuild';
import { main } from '../../lib/replay/cli';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fixture record and its LABELS.tsv categories. */
export interface LabelledRecord {
  readonly file: string;
  readonly categories: string[];
  readonly record: any;
}

/** Every record of test/fixtures/cloudtrail-events (real) and synthetic-events (hand-written), with labels. */
export function labelledRecords(): LabelledRecord[] {
  const out: LabelledRecord[] = [];
  for (const corpus of ['cloudtrail-events', 'synthetic-events']) {
    const dir = path.join(FIXTURES, corpus);
    for (const line of fs.readFileSync(path.join(dir, 'LABELS.tsv'), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const [file, categories] = line.split('\t');
      out.push({
        file,
        categories: categories === 'none' ? [] : categories.split(','),
        record: JSON.parse(fs.readFileSync(path.join(dir, 'events', file), 'utf8')),
      });
    }
  }
  return out;
}

/** A fresh temporary folder, removed by {@link cleanUp}. */
export function tempDir(prefix = 'replay-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
const created: string[] = [];

/** Removes the temporary folders. */
export function cleanUp(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a file (creating its folders). */
export function writeFile(file: string, data: string | Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

/** A CloudTrail log file as S3 stores it: gzip of `{"Records":[...]}`. */
export function cloudTrailLogFile(records: unknown[]): Buffer {
  return gzipSync(JSON.stringify({ Records: records }));
}

/** A captured output stream. */
export class Capture {
  public text = '';
  constructor(public readonly isTTY = false) {}
  public write(s: string): boolean {
    this.text += s;
    return true;
  }
  public get lines(): string[] {
    return this.text.split('\n').filter((l) => l !== '');
  }
}

/**
 * Runs the CLI in-process. `replay` reads in this thread (`--workers 1`) unless the arguments say
 * otherwise: worker threads from the TypeScript sources start slowly (ts-node), and the tests that
 * are about workers ask for them.
 */
export async function run(
  argv: string[], options: { tty?: boolean; now?: () => number; workerScript?: string } = {},
): Promise<{ code: number; stdout: Capture; stderr: Capture }> {
  const stdout = new Capture();
  const stderr = new Capture(options.tty ?? false);
  const args = argv[0] === 'replay' && !argv.some((a) => a.startsWith('--workers')) ? ['replay', '--workers', '1', ...argv.slice(1)] : argv;
  const code = await main(args, { stdout, stderr, now: options.now, workerScript: options.workerScript });
  return { code, stdout, stderr };
}

/**
 * lib/replay/worker.ts bundled with esbuild into a temporary folder (once per test file): worker
 * threads start from it in ~50 ms, where ts-node takes seconds. The compiled out/replay/worker.js
 * is tested through bin/ in replay-process.test.ts.
 */
export function workerBundle(): string {
  if (bundled === undefined) {
    bundled = path.join(tempDir('replay-worker-'), 'worker.js');
    buildSync({
      entryPoints: [path.join(__dirname, '..', '..', 'lib', 'replay', 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundled,
      logLevel: 'silent',
    });
  }
  return bundled;
}
let bundled: string | undefined;
