// What defines a detection (internal module layout: exported through ./detection).

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
 * Everything that defines a detection except its filter pattern: used by
 * `Detection.fromFilterPattern()`, which takes the pattern as an aws-cdk-lib `IFilterPattern`.
 */
export interface DetectionOptions {
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

/**
 * The definition of a detection: a CloudWatch Logs filter pattern over CloudTrail events,
 * the metric it feeds and the controls it satisfies.
 */
export interface DetectionProps extends DetectionOptions {
  /**
   * The CloudWatch Logs JSON filter pattern, kept byte-exact (it is emitted with
   * `FilterPattern.literal()`): Security Hub only passes its CloudWatch controls when the
   * published text is used unchanged.
   *
   * Must parse as a JSON filter pattern, be at most 1,024 characters and hold at most 2 regular
   * expressions (`%...%`).
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
   */
  readonly filterPattern: string;
}
