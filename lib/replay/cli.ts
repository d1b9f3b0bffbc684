/**
 * The `cdk-cloudtrail-baseline` command line (bin/cdk-cloudtrail-baseline runs `main`).
 *
 * Internal module: not public API (not exported from lib/index.ts).
 */
import * as path from 'node:path';
import { parseArgs, PROGRAM, ReplayArgs } from './args';
import { DEFAULT_MAX_FILE_BYTES, STREAM_THRESHOLD_BYTES } from './decode';
import { catalogDetections, DetectionList } from './detections';
import { findLogFiles } from './files';
import { buildReport, formatTable } from './report';
import { replayFiles } from './runner';
import { sqlCommand } from './sql-command';
import { TemplateError, templateDetections } from './template';

/** A stream the CLI writes to (process.stdout / process.stderr, or a test double). */
export interface OutputStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Clock in milliseconds, for progress lines and events/s. @default Date.now */
  readonly now?: () => number;
  /** The replay worker script (tests: a bundle of lib/replay/worker.ts). @default out/replay/worker.js */
  readonly workerScript?: string;
}

/** Exit codes. */
export const EXIT_OK = 0;
export const EXIT_NOTHING_READ = 1;
export const EXIT_USAGE = 2;

/**
 * Runs the command line.
 *
 * @param argv the arguments after the program name (`process.argv.slice(2)`).
 * @returns the exit code: 0 success, 1 no file could be read, 2 bad usage.
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(parsed.text);
      return EXIT_OK;
    case 'error':
      io.stderr.write(`${PROGRAM}: ${parsed.message}\n\n${parsed.usage}`);
      return EXIT_USAGE;
    case 'replay':
      return replay(parsed.args, io);
    case 'validate':
      return validate(parsed.argv, io);
    case 'sql':
      return sqlCommand(parsed.argv, io);
  }
}

/** The bundled `validate` command (lib/evidence/validate/, with the AWS SDK: assets/validate/index.js). */
interface ValidateBundle {
  main(argv: readonly string[], io: CliIo): Promise<number>;
}

async function validate(argv: readonly string[], io: CliIo): Promise<number> {
  // Loaded only for `validate`: `replay` never pays for the SDK (~0.8 MB).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(path.join(__dirname, '..', '..', 'assets', 'validate', 'index.js')) as ValidateBundle;
  return bundle.main(argv, io);
}

async function replay(args: ReplayArgs, io: CliIo): Promise<number> {
  let list: DetectionList;
  try {
    list = args.template !== undefined ? templateDetections(args.template) : catalogDetections(args.variants);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    io.stderr.write(`${PROGRAM} replay: --template ${e.message}\n`);
    return EXIT_USAGE;
  }
  for (const warning of list.warnings) {
    io.stderr.write(`${PROGRAM} replay: warning: ${warning}\n`);
  }
  if (list.detections.length === 0) {
    io.stderr.write(`${PROGRAM} replay: --template ${args.template}: no metric filter with a JSON filter pattern to replay\n`);
    return EXIT_USAGE;
  }

  const found = findLogFiles(args.paths);
  const say = (line: string) => io.stderr.write(`${PROGRAM} replay: ${line}\n`);
  for (const error of found.errors) say(`unreadable: ${error.path}: ${error.reason}`);
  for (const skipped of found.skipped) say(`skipped: ${skipped.path}: ${skipped.reason}`);
  const showProgress = args.progress || io.stderr.isTTY === true;
  const run = await replayFiles(found.files, list.detections, {
    now: io.now,
    workers: args.workers,
    workerScript: io.workerScript,
    limits: { maxFileBytes: args.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, streamThresholdBytes: STREAM_THRESHOLD_BYTES },
    onFileError: (error) => say(`unreadable: ${error.path}: ${error.reason}`),
    onSkippedLines: (file, listed, count) => {
      for (const bad of listed) say(`line skipped: ${file}:${bad.line}: ${bad.reason}`);
      if (count > listed.length) say(`line skipped: ${file}: ${(count - listed.length).toLocaleString('en-US')} more lines skipped`);
    },
    onProgress: showProgress
      ? (p) => say(`${p.filesDone.toLocaleString('en-US')}/${p.filesTotal.toLocaleString('en-US')} files, `
        + `${p.events.toLocaleString('en-US')} events, ${(p.elapsedMs / 1000).toFixed(0)} s`)
      : undefined,
  });

  const report = buildReport(run, {
    detectionSource: args.template !== undefined ? 'template' : args.variants ? 'catalog+variants' : 'catalog',
    template: args.template,
    digestFiles: found.digestFiles,
    otherFiles: found.otherFiles,
    skipped: found.skipped,
    listingErrors: found.errors,
    warnings: list.warnings,
  });
  io.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
  if (run.filesRead === 0) {
    say(`no file could be read (${report.files.unreadable} unreadable, ${found.skipped.length} skipped, `
      + `${found.digestFiles} digest files skipped, ${found.otherFiles} other files ignored)`);
    return EXIT_NOTHING_READ;
  }
  return EXIT_OK;
}
