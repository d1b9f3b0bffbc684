/**
 * Runs detections over log files: reads and decodes each file, counts every event and the matches
 * of every detection.
 *
 * Internal module of the replay tool: not public API.
 */
import * as fs from 'fs';
import { decodeLogFile } from './decode';
import { ReplayDetection } from './detections';
import { FileError, reason } from './files';
import { DetectionCounter, EventTotals } from './stats';

/** Where a replay is, for progress lines. */
export interface ReplayProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly events: number;
  readonly elapsedMs: number;
}

/** Options of {@link replayFiles}. */
export interface ReplayOptions {
  /** Called once per file that cannot be read or decoded; the run goes on. */
  readonly onFileError?: (error: FileError) => void;
  /** Called at most every `progressIntervalMs` while files are read. */
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** @default 2000 */
  readonly progressIntervalMs?: number;
  /** Clock in milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** One detection's result. */
export interface DetectionResult {
  readonly detection: ReplayDetection;
  readonly counter: DetectionCounter;
}

/** The outcome of a replay. */
export interface ReplayRun {
  readonly filesRead: number;
  readonly unreadable: FileError[];
  readonly totals: EventTotals;
  readonly results: DetectionResult[];
  readonly elapsedMs: number;
}

/**
 * Replays `files` through `detections`. Never throws for a bad file: it is reported through
 * `onFileError`, listed in `unreadable`, and its events (if any were decoded) are not counted.
 */
export function replayFiles(files: readonly string[], detections: readonly ReplayDetection[], options: ReplayOptions = {}): ReplayRun {
  const now = options.now ?? Date.now;
  const interval = options.progressIntervalMs ?? 2000;
  const started = now();
  let lastProgress = started;
  const totals = new EventTotals();
  const counters = detections.map(() => new DetectionCounter());
  const patterns = detections.map((d) => d.pattern);
  const n = patterns.length;
  const unreadable: FileError[] = [];
  let filesRead = 0;

  for (let f = 0; f < files.length; f++) {
    const file = files[f];
    let events: unknown[];
    try {
      events = decodeLogFile(fs.readFileSync(file));
    } catch (e) {
      const error = { path: file, reason: reason(e) };
      unreadable.push(error);
      options.onFileError?.(error);
      continue;
    }
    filesRead++;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (event === null || typeof event !== 'object') continue;
      totals.add(event);
      for (let d = 0; d < n; d++) {
        if (patterns[d].matches(event)) counters[d].add(event);
      }
    }
    if (options.onProgress) {
      const t = now();
      if (t - lastProgress >= interval) {
        lastProgress = t;
        options.onProgress({ filesDone: f + 1, filesTotal: files.length, events: totals.events, elapsedMs: t - started });
      }
    }
  }
  return {
    filesRead,
    unreadable,
    totals,
    results: detections.map((detection, i) => ({ detection, counter: counters[i] })),
    elapsedMs: now() - started,
  };
}
