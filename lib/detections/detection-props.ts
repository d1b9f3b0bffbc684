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
   * The CIS AWS Foundations Benchmark recommendations this detection implements, as
   * `v<benchmark version>/<control>`, one per benchmark version, e.g. `v1.2.0/3.3`, `v1.4.0/4.3`,
   * `v3.0.0/4.3`, `v4.0.0/4.3`, `v5.0.0/4.3`. The catalog lists a version when the detection
   * matches at least the events of that version's filter text; docs/compliance.md's matrix
   * (generated from the catalog) notes where the text differs from the benchmark's.
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

  /**
   * Further filter patterns that feed the same metric: each becomes its own metric filter on the
   * log group, next to `filterPattern`'s, publishing value 1 to `metricName`, so the one alarm
   * covers all of them and an event that matches several patterns still notifies once (the alarm
   * is `Sum >= 1` over 5 minutes; the metric counts the event once per pattern it matches).
   *
   * For a tool that looks for another published text than `filterPattern`'s: Security Hub
   * CloudWatch.13 accepts only its own route-table text, while the CIS v3.0.0+ text (and Prowler's
   * check, which requires `$.eventSource = ec2.amazonaws.com`) is another. Each pattern is
   * checked like `filterPattern` (at most 1,024 characters and 2 regular expressions) and counts
   * against the log group's 100 metric filters and 5 regex patterns. Metric filters are free;
   * the metric is the same custom metric, so no metric is added.
   *
   * @default - none: one metric filter
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html
   */
  readonly additionalFilterPatterns?: string[];
}
