// A small evaluator of EventBridge event patterns, for tests: exactly the operators the fast path
// uses (exact values, lists of values, nested objects, `anything-but` with a string or a list of
// strings, `exists`), with the documented semantics. Any other operator, or a value shape whose
// matching the documentation does not settle, throws instead of guessing.
//
// Sources: EventBridge user guide "Amazon EventBridge event patterns", "Content filtering in Amazon
// EventBridge event patterns" and "Comparison operators for use in event patterns"
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html), and
// the README of AWS's event matching library, aws/event-ruler ("Ruler by Example", "Exists
// matching", "JSON Array Matching"). The semantics modelled:
// - The pattern's fields are ANDed; a leaf's array lists the values that match (OR).
// - A leaf matches only a field present in the event as a leaf (string, number, boolean, null, or
//   an array of those: "if the value in the event is also an array, the rule matches if the
//   intersection between the event array and rule-array is non-empty"). A missing field, or a
//   field that holds an object, matches no value and no `anything-but`.
// - `{"exists": false}` matches a missing field and, per event-ruler's note ("Exists match only
//   works on the leaf nodes"), a field that holds an object; `{"exists": true}` matches a leaf.
// - Values are compared case-sensitively and by JSON type ("5" does not match 5).

export type EventPattern = { [key: string]: unknown };

export class UnsupportedPatternError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The leaf values of an event field: `undefined` when missing or not a leaf. */
function leafValues(v: unknown): unknown[] | undefined {
  if (v === undefined || isObject(v)) return undefined;
  if (Array.isArray(v)) {
    if (v.some((e) => isObject(e) || Array.isArray(e))) {
      throw new UnsupportedPatternError('an array of objects or arrays under a leaf pattern is not modelled');
    }
    return v;
  }
  return [v];
}

function matchesMatcher(matcher: unknown, value: unknown): boolean {
  const values = leafValues(value);
  if (!isObject(matcher)) {
    if (typeof matcher === 'string' || typeof matcher === 'number' || typeof matcher === 'boolean' || matcher === null) {
      return values !== undefined && values.some((v) => v === matcher);
    }
    throw new UnsupportedPatternError(`unsupported pattern value ${JSON.stringify(matcher)}`);
  }
  const keys = Object.keys(matcher);
  if (keys.length !== 1) throw new UnsupportedPatternError(`an operator object has exactly one key: ${JSON.stringify(matcher)}`);
  const [op] = keys;
  const arg = matcher[op];
  switch (op) {
    case 'exists':
      if (typeof arg !== 'boolean') throw new UnsupportedPatternError('exists takes true or false');
      return arg ? values !== undefined : values === undefined;
    case 'anything-but': {
      const excluded = Array.isArray(arg) ? arg : [arg];
      if (!excluded.every((e) => typeof e === 'string')) {
        throw new UnsupportedPatternError('only anything-but with strings is modelled');
      }
      if (values === undefined) return false;
      if (values.some((v) => typeof v !== 'string')) {
        throw new UnsupportedPatternError(`anything-but against a non-string value (${JSON.stringify(value)}) is not modelled`);
      }
      return values.some((v) => !excluded.includes(v as string));
    }
    default:
      throw new UnsupportedPatternError(`operator ${op} is not modelled`);
  }
}

/** Whether `event` matches `pattern`, with EventBridge semantics (for the modelled operators). */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  if (!isObject(pattern)) throw new UnsupportedPatternError('a pattern is a JSON object');
  return Object.entries(pattern).every(([key, sub]) => {
    if (key.startsWith('$')) throw new UnsupportedPatternError(`${key} is not modelled`);
    const value = isObject(event) ? event[key] : undefined;
    if (Array.isArray(sub)) {
      if (sub.length === 0) throw new UnsupportedPatternError(`empty value list at ${key}`);
      return sub.some((m) => matchesMatcher(m, value));
    }
    if (isObject(sub)) {
      if (Array.isArray(value)) {
        throw new UnsupportedPatternError(`a nested pattern over an array (${key}) is not modelled`);
      }
      return matchesEventPattern(sub, value);
    }
    throw new UnsupportedPatternError(`pattern field ${key} must be an array or an object`);
  });
}
