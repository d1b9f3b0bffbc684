/**
 * Replays log files one by one through the detections, in the main thread or in a worker thread
 * (worker.ts): the same code either way, so the counts do not depend on the number of workers.
 *
 * Internal module of the replay tool: not public API.
 */
import { BadLine, DecodeError, readLogFile, ReadLimits } from './decode';
import { reason } from './files';
import { DetectionMatcher } from './matcher';
import { DetectionCounter, DetectionCounterData, EventTotals, EventTotalsData } from './stats';

/** The counts of a set of files as plain data (what a worker sends back). */
export interface TallyData {
  readonly totals: EventTotalsData;
  readonly counters: DetectionCounterData[];
}

/** The counts of a set of files: all events, and each detection's matches. */
export class Tally {
  public readonly totals = new EventTotals();
  public readonly counters: DetectionCounter[];

  constructor(detections: number) {
    this.counters = Array.from({ length: detections }, () => new DetectionCounter());
  }

  /** Adds another tally's counts (order-independent). */
  public merge(other: TallyData): void {
    this.totals.merge(other.totals);
    other.counters.forEach((c, i) => this.counters[i].merge(c));
  }

  public data(): TallyData {
    return { totals: this.totals.data(), counters: this.counters.map((c) => c.data()) };
  }
}

/** The outcome of one file. */
export interface FileOutcome {
  /** false: the file could not be read or decoded; none of its events are counted. */
  readonly ok: boolean;
  /** Why it could not be read (when not ok). */
  readonly reason?: string;
  readonly events: number;
  /** Bad lines skipped (JSON lines files). */
  readonly badLines: number;
  readonly listedBadLines: BadLine[];
}

/** Replays files one at a time into one tally. */
export class FileReplayer {
  public readonly tally: Tally;
  private readonly matcher: DetectionMatcher;
  private readonly detections: number;

  /** @param patterns the filter pattern text of each detection. */
  constructor(patterns: readonly string[], private readonly limits: ReadLimits) {
    this.matcher = new DetectionMatcher(patterns);
    this.detections = patterns.length;
    this.tally = new Tally(patterns.length);
  }

  /** Reads one file; its counts join the tally only when the whole file could be read. Never throws. */
  public async replayFile(file: string): Promise<FileOutcome> {
    const tally = new Tally(this.detections);
    const { totals, counters } = tally;
    const matcher = this.matcher;
    let event: object;
    const onMatch = (d: number) => counters[d].add(event);
    try {
      const content = await readLogFile(file, (e) => {
        event = e;
        totals.add(e);
        matcher.forEachMatch(e, onMatch);
      }, this.limits);
      this.tally.merge(tally.data());
      return { ok: true, events: content.events, badLines: content.badLines, listedBadLines: content.listedBadLines };
    } catch (e) {
      return { ok: false, reason: e instanceof DecodeError ? e.message : reason(e), events: 0, badLines: 0, listedBadLines: [] };
    }
  }
}
