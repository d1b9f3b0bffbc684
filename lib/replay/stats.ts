/**
 * Counters of a replay: per detection (matches, principals, event names, alarm periods) and over
 * all events (count, the UTC days and the time span they cover).
 *
 * Internal module of the replay tool: not public API.
 */

/** The CIS alarm period, in milliseconds (300 s): one alarm evaluation per period. */
export const ALARM_PERIOD_MS = 300_000;

/** A name and how many matching events had it. */
export interface Count {
  readonly name: string;
  readonly count: number;
}

/**
 * The principal of a CloudTrail event: `userIdentity.arn`; without an ARN (AWS services, failed
 * sign-ins, some federated calls) the identity type, with `invokedBy` when present
 * (`AWSService invokedBy lambda.amazonaws.com`).
 */
export function principalOf(event: any): string {
  const identity = event.userIdentity;
  if (identity === null || typeof identity !== 'object') return '(no userIdentity)';
  if (typeof identity.arn === 'string' && identity.arn !== '') return identity.arn;
  const type = typeof identity.type === 'string' ? identity.type : '(no type)';
  return typeof identity.invokedBy === 'string' ? `${type} invokedBy ${identity.invokedBy}` : type;
}

/**
 * The time of a CloudTrail event in milliseconds since the epoch, or NaN. `eventTime` is UTC
 * (`2024-06-02T20:27:12Z`); a time without a zone (`2024-06-02 20:27:12`, seen in exports) is
 * read as UTC too.
 */
export function eventTimeMs(eventTime: unknown): number {
  if (typeof eventTime !== 'string') return NaN;
  let t = eventTime.length > 10 && eventTime[10] === ' ' ? `${eventTime.slice(0, 10)}T${eventTime.slice(11)}` : eventTime;
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  return Date.parse(t);
}

/** The UTC day (`YYYY-MM-DD`) of an `eventTime`, or undefined when it does not start with a date. */
export function utcDayOf(eventTime: unknown): string | undefined {
  if (typeof eventTime !== 'string' || eventTime.length < 10
    || eventTime.charCodeAt(4) !== 0x2d || eventTime.charCodeAt(7) !== 0x2d) {
    return undefined;
  }
  return eventTime.slice(0, 10);
}

/** The counters of one detection. */
export class DetectionCounter {
  /** A counter from a {@link DetectionCounterData} (e.g. received from a worker thread). */
  public static from(data: DetectionCounterData): DetectionCounter {
    const counter = new DetectionCounter();
    counter.merge(data);
    return counter;
  }

  public matches = 0;
  private readonly principals = new Map<string, number>();
  private readonly eventNames = new Map<string, number>();
  private readonly periods = new Set<number>();

  /**
   * Adds the counts of another counter (of other events). Commutative and associative: the result
   * does not depend on the order in which files or workers are merged.
   */
  public merge(other: DetectionCounterData): void {
    this.matches += other.matches;
    for (const [k, v] of other.principals) this.principals.set(k, (this.principals.get(k) ?? 0) + v);
    for (const [k, v] of other.eventNames) this.eventNames.set(k, (this.eventNames.get(k) ?? 0) + v);
    for (const p of other.periods) this.periods.add(p);
  }

  /** The counts as plain data (Maps and Sets survive `postMessage` between threads). */
  public data(): DetectionCounterData {
    return { matches: this.matches, principals: this.principals, eventNames: this.eventNames, periods: this.periods };
  }

  /** Counts one matching event. */
  public add(event: any): void {
    this.matches++;
    increment(this.principals, principalOf(event));
    increment(this.eventNames, typeof event.eventName === 'string' ? event.eventName : '(no eventName)');
    const ms = eventTimeMs(event.eventTime);
    if (!Number.isNaN(ms)) this.periods.add(Math.floor(ms / ALARM_PERIOD_MS));
  }

  /** The `n` most frequent principals, most frequent first (ties by name). */
  public topPrincipals(n: number): Count[] {
    return top(this.principals, n);
  }

  /** The `n` most frequent event names, most frequent first (ties by name). */
  public topEventNames(n: number): Count[] {
    return top(this.eventNames, n);
  }

  /** How many 5-minute alarm periods hold at least one match (the alarm is in ALARM for each). */
  public get breachingPeriods(): number {
    return this.periods.size;
  }

  /**
   * How many times the alarm would go from OK to ALARM, i.e. notify: runs of consecutive breaching
   * 5-minute periods (CIS alarm settings: Sum >= 1 over 300 s, 1 evaluation period, missing data
   * not breaching, so the alarm returns to OK after the first period without a match).
   */
  public get alarmTransitions(): number {
    const sorted = [...this.periods].sort((a, b) => a - b);
    let runs = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1] + 1) runs++;
    }
    return runs;
  }
}

/** The data of a {@link DetectionCounter}. */
export interface DetectionCounterData {
  readonly matches: number;
  readonly principals: ReadonlyMap<string, number>;
  readonly eventNames: ReadonlyMap<string, number>;
  readonly periods: ReadonlySet<number>;
}

/** The data of an {@link EventTotals}. */
export interface EventTotalsData {
  readonly events: number;
  readonly eventsWithoutTime: number;
  readonly days: ReadonlySet<string>;
  readonly firstEventTime: string | undefined;
  readonly lastEventTime: string | undefined;
  readonly firstMs: number;
  readonly lastMs: number;
}

/** Counters over all events read. */
export class EventTotals {
  /** A total from a {@link EventTotalsData} (e.g. received from a worker thread). */
  public static from(data: EventTotalsData): EventTotals {
    const totals = new EventTotals();
    totals.merge(data);
    return totals;
  }

  public events = 0;
  /** Events whose `eventTime` does not start with a `YYYY-MM-DD` date. */
  public eventsWithoutTime = 0;
  public readonly days = new Set<string>();
  public firstEventTime: string | undefined;
  public lastEventTime: string | undefined;
  private firstMs = Infinity;
  private lastMs = -Infinity;
  private lastDay = '';

  /** Counts one event. */
  public add(event: any): void {
    this.events++;
    const eventTime = event.eventTime;
    const day = utcDayOf(eventTime);
    if (day === undefined) {
      this.eventsWithoutTime++;
      return;
    }
    if (day !== this.lastDay) {
      this.days.add(day);
      this.lastDay = day;
    }
    // Full time parsing only for candidates of a new first / last event (string order of the day first).
    const first = this.firstEventTime;
    const last = this.lastEventTime;
    if (first === undefined || last === undefined || day <= first.slice(0, 10) || day >= last.slice(0, 10)) {
      this.consider(eventTimeMs(eventTime), eventTime);
    }
  }

  /**
   * Adds the counts of other events. Commutative and associative: two events at the same instant
   * written differently (`...T20:27:12Z`, `... 20:27:12`) resolve to the smaller text in code-point
   * order whatever the order of files and workers.
   */
  public merge(other: EventTotalsData): void {
    this.events += other.events;
    this.eventsWithoutTime += other.eventsWithoutTime;
    for (const day of other.days) this.days.add(day);
    if (other.firstEventTime !== undefined) this.consider(other.firstMs, other.firstEventTime);
    if (other.lastEventTime !== undefined) this.consider(other.lastMs, other.lastEventTime);
  }

  /** The counts as plain data (Sets survive `postMessage` between threads). */
  public data(): EventTotalsData {
    return {
      events: this.events,
      eventsWithoutTime: this.eventsWithoutTime,
      days: this.days,
      firstEventTime: this.firstEventTime,
      lastEventTime: this.lastEventTime,
      firstMs: this.firstMs,
      lastMs: this.lastMs,
    };
  }

  private consider(ms: number, eventTime: string): void {
    // NaN (a date without a valid time) compares false: such an event is never first or last.
    if (ms < this.firstMs || (ms === this.firstMs && this.firstEventTime !== undefined && eventTime < this.firstEventTime)) {
      this.firstMs = ms;
      this.firstEventTime = eventTime;
    }
    if (ms > this.lastMs || (ms === this.lastMs && this.lastEventTime !== undefined && eventTime < this.lastEventTime)) {
      this.lastMs = ms;
      this.lastEventTime = eventTime;
    }
  }

  /** Calendar days from the first to the last event's UTC day, both included (0 without events). */
  public get spanDays(): number {
    if (this.firstEventTime === undefined || this.lastEventTime === undefined) return 0;
    const first = Date.parse(`${this.firstEventTime.slice(0, 10)}T00:00:00Z`);
    const last = Date.parse(`${this.lastEventTime.slice(0, 10)}T00:00:00Z`);
    return Math.round((last - first) / 86_400_000) + 1;
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, n: number): Count[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([name, count]) => ({ name, count }));
}
