import { FilterPattern, IFilterPattern } from 'aws-cdk-lib/aws-logs';
import { JsonFilterPattern } from '../filter-pattern';
import { CloudTrailBaselineError } from '../private/errors';

/**
 * How urgent a detection is, in the terms of AWS Security Hub finding severities.
 */
export enum DetectionSeverity {
  /** Act now: the account may be compromised (e.g. root user activity). */
  CRITICAL = 'CRITICAL',
  /** Act today: a security control was changed (e.g. a trail was stopped, a KMS key disabled). */
  HIGH = 'HIGH',
  /** Review: a change that widens or alters access (e.g. IAM policy or security group changes). */
  MEDIUM = 'MEDIUM',
  /** Review when convenient: a change to network plumbing. */
  LOW = 'LOW',
}

/**
 * The maximum length of a CloudWatch Logs filter pattern, in characters.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
 */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

/**
 * The definition of a detection: a CloudWatch Logs filter pattern over CloudTrail events,
 * the metric it feeds and the controls it satisfies.
 */
export interface DetectionProps {
  /**
   * A stable identifier, unique among the detections of one log group. Used in construct IDs
   * and in the alarm name, so changing it replaces the metric filter and the alarm.
   *
   * Letters, digits, `.`, `-` and `_` only. The catalog uses the Security Hub control ID
   * (`CloudWatch.1`) or the CIS control (`CIS.4.15`).
   */
  readonly id: string;

  /** A short human title, e.g. "Root user activity". */
  readonly title: string;

  /**
   * The CloudWatch Logs JSON filter pattern, kept byte-exact (it is emitted with
   * `FilterPattern.literal()`): Security Hub only passes its CloudWatch controls when the
   * published text is used unchanged.
   *
   * Must parse as a JSON filter pattern and be at most 1,024 characters.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  readonly filterPattern: string;

  /**
   * The name of the CloudWatch metric the metric filter publishes (value 1 per matching event).
   * Letters, digits, `.`, `-` and `_` only, at most 255 characters.
   */
  readonly metricName: string;

  /** How urgent an alarm of this detection is. */
  readonly severity: DetectionSeverity;

  /** What the detection watches for and why it matters, in one or two sentences. */
  readonly description: string;

  /**
   * What a responder should do first when the alarm fires.
   *
   * @default - no remediation hint
   */
  readonly remediation?: string;

  /**
   * The AWS Security Hub control this detection satisfies, e.g. `CloudWatch.1`.
   *
   * @default - none
   */
  readonly securityHubControlId?: string;

  /**
   * The CIS AWS Foundations Benchmark controls this detection satisfies, as
   * `v<benchmark version>/<control>`, e.g. `v1.2.0/3.3` and `v1.4.0/4.3`.
   *
   * @default - none
   */
  readonly cisControlIds?: string[];
}

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const METRIC_NAME_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;

/**
 * A detection: a filter pattern over CloudTrail events, the metric it feeds and the controls it
 * satisfies. The catalog (`Detections`) holds the CIS / Security Hub detections; use
 * `Detection.custom()` for your own.
 */
export class Detection {
  /**
   * Defines a detection, checking its filter pattern at synth time.
   *
   * @throws Error (`CloudTrailBaselineError`) when `id` or `metricName` has characters other than
   * letters, digits, `.`, `-`, `_`; when `filterPattern` is over 1,024 characters or does not parse
   * as a CloudWatch Logs JSON filter pattern.
   */
  public static custom(props: DetectionProps): Detection {
    return new Detection(props);
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

  /** The parsed filter pattern, ready to evaluate against CloudTrail events. */
  public readonly pattern: JsonFilterPattern;

  private constructor(props: DetectionProps) {
    if (!ID_PATTERN.test(props.id)) {
      throw new CloudTrailBaselineError('DetectionProps.id',
        `must be 1-64 letters, digits, '.', '-' or '_' (got '${props.id}')`);
    }
    if (!METRIC_NAME_PATTERN.test(props.metricName)) {
      throw new CloudTrailBaselineError(`DetectionProps.metricName (detection ${props.id})`,
        `must be 1-255 letters, digits, '.', '-' or '_' (got '${props.metricName}')`);
    }
    if (props.filterPattern.length > MAX_FILTER_PATTERN_LENGTH) {
      throw new CloudTrailBaselineError(`DetectionProps.filterPattern (detection ${props.id})`,
        `must be at most ${MAX_FILTER_PATTERN_LENGTH} characters (CloudWatch Logs PutMetricFilter limit); got ${props.filterPattern.length}`);
    }
    try {
      this.pattern = JsonFilterPattern.parse(props.filterPattern);
    } catch (e) {
      throw new CloudTrailBaselineError(`DetectionProps.filterPattern (detection ${props.id})`,
        `must be a valid CloudWatch Logs JSON filter pattern: ${(e as Error).message}`);
    }
    this.id = props.id;
    this.title = props.title;
    this.filterPattern = props.filterPattern;
    this.metricName = props.metricName;
    this.severity = props.severity;
    this.description = props.description;
    this.remediation = props.remediation;
    this.securityHubControlId = props.securityHubControlId;
    this.cisControlIds = [...(props.cisControlIds ?? [])];
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
   * Whether a CloudTrail event (a parsed JSON record) matches this detection's filter pattern,
   * with CloudWatch Logs semantics.
   */
  public matches(event: any): boolean {
    return this.pattern.matches(event);
  }
}
