/**
 * Runs detections over log files: reads and decodes each file, counts every event and the matches
 * of every detection; in worker threads (pool.ts) or in this thread (`workers: 1`).
 *
 * Internal module of the replay tool: not public API.
 */
import * as os from 'os';
import { BadLine, DEFAULT_LIMITS, ReadLimits } from './decode';
import { ReplayDetection } from './detections';
import { FileOutcome, FileReplayer, Tally, TallyData } from './file-replayer';
import { FileError } from './files';
import { replayInWorkers } from './pool';
import { DetectionCounter, EventTotals } from './stats';

/** Where a replay is, for progress lines. */
export interface ReplayProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly events: number;
  readonly elapsedMs: number;
}

/** A skipped line of a JSON lines file. */
export interface SkippedLine extends BadLine {
  readonly path: string;
}

/** Options of {@link replayFiles}. */
export interface ReplayOptions {
  /** Called once per file that cannot be read or decoded; the run goes on. */
  readonly onFileError?: (error: FileError) => void;
  /** Called once per file with skipped lines: the first ones, and how many in all. */
  readonly onSkippedLines?: (path: string, listed: BadLine[], count: number) => void;
  /** Called at most every `progressIntervalMs` while files are read. */
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** @default 2000 */
  readonly progressIntervalMs?: number;
  /** Clock in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Worker threads; 1 reads in this thread. @default os.availableParallelism() */
  readonly workers?: number;
  /** @default DEFAULT_LIMITS */
  readonly limits?: ReadLimits;
  /** The worker script (tests: a bundle of lib/replay/worker.ts). @default out/replay/worker.js */
  readonly workerScript?: string;
}

/** One detection's result. */
export interface DetectionResult {
  readonly detection: ReplayDetection;
  readonly counter: DetectionCounter;
}

/** The outcome of a replay. */
export interface ReplayRun {
  readonly filesRead: number;
  /** Files that could not be read, in file order. */
  readonly unreadable: FileError[];
  /** Lines skipped in the files read (the first of each file), in file and line order. */
  readonly skippedLines: SkippedLine[];
  /** All lines skipped. */
  readonly linesSkipped: number;
  readonly totals: EventTotals;
  readonly results: DetectionResult[];
  readonly elapsedMs: number;
}

/** The default number of workers: one per core the process may use. */
export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Replays `files` through `detections`. Never rejects for a bad file: it is reported through
 * `onFileError`, listed in `unreadable`, and none of its events are counted.
 *
 * The result is the same whatever `workers` is and in whatever order the files finish.
 */
export async function replayFiles(files: readonly string[], detections: readonly ReplayDetection[], options: ReplayOptions = {}): Promise<ReplayRun> {
  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? 2000;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const patterns = detections.map((d) => d.filterPattern);
  const started = now();
  let lastProgress = started;
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let filesDone = 0;
  let events = 0;

  const onFile = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    filesDone++;
    events += outcome.events;
    if (!outcome.ok) options.onFileError?.({ path: files[index], reason: outcome.reason ?? 'unreadable' });
    if (outcome.badLines > 0) options.onSkippedLines?.(files[index], outcome.listedBadLines, outcome.badLines);
    if (options.onProgress) {
      const t = now();
      if (t - lastProgress >= interval) {
        lastProgress = t;
        options.onProgress({ filesDone, filesTotal: files.length, events, elapsedMs: t - started });
      }
    }
  };

  const tally = new Tally(detections.length);
  if (workers === 1 || files.length <= 1) {
    const replayer = new FileReplayer(patterns, limits);
    for (let f = 0; f < files.length; f++) onFile(f, await replayer.replayFile(files[f]));
    tally.merge(replayer.tally.data());
  } else {
    const tallies: TallyData[] = await replayInWorkers(files, patterns, limits, workers, onFile, options.workerScript);
    for (const t of tallies) tally.merge(t);
  }

  const unreadable: FileError[] = [];
  const skippedLines: SkippedLine[] = [];
  let filesRead = 0;
  let linesSkipped = 0;
  files.forEach((file, f) => {
    const outcome = outcomes[f];
    if (outcome === undefined || !outcome.ok) {
      // No outcome: no worker reported the file (a worker stopped); count it as unread, not read.
      unreadable.push({ path: file, reason: outcome?.reason ?? 'not replayed: no worker reported it' });
      return;
    }
    filesRead++;
    linesSkipped += outcome.badLines;
    for (const bad of outcome.listedBadLines) skippedLines.push({ path: file, line: bad.line, reason: bad.reason });
  });
  return {
    filesRead,
    unreadable,
    skippedLines,
    linesSkipped,
    totals: tally.totals,
    results: detections.map((detection, i) => ({ detection, counter: tally.counters[i] })),
    elapsedMs: now() - started,
  };
}
