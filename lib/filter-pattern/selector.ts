/**
 * Property selectors of JSON filter patterns (`$.a.b`, `$.a[0]`, `$.['cluster.name']`, `$.a[*]`, `$.*`):
 * parsing into a precomputed path, and resolution against a parsed JSON event.
 *
 * AWS documentation
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 *
 * > Set off property selectors with a dollar sign followed by a period ("$."). Property selectors are
 * > alphanumeric strings that support hyphen ("-") and underscore ("_") characters. [...] Place arrays
 * > after property selectors. The elements in arrays follow a zero-based numbering system [...] Enclose
 * > elements in brackets ("[]"). If a property selector points to an array or object, the filter pattern
 * > won't match the log format. If the JSON property contains a period ("."), then the bracket notation
 * > may be used to select that property.
 *
 * > You can use the JSON wildcard to select any array element or any JSON object field.
 * > You can only use up to one wildcard selector in a property selector.
 *
 * Internal module: not re-exported by the barrel.
 */
import { describe, syntaxError } from './errors';

/** What one step of a selector path does. */
export enum SegmentKind {
  /** `.name` or `['name']`: a property of a JSON object. */
  PROPERTY = 0,
  /** `[n]`: element `n` of a JSON array. */
  INDEX = 1,
  /** `.*` or `[*]`: every element of an array or every field value of an object. */
  WILDCARD = 2,
}

/** One step of a selector path. All segments have the same shape (monomorphic, for speed). */
export interface Segment {
  readonly kind: SegmentKind;
  /** The property name (PROPERTY), else ''. */
  readonly name: string;
  /** The array index (INDEX), else -1. */
  readonly index: number;
}

/** A parsed property selector. */
export interface Selector {
  /** The selector as written, e.g. `$.userIdentity.type`. */
  readonly text: string;
  /** Offset of the `$` in the pattern. */
  readonly offset: number;
  readonly segments: readonly Segment[];
  /** Whether one of the segments is a wildcard. */
  readonly hasWildcard: boolean;
}

/** The result of {@link scanSelector}: the selector and the offset just after it. */
export interface ScannedSelector {
  readonly selector: Selector;
  readonly end: number;
}

const IDENT_CHAR = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;

/**
 * Reads a property selector starting at `start` (which must hold `$`), stopping at the first character
 * that cannot continue it.
 *
 * @throws Error when the selector is malformed (no path after `$`, bad brackets, two wildcards).
 */
export function scanSelector(text: string, start: number): ScannedSelector {
  const segments: Segment[] = [];
  let wildcardAt = -1;
  let pos = start + 1;

  const addWildcard = (at: number) => {
    if (wildcardAt >= 0) {
      throw syntaxError(at, `a property selector can have at most one wildcard (the first is at offset ${wildcardAt}; CloudWatch Logs quota)`);
    }
    wildcardAt = at;
    segments.push({ kind: SegmentKind.WILDCARD, name: '', index: -1 });
  };

  for (;;) {
    const c = text[pos];
    if (c === '.') {
      pos++;
      const n = text[pos];
      if (n === '*') {
        addWildcard(pos);
        pos++;
      } else if (n === '[') {
        continue; // `$.['cluster.name']`: the bracket is read by the next iteration
      } else if (n !== undefined && IDENT_CHAR.test(n)) {
        const from = pos;
        while (pos < text.length && IDENT_CHAR.test(text[pos])) pos++;
        segments.push({ kind: SegmentKind.PROPERTY, name: text.slice(from, pos), index: -1 });
      } else {
        throw syntaxError(pos, `expected a property name (letters, digits, '_', '-'), '*' or '[' after '.' in a property selector, found ${found(text, pos)}`);
      }
    } else if (c === '[') {
      pos = scanBracket(text, pos, segments, addWildcard);
    } else {
      break;
    }
  }

  if (segments.length === 0) {
    throw syntaxError(start, `a property selector must start with '$.' or '$[' and name a property, found ${found(text, start + 1)} after '$'`);
  }
  return {
    selector: { text: text.slice(start, pos), offset: start, segments, hasWildcard: wildcardAt >= 0 },
    end: pos,
  };
}

/** Reads `[n]`, `[*]`, `['name']` or `["name"]` at `open` (the `[`); returns the offset after `]`. */
function scanBracket(text: string, open: number, segments: Segment[], addWildcard: (at: number) => void): number {
  let pos = open + 1;
  const c = text[pos];
  if (c === '*') {
    addWildcard(pos);
    pos++;
  } else if (c !== undefined && DIGIT.test(c)) {
    const from = pos;
    while (pos < text.length && DIGIT.test(text[pos])) pos++;
    const index = Number(text.slice(from, pos));
    if (!Number.isSafeInteger(index)) {
      throw syntaxError(from, `array index ${text.slice(from, pos)} is too large`);
    }
    segments.push({ kind: SegmentKind.INDEX, name: '', index });
  } else if (c === '\'' || c === '"') {
    const quote = c;
    let name = '';
    pos++;
    for (;;) {
      const q = text[pos];
      if (q === undefined) {
        throw syntaxError(open + 1, `unterminated quoted property name in a property selector (missing closing ${quote})`);
      }
      if (q === quote) break;
      if (q === '\\' && (text[pos + 1] === quote || text[pos + 1] === '\\')) {
        name += text[pos + 1];
        pos += 2;
      } else {
        name += q;
        pos++;
      }
    }
    pos++; // closing quote
    segments.push({ kind: SegmentKind.PROPERTY, name, index: -1 });
  } else {
    throw syntaxError(pos, `expected an array index, '*' or a quoted property name after '[' in a property selector, found ${found(text, pos)}`);
  }
  if (text[pos] !== ']') {
    throw syntaxError(pos, `expected ']' in a property selector, found ${found(text, pos)}`);
  }
  return pos + 1;
}

function found(text: string, pos: number): string {
  return pos < text.length ? describe(text[pos]) : 'the end of the pattern';
}

/**
 * Calls `visit` on each value the selector resolves to in `root` (none when a step is missing, one
 * without a wildcard, any number with one), stopping at the first `visit` that returns true.
 * Returns whether some `visit` returned true.
 */
export type Resolver = (root: unknown, visit: (value: unknown) => boolean) => boolean;

/**
 * Sentinel for "no such value". `undefined` is not a JSON value, so it stands for missing: a
 * JavaScript property set to `undefined` does not exist for the pattern (as after a JSON round trip).
 */
const MISSING: unknown = undefined;

const hasOwn = Object.prototype.hasOwnProperty;

/** Follows `segments[from..to)` (no wildcards in that range) from `node`; MISSING when a step fails. */
function walk(node: unknown, segments: readonly Segment[], from: number, to: number): unknown {
  let cur: any = node;
  for (let i = from; i < to; i++) {
    const s = segments[i];
    if (s.kind === SegmentKind.INDEX) {
      // "If arrayKey is not an array this will be false."
      if (!Array.isArray(cur) || s.index >= cur.length) return MISSING;
      cur = cur[s.index];
    } else {
      // Own properties only: `$.constructor` must not find Object.prototype.constructor.
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !hasOwn.call(cur, s.name)) return MISSING;
      cur = cur[s.name];
    }
    if (cur === MISSING) return MISSING;
  }
  return cur;
}

/** Compiles a selector into a {@link Resolver} over its precomputed path. */
export function compileSelector(selector: Selector): Resolver {
  const segments = selector.segments;
  const length = segments.length;
  const wildcardAt = segments.findIndex((s) => s.kind === SegmentKind.WILDCARD);

  if (wildcardAt < 0) {
    if (length === 1) {
      const name = segments[0].name;
      if (segments[0].kind === SegmentKind.PROPERTY) {
        // Fast path for the most common selector, `$.eventName`.
        return (root, visit) => {
          if (Array.isArray(root) || !hasOwn.call(root, name)) return false;
          const v = (root as any)[name];
          return v !== MISSING && visit(v);
        };
      }
    }
    return (root, visit) => {
      const v = walk(root, segments, 0, length);
      return v !== MISSING && visit(v);
    };
  }

  return (root, visit) => {
    const container = walk(root, segments, 0, wildcardAt);
    if (container === null || typeof container !== 'object') return false;
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const v = walk(container[i], segments, wildcardAt + 1, length);
        if (v !== MISSING && visit(v)) return true;
      }
      return false;
    }
    for (const key in container) {
      if (!hasOwn.call(container, key)) continue;
      const v = walk((container as any)[key], segments, wildcardAt + 1, length);
      if (v !== MISSING && visit(v)) return true;
    }
    return false;
  };
}
