import { compile, EventPredicate } from './evaluator';
import { parsePattern } from './parser';

/**
 * A CloudWatch Logs JSON filter pattern (`{ $.eventName = "ConsoleLogin" && ... }`), parsed once and
 * evaluated against log events with CloudWatch Logs semantics.
 *
 * Supported syntax: property selectors (`$.a.b`, `$.a[0].b`, `$.['cluster.name']`, one wildcard `$.a[*]`
 * or `$.*` per selector, at most three such selectors per pattern); `=` and `!=` with double-quoted or
 * unquoted strings (leading / trailing `*` wildcards), numbers or `%regex%`; `<`, `<=`, `>`, `>=` with
 * numbers; `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS`; `&&`, `||` and parentheses with the order
 * `()` > `&&` > `||`. Everything is case sensitive.
 *
 * Matching: a comparison only matches a string or number value (never a missing field, `null`, a
 * boolean, an object or an array — for `!=` too); with a wildcard selector it matches when some
 * selected value matches.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export class JsonFilterPattern {
  /**
   * Parses a JSON filter pattern.
   *
   * @param text the pattern, e.g. `{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }`.
   * @returns the parsed pattern, ready to evaluate.
   * @throws Error with the message `Invalid filter pattern at offset N: <what is wrong>` (N is the 0-based
   * character offset in `text`) when `text` is empty, is not enclosed in braces, has unbalanced
   * parentheses, a dangling `&&` / `||`, an unknown operator or keyword, an unterminated string or
   * regex, a selector not starting with `$.`, an unsupported regex construct, or more wildcards than
   * CloudWatch Logs allows.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public static parse(text: string): JsonFilterPattern {
    const parsed = parsePattern(text);
    return new JsonFilterPattern(text, parsed.regexCount, compile(parsed.root));
  }

  /**
   * The pattern text, unchanged (as passed to `parse`).
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public readonly text: string;

  /**
   * How many regular expression (`%...%`) values the pattern has.
   *
   * CloudWatch Logs allows at most 2 per filter pattern ("There is a limit of 2 regex for each filter
   * pattern"); `parse` does not enforce that quota, check this count where it applies.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#regex-expressions
   */
  public readonly regexCount: number;

  private readonly predicate: EventPredicate;

  private constructor(text: string, regexCount: number, predicate: EventPredicate) {
    this.text = text;
    this.regexCount = regexCount;
    this.predicate = predicate;
  }

  /**
   * Whether a log event matches the pattern.
   *
   * @param event the log event as an already-parsed JSON value, e.g. a CloudTrail record object. A value
   * that is not a JSON object or array (a string, number, boolean, null or undefined) never matches.
   * @returns true when the event matches. Never throws.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public matches(event: unknown): boolean {
    if (event === null || typeof event !== 'object') return false;
    return this.predicate(event);
  }

  /**
   * Whether a raw log event (the message text) matches the pattern.
   *
   * @param json the log event message. A message that is not valid JSON, or whose JSON is not an object
   * or array, never matches a JSON filter pattern (not even `NOT EXISTS`).
   * @returns true when the event matches. Never throws.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public matchesJson(json: string): boolean {
    let event: unknown;
    try {
      event = JSON.parse(json);
    } catch {
      return false;
    }
    return this.matches(event);
  }
}
