/**
 * Command-line arguments of `cdk-cloudtrail-baseline`.
 *
 * Internal module of the replay tool: not public API.
 */

/** The program name in usage texts. */
export const PROGRAM = 'cdk-cloudtrail-baseline';

/** Usage of the program (no or an unknown command). */
export const USAGE = `Usage: ${PROGRAM} <command> [options]

Commands:
  replay <file or folder>...   Replay CloudTrail log files through the detections: how noisy will the alarms be?
  validate --trail-arn <arn> --start-time <time> [options]
                               Prove the log archive intact with its digest files (as 'aws cloudtrail validate-logs')
  sql <detection id | filter pattern> [--dialect athena|duckdb] [--query]
                               Print the SQL that selects what a detection's filter pattern matches (Athena, DuckDB)

Run '${PROGRAM} <command> --help' for a command's options.
`;

/** Usage of `replay`. */
export const REPLAY_USAGE = `Usage: ${PROGRAM} replay [options] <file or folder>...

Runs the detections over CloudTrail log files and prints, per detection: matches, matches per day,
alarm notifications, and the top 5 principals and event names.

Reads CloudTrail log files as S3 stores them (gzip JSON with a "Records" array), plain JSON with
"Records", or JSON lines (one event per line), compressed with gzip or not. Folders are walked
recursively (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz); in folders, files named
*.json, *.jsonl, *.ndjson (optionally .gz) are read. CloudTrail-Digest files are skipped: they hold
the hashes and signatures of log file integrity validation, not events.

Options:
  --template <file>  Replay the AWS::Logs::MetricFilter resources of a synthesized CloudFormation
                     template (e.g. cdk.out/MyStack.template.json) instead of the catalog detections
  --variants         Also replay the catalog's variants (not with --template)
  --json             Print the report as JSON
  --progress         Print progress to stderr every 2 s (default: only when stderr is a terminal)
  --workers <n>      Worker threads reading files in parallel (default: one per core,
                     os.availableParallelism()); 1 reads in the main thread
  --max-file-bytes <size>
                     Read at most this many decompressed bytes per file (default: 1GiB); a larger file
                     is reported unreadable and not counted. Bytes, or with a suffix: 512MiB, 2GiB, 4G
  -h, --help         Print this help

Links and special files: each real folder and file is read once (a symbolic link back to a folder
being read, or to a folder or file already read, is skipped and reported); FIFOs, sockets and
devices are skipped and reported, never opened. A bad line of a JSON lines file is skipped and
reported with its line number; the other lines are read. See docs/replay.md.

Per day = matches / the number of distinct UTC days (YYYY-MM-DD of eventTime) among all the
events read, matching or not: the rate on the days the logs cover.

Exit codes: 0 success; 1 no file could be read; 2 bad usage; 70 internal error (a bug).
`;

/** The options of `replay`. */
export interface ReplayArgs {
  readonly paths: string[];
  readonly template?: string;
  readonly variants: boolean;
  readonly json: boolean;
  readonly progress: boolean;
  /** --workers; undefined: one per core. */
  readonly workers?: number;
  /** --max-file-bytes; undefined: DEFAULT_MAX_FILE_BYTES. */
  readonly maxFileBytes?: number;
}

const SIZE = /^(\d+)\s*(?:([KMGT])(i?B)?|B)?$/i;
const UNITS: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Parses a size: bytes, or with a binary suffix (K, KiB, M, MiB, G, GiB, T, TiB; KB = KiB). */
export function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? UNITS[m[2].toUpperCase()] : 1);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** What the command line asks for. */
export type ParsedArgs =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string; readonly usage: string }
  | { readonly kind: 'replay'; readonly args: ReplayArgs }
  /** `validate`: its arguments, parsed by the bundled command itself (lib/evidence/validate/args.ts). */
  | { readonly kind: 'validate'; readonly argv: readonly string[] }
  /** `sql`: its arguments, parsed by the command (sql-command.ts). */
  | { readonly kind: 'sql'; readonly argv: readonly string[] };

/** Parses the arguments after the program name (`process.argv.slice(2)`). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined) {
    return { kind: 'error', message: 'no command given', usage: USAGE };
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    return { kind: 'help', text: USAGE };
  }
  if (command === 'validate') {
    return { kind: 'validate', argv: rest };
  }
  if (command === 'sql') {
    return { kind: 'sql', argv: rest };
  }
  if (command !== 'replay') {
    return { kind: 'error', message: `unknown command '${command}'`, usage: USAGE };
  }
  return parseReplayArgs(rest);
}

function parseReplayArgs(argv: readonly string[]): ParsedArgs {
  const paths: string[] = [];
  let template: string | undefined;
  let variants = false;
  let json = false;
  let progress = false;
  let workers: number | undefined;
  let maxFileBytes: number | undefined;
  const error = (message: string): ParsedArgs => ({ kind: 'error', message, usage: REPLAY_USAGE });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: REPLAY_USAGE };
    if (arg === '--json') {
      json = true;
    } else if (arg === '--variants') {
      variants = true;
    } else if (arg === '--progress') {
      progress = true;
    } else if (arg === '--template' || arg.startsWith('--template=')) {
      const value = arg === '--template' ? argv[++i] : arg.slice('--template='.length);
      if (value === undefined || value === '') return error('--template needs a file');
      if (template !== undefined) return error('--template can be given once');
      template = value;
    } else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const value = arg === '--workers' ? argv[++i] : arg.slice('--workers='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1024) {
        return error(`--workers needs a whole number from 1 to 1024, got ${JSON.stringify(value ?? '')}`);
      }
      workers = Number(value);
    } else if (arg === '--max-file-bytes' || arg.startsWith('--max-file-bytes=')) {
      const value = arg === '--max-file-bytes' ? argv[++i] : arg.slice('--max-file-bytes='.length);
      const size = value === undefined ? undefined : parseSize(value);
      if (size === undefined) {
        return error(`--max-file-bytes needs a size in bytes (e.g. 2000000000, 512MiB, 2GiB), got ${JSON.stringify(value ?? '')}`);
      }
      maxFileBytes = size;
    } else if (arg.startsWith('-') && arg !== '-') {
      return error(`unknown option '${arg}'`);
    } else {
      paths.push(arg);
    }
  }
  if (template !== undefined && variants) {
    return error('--variants applies to the catalog detections, not to --template');
  }
  if (paths.length === 0) {
    return error('no file or folder given');
  }
  return { kind: 'replay', args: { paths, template, variants, json, progress, workers, maxFileBytes } };
}
