import { Token } from 'aws-cdk-lib';
import { FilterPattern, IFilterPattern } from 'aws-cdk-lib/aws-logs';
import { DetectionOptions, DetectionProps, DetectionSeverity } from './detection-props';
import { FastPathPattern, fastPathOf } from './event-patterns';
import { JsonFilterPattern } from '../filter-pattern';
import { CLOUDWATCH_LOGS_QUOTAS_URL, MAX_FILTER_PATTERN_LENGTH, MAX_REGEX_PER_FILTER_PATTERN } from './quotas';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps, is, requireLiteral } from '../private/props-schema';
import { schemas } from '../private/schemas';

// The definition types, apart so that the catalog's definitions and the props schemas need not import
// this module (which imports them).
export * from './detection-props';

/** The props every detection needs. */
const REQUIRED = ['id', 'title', 'metricName', 'severity', 'description'];

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const METRIC_NAME_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;

/**
 * A detection: a filter pattern over CloudTrail events, the metric it feeds and the controls it
 * satisfies. The catalog (`Detections`) holds the CIS / Security Hub detections; use
 * `Detection.custom()` for your own.
 */
export class Detection {
  /**
   * Defines a detection from a filter pattern written as text, checking the pattern at synth time.
   *
   * @throws Error (`CloudTrailBaselineError`) when `id` or `metricName` has characters other than
   * letters, digits, `.`, `-`, `_`; when `filterPattern` is over 1,024 characters, holds more than 2
   * regular expressions or does not parse as a CloudWatch Logs JSON filter pattern.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public static custom(props: DetectionProps): Detection {
    checkProps('DetectionProps', props, schemas.DetectionProps(), [...REQUIRED, 'filterPattern']);
    return new Detection(props, 'DetectionProps.filterPattern');
  }

  /**
   * Defines a detection from an aws-cdk-lib filter pattern, e.g.
   * `FilterPattern.all(FilterPattern.stringValue('$.eventSource', '=', 'iam.amazonaws.com'),
   * FilterPattern.stringValue('$.eventName', '=', 'CreateUser'))`.
   *
   * The pattern is rendered (`pattern.logPatternString`) and checked like `Detection.custom` does;
   * the rendered text is what the metric filter gets.
   *
   * @param pattern a JSON filter pattern (`FilterPattern.all`, `any`, `stringValue`, `numberValue`,
   * `regexValue`, `exists`, `notExists`, `isNull`, `booleanValue`, or `FilterPattern.literal` of a
   * JSON pattern). Text patterns (`allTerms`, `anyTerm`, `spaceDelimited`, `allEvents`) are refused:
   * a detection runs over CloudTrail JSON records.
   * @param options everything else that defines the detection
   * @throws Error (`CloudTrailBaselineError`) naming `Detection.fromFilterPattern(pattern)` when the
   * pattern holds unresolved tokens, renders to a text (not JSON) pattern, is over 1,024 characters,
   * holds more than 2 regular expressions or does not parse; and like `custom()` for the options.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  public static fromFilterPattern(pattern: IFilterPattern, options: DetectionOptions): Detection {
    checkProps('DetectionOptions', options, schemas.DetectionOptions(), REQUIRED);
    const where = `Detection.fromFilterPattern(pattern) (detection ${options.id})`;
    is.object('an IFilterPattern, e.g. FilterPattern.stringValue(...)', (p) => typeof p.logPatternString === 'string')(where, pattern);
    const text = pattern.logPatternString;
    if (Token.isUnresolved(text)) {
      throw new CloudTrailBaselineError(where,
        'must not hold tokens (deploy-time values): the pattern is parsed and checked at synth time, so write the values out');
    }
    if (!text.trim().startsWith('{')) {
      throw new CloudTrailBaselineError(where,
        `must be a JSON filter pattern ('{ ... }', e.g. FilterPattern.all(...) or FilterPattern.stringValue(...)); got the text pattern ${JSON.stringify(text)}`);
    }
    return new Detection({ ...options, filterPattern: text }, 'Detection.fromFilterPattern(pattern)');
  }

  /** The detection's stable identifier, e.g. `CloudWatch.1` (see `DetectionProps.id`). */
  public readonly id: string;
  /** A short human title (see `DetectionProps.title`). */
  public readonly title: string;
  /** The CloudWatch Logs filter pattern, byte-exact (see `DetectionProps.filterPattern`). */
  public readonly filterPattern: string;
  /** The CloudWatch metric the metric filter publishes (see `DetectionProps.metricName`). */
  public readonly metricName: string;
  /** How urgent an alarm of this detection is (see `DetectionProps.severity`). */
  public readonly severity: DetectionSeverity;
  /** What the detection watches for and why it matters (see `DetectionProps.description`). */
  public readonly description: string;
  /** What a responder should do first, if given (see `DetectionProps.remediation`). */
  public readonly remediation?: string;
  /** The AWS Security Hub control, e.g. `CloudWatch.1`, if any (see `DetectionProps.securityHubControlId`). */
  public readonly securityHubControlId?: string;
  /** The CIS AWS Foundations Benchmark controls, as `v<version>/<control>` (see `DetectionProps.cisControlIds`). */
  public readonly cisControlIds: string[];

  /**
   * The parsed filter pattern (internal: `matches()` is the public way to evaluate it).
   *
   * @internal
   */
  public readonly _pattern: JsonFilterPattern;

  /**
   * The parsed `additionalFilterPatterns`, in order.
   *
   * @internal
   */
  public readonly _additionalPatterns: JsonFilterPattern[];

  /**
   * Further filter patterns that feed the same metric, byte-exact, each its own metric filter
   * (see `DetectionProps.additionalFilterPatterns`); empty when there are none.
   */
  public readonly additionalFilterPatterns: string[];

  /**
   * The EventBridge fast path equivalent to this detection's filter pattern, which
   * `DetectionFastPath` asks for: set for a supported ID with the catalog's filter pattern, byte
   * for byte.
   *
   * @internal
   */
  public readonly _fastPath?: FastPathPattern;

  private constructor(props: DetectionProps, patternProperty: string) {
    const literal = 'detections are parsed, checked and named (construct IDs, alarm names) at synth time';
    requireLiteral('DetectionProps.id', props.id, literal);
    requireLiteral(`DetectionProps.metricName (detection ${props.id})`, props.metricName, literal);
    requireLiteral(`${patternProperty} (detection ${props.id})`, props.filterPattern, literal);
    if (!ID_PATTERN.test(props.id)) {
      throw new CloudTrailBaselineError('DetectionProps.id',
        `must be 1-64 letters, digits, '.', '-' or '_' (got '${props.id}')`);
    }
    if (!METRIC_NAME_PATTERN.test(props.metricName)) {
      throw new CloudTrailBaselineError(`DetectionProps.metricName (detection ${props.id})`,
        `must be 1-255 letters, digits, '.', '-' or '_' (got '${props.metricName}')`);
    }
    this._pattern = parsePattern(props.filterPattern, `${patternProperty} (detection ${props.id})`);
    is.listOf(is.string)(`DetectionProps.additionalFilterPatterns (detection ${props.id})`, props.additionalFilterPatterns ?? []);
    const additional = [...(props.additionalFilterPatterns ?? [])];
    this._additionalPatterns = additional.map((text, i) => {
      const where = `DetectionProps.additionalFilterPatterns[${i}] (detection ${props.id})`;
      requireLiteral(where, text, literal);
      if (text === props.filterPattern || additional.indexOf(text) !== i) {
        throw new CloudTrailBaselineError(where, 'must differ from filterPattern and from the other additional patterns (two identical metric filters would count every event twice)');
      }
      return parsePattern(text, where);
    });
    this.id = props.id;
    this.title = props.title;
    this.filterPattern = props.filterPattern;
    this.metricName = props.metricName;
    this.severity = props.severity;
    this.description = props.description;
    this.remediation = props.remediation;
    this.securityHubControlId = props.securityHubControlId;
    this.cisControlIds = [...(props.cisControlIds ?? [])];
    this.additionalFilterPatterns = additional;
    // The fast path is equivalent to one filter pattern: a detection with more has none.
    this._fastPath = additional.length === 0 ? fastPathOf(props.id, props.filterPattern) : undefined;
  }

  /** The control IDs this detection satisfies, Security Hub first, for names and messages. */
  public get controlIds(): string[] {
    return [
      ...(this.securityHubControlId ? [this.securityHubControlId] : []),
      ...this.cisControlIds.map((c) => `CIS ${c}`),
    ];
  }

  /**
   * The filter pattern as an aws-cdk-lib `IFilterPattern`, emitted byte-exact with
   * `FilterPattern.literal()`.
   */
  public toFilterPattern(): IFilterPattern {
    return FilterPattern.literal(this.filterPattern);
  }

  /**
   * Whether a CloudTrail event (a parsed JSON record) matches this detection's filter pattern or
   * one of its additional filter patterns, with CloudWatch Logs semantics.
   *
   * @param event the CloudTrail record as an already-parsed JSON value; anything that is not a JSON
   * object or array never matches
   */
  public matches(event: unknown): boolean {
    return this._pattern.matches(event) || this._additionalPatterns.some((p) => p.matches(event));
  }
}

/** Checks and parses one filter pattern of a detection; `where` names the property in errors. */
function parsePattern(text: string, where: string): JsonFilterPattern {
  if (text.length > MAX_FILTER_PATTERN_LENGTH) {
    throw new CloudTrailBaselineError(where,
      `must be at most ${MAX_FILTER_PATTERN_LENGTH} characters (CloudWatch Logs PutMetricFilter limit); got ${text.length}`);
  }
  let pattern: JsonFilterPattern;
  try {
    pattern = JsonFilterPattern.parse(text);
  } catch (e) {
    throw new CloudTrailBaselineError(where,
      `must be a valid CloudWatch Logs JSON filter pattern: ${(e as Error).message}`);
  }
  if (pattern.regexCount > MAX_REGEX_PER_FILTER_PATTERN) {
    throw new CloudTrailBaselineError(where,
      `must hold at most ${MAX_REGEX_PER_FILTER_PATTERN} regular expressions (%...%) per filter pattern (CloudWatch Logs quota, ${CLOUDWATCH_LOGS_QUOTAS_URL}); got ${pattern.regexCount}`);
  }
  return pattern;
}
