/**
 * Value matching of JSON filter patterns: string literals with `*` wildcards, numbers and
 * `%regex%` values, compiled once into predicates over a resolved JSON value.
 *
 * ## Which JSON values a comparison can match (decision)
 *
 * The AWS page says "Property selectors point to value nodes in JSON log events. Value nodes can be
 * strings or numbers." and "If a property selector points to an array or object, the filter pattern
 * won't match the log format" — and the older page: "both {$.users = 1} and {$.users != 1} will fail
 * to match a log event where users is an array". Booleans and null are only matched with `IS TRUE`,
 * `IS FALSE` and `IS NULL` ("The IS variable can match fields that contain the values NULL, TRUE, or
 * FALSE"). So here every comparison (`=`, `!=`, `<`, ...) is false unless the value is a JSON string or
 * number — `!=` included: `!=` on a missing field, a boolean, null, an object or an array is false.
 *
 * Strings and numbers are matched by what they say, not by their JSON type, because the syntax itself
 * does not separate them: the page says "Strings that consist entirely of alphanumeric characters do
 * not need to be quoted" (so `400` may be a string or a number) and, of numbers, "Use the asterisk
 * ("*") as a wild card to match numbers" (so text patterns apply to numbers):
 * - a text value (a quoted string, an unquoted non-numeric word, a wildcard, a regex) is matched against
 *   a string as is and against a number's JavaScript text (`String(404)` = `"404"`, so `4*` and
 *   `"404"` match 404; note that `1.0` in the JSON is parsed to 1, whose text is `"1"`);
 * - an unquoted number (`400`, `-1.5`, `1e+3`) equals a number of the same value, and a string that is
 *   the same text or a number of the same value (`"400"`, `"4e2"`); `!=` is the negation of that;
 * - `<`, `<=`, `>`, `>=` need an unquoted number and compare numerically with a JSON number or with a
 *   string that is wholly a number (`"75"`); any other string does not compare (false).
 *
 * Internal module: not re-exported by the barrel.
 */
import { describe, syntaxError } from './errors';

/** A predicate over one resolved JSON value. */
export type ValuePredicate = (value: unknown) => boolean;

/**
 * The number syntax of the page: "an integer with an optional + or - sign, a decimal with an optional
 * + or - sign, or a number in scientific notation, which is an integer or a decimal with an optional +
 * or - sign, followed by 'e', followed by an integer with an optional + or - sign".
 */
const NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** Whether an unquoted word (or a JSON string) is a number in the filter pattern syntax. */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * Compiles the text test of a string value with `*` wildcards.
 *
 * The older AWS page is explicit about where `*` is a wildcard: "You can use the asterisk '*' wildcard
 * character to match any text at, before, or after a search term. For example, *Event will match
 * PutEvent and GetEvent. Event* will match EventId and EventName. Ev*ent will only match the actual
 * string Ev*ent." So leading and trailing `*` are wildcards, `*` elsewhere is a literal asterisk, and a
 * value of only `*` matches any text (`{ $.latency = * }`).
 */
export function compileWildcard(pattern: string): (text: string) => boolean {
  let from = 0;
  let to = pattern.length;
  while (from < to && pattern[from] === '*') from++;
  if (to === 0) return (t) => t === '';
  if (from === to) return () => true;
  while (to > from && pattern[to - 1] === '*') to--;
  const core = pattern.slice(from, to);
  const leading = from > 0;
  const trailing = to < pattern.length;
  if (leading && trailing) return (t) => t.includes(core);
  if (leading) return (t) => t.endsWith(core);
  if (trailing) return (t) => t.startsWith(core);
  return (t) => t === core;
}

/**
 * Characters allowed in a regex: "Alphanumeric characters", "Supported symbol characters – These include:
 * ':', '_', '#', '=', '@','/', ';', ',', and '-'", "Supported operators – These include: '^', '$', '?',
 * '[', ']', '{', '}', '|', '\', '*', '+', and '.'", and the space (the page's own example is
 * `%^starting|^initializing|^shutting down%`).
 */
const REGEX_CHAR = /[A-Za-z0-9:_#=@/;,\- ^$?[\]{}|\\*+.]/;
const HEX = /[0-9A-Fa-f]/;
const QUANTIFIER_BODY = /^\s*([0-9]*)\s*(,?)\s*([0-9]*)\s*$/;

/**
 * Validates a CloudWatch Logs regex (the text between the `%` signs) and translates it to a JavaScript
 * `RegExp` (no flags: case sensitive, not unicode).
 *
 * Dialect: the subset of the AWS page — literals, `.`, `^`, `$`, `?`, `*`, `+`, `|`, character classes
 * `[...]` (with ranges and `^` negation), `{m,n}` repetition where "Either m or n can be omitted" (and
 * spaces such as `{m, n}` are allowed), `\` escapes including `\d \D \s \S \w \W` and `\xhh`. Groups are
 * rejected ("The ( and ) operators are not supported"), as are characters outside the supported set
 * ("%something!% would be rejected since '!' is not supported") and multi-byte characters.
 *
 * The regex matches when it is found anywhere in the value (`{ $.eventType = %Trail% }` "matches the
 * string "Trail" in the property "eventType"", whose value is `UpdateTrail`); anchor it with `^` / `$`
 * to match the whole value.
 *
 * @param offset offset of the opening `%` in the pattern, for errors.
 * @throws Error for unsupported characters or an invalid regular expression.
 */
export function compileRegex(body: string, offset: number): RegExp {
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (c === '(' || c === ')') {
      throw syntaxError(offset + 1 + k,
        `'${c}' is not supported in a regular expression (no groups in CloudWatch Logs regex; match a literal parenthesis with \\x28 or \\x29)`);
    }
    if (!REGEX_CHAR.test(c)) {
      throw syntaxError(offset + 1 + k, `character ${describe(c)} is not supported in a regular expression (use \\xhh for other ASCII characters)`);
    }
  }
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    const at = offset + 1 + i;
    if (c === '\\') {
      const e = body[i + 1];
      if (e === undefined) throw syntaxError(at, "a regular expression cannot end with '\\'");
      if (e === 'x') {
        if (!HEX.test(body[i + 2] ?? '') || !HEX.test(body[i + 3] ?? '')) {
          throw syntaxError(at, "'\\x' must be followed by two hexadecimal digits in a regular expression");
        }
        out += body.slice(i, i + 4);
        i += 4;
        continue;
      }
      out += c + e;
      i += 2;
      continue;
    }
    if (c === '[') {
      // Copy a character class verbatim up to its closing bracket (a `]` right after `[` or `[^` is literal).
      // JavaScript reads `[]` as an empty class, so that leading `]` is escaped.
      let j = i + 1;
      let head = '[';
      if (body[j] === '^') {
        head += '^';
        j++;
      }
      if (body[j] === ']') {
        head += '\\]';
        j++;
      }
      const from = j;
      while (j < body.length && body[j] !== ']') j += body[j] === '\\' ? 2 : 1;
      if (j >= body.length) throw syntaxError(at, "unterminated character class (missing ']') in a regular expression");
      out += head + body.slice(from, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '{') {
      const close = body.indexOf('}', i);
      const m = close < 0 ? null : QUANTIFIER_BODY.exec(body.slice(i + 1, close));
      if (!m || (m[1] === '' && m[3] === '')) {
        throw syntaxError(at, "'{' must start a repetition {m}, {m,}, {,n} or {m,n} in a regular expression");
      }
      // JavaScript reads `{,n}` and `{m, n}` as literal text: normalize.
      out += m[2] ? `{${m[1] || '0'},${m[3]}}` : `{${m[1]}}`;
      i = close + 1;
      continue;
    }
    out += c;
    i++;
  }
  try {
    return new RegExp(out);
  } catch (e) {
    throw syntaxError(offset, `invalid regular expression %${body}%: ${(e as Error).message}`);
  }
}

/** The text of a string or number value; undefined for every other JSON value. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** `=` / `!=` with a text test (quoted string, unquoted non-numeric word, wildcard or regex). */
export function textPredicate(test: (text: string) => boolean, negate: boolean): ValuePredicate {
  return (value) => {
    const t = textOf(value);
    return t !== undefined && test(t) !== negate;
  };
}

/** `=` / `!=` with an unquoted number. */
export function numberEqualityPredicate(text: string, negate: boolean): ValuePredicate {
  const n = Number(text);
  return (value) => {
    if (typeof value === 'number') return (value === n) !== negate;
    if (typeof value === 'string') return (value === text || (NUMBER.test(value) && Number(value) === n)) !== negate;
    return false;
  };
}

/** `<`, `<=`, `>`, `>=` with an unquoted number. */
export function numberOrderPredicate(operator: string, text: string): ValuePredicate {
  const n = Number(text);
  const compare = ORDER[operator];
  return (value) => {
    if (typeof value === 'number') return compare(value, n);
    if (typeof value === 'string' && NUMBER.test(value)) return compare(Number(value), n);
    return false;
  };
}

const ORDER: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};
