/**
 * Runs many detections over one event quickly: a detection whose pattern can only match a few
 * event names (`{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ... }`, 12 of the 15
 * catalog detections) is only evaluated for events with one of those names. The others are
 * evaluated for every event. The result is the same as evaluating every pattern on every event
 * (test/replay/matcher.test.ts checks it on the catalog, its variants and hand-written patterns).
 *
 * Internal module of the replay tool: not public API.
 */
import { JsonFilterPattern } from '../filter-pattern';
import { Node, NodeKind, parsePattern, ValueKind } from '../filter-pattern/parser';
import { SegmentKind } from '../filter-pattern/selector';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The event names a pattern can match, when it only matches events whose `eventName` is one of
 * them; undefined when it may match any event name.
 *
 * Sound by construction: `$.eventName = "X"` (X without a leading or trailing `*` wildcard, which
 * are the only wildcards: a `*` inside is a literal) holds only for the string `X`, or a number whose
 * JavaScript text is `X` (lib/filter-pattern/values.ts). An `&&` holds only when each of its terms
 * holds, so any term's names bound it; an `||` only when one of its terms holds, so it is bounded
 * only when every term is.
 */
export function eventNamesOf(node: Node): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case NodeKind.COMPARISON: {
      const segments = node.selector.segments;
      const isEventName = segments.length === 1 && segments[0].kind === SegmentKind.PROPERTY && segments[0].name === 'eventName';
      const literal = (node.valueKind === ValueKind.STRING || node.valueKind === ValueKind.WORD)
        && !node.value.startsWith('*') && !node.value.endsWith('*');
      return isEventName && node.operator === '=' && literal ? new Set([node.value]) : undefined;
    }
    case NodeKind.AND: {
      let best: ReadonlySet<string> | undefined;
      for (const child of node.children) {
        const names = eventNamesOf(child);
        if (names !== undefined && (best === undefined || names.size < best.size)) best = names;
      }
      return best;
    }
    case NodeKind.OR: {
      const union = new Set<string>();
      for (const child of node.children) {
        const names = eventNamesOf(child);
        if (names === undefined) return undefined;
        for (const name of names) union.add(name);
      }
      return union;
    }
    default:
      return undefined;
  }
}

/** Evaluates a list of filter patterns over events, skipping those that cannot match. */
export class DetectionMatcher {
  /** How many detections are evaluated for every event (the others by event name). */
  public readonly unindexed: number;
  private readonly predicates: JsonFilterPattern[];
  private readonly always: number[];
  private readonly byName = new Map<string, number[]>();

  /** @param patterns the filter pattern texts (they must parse: they were parsed before). */
  constructor(patterns: readonly string[]) {
    this.predicates = patterns.map((p) => JsonFilterPattern.parse(p));
    this.always = [];
    patterns.forEach((text, d) => {
      const names = eventNamesOf(parsePattern(text).root);
      if (names === undefined) {
        this.always.push(d);
        return;
      }
      for (const name of names) {
        const list = this.byName.get(name);
        if (list) list.push(d);
        else this.byName.set(name, [d]);
      }
    });
    this.unindexed = this.always.length;
  }

  /** Calls `onMatch(d)` for each detection index `d` whose pattern matches `event`, in no set order. */
  public forEachMatch(event: object, onMatch: (d: number) => void): void {
    const predicates = this.predicates;
    const always = this.always;
    for (let i = 0; i < always.length; i++) {
      if (predicates[always[i]].matches(event)) onMatch(always[i]);
    }
    if (Array.isArray(event) || !hasOwn.call(event, 'eventName')) return;
    const value = (event as any).eventName;
    const key = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    if (key === undefined) return;
    const candidates = this.byName.get(key);
    if (candidates === undefined) return;
    for (let i = 0; i < candidates.length; i++) {
      if (predicates[candidates[i]].matches(event)) onMatch(candidates[i]);
    }
  }
}
