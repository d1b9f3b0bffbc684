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
  -h, --help         Print this help

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
}

/** What the command line asks for. */
export type ParsedArgs =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string; readonly usage: string }
  | { readonly kind: 'replay'; readonly args: ReplayArgs };

/** Parses the arguments after the program name (`process.argv.slice(2)`). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined) {
    return { kind: 'error', message: 'no command given', usage: USAGE };
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    return { kind: 'help', text: USAGE };
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
  return { kind: 'replay', args: { paths, template, variants, json, progress } };
}
