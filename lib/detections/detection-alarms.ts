import { Annotations, AspectPriority, Aspects, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import {
  Alarm, ComparisonOperator, IAlarm, IAlarmAction, Metric, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { CfnMetricFilter, FilterPattern, ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { AddDetectionOptions, DetectionAlarmActions, SeverityAlarmActions } from './alarm-routing';
import { Detections } from './catalog';
import { DEFAULT_ACTIONS } from './default-actions';
import { Detection, DetectionSeverity } from './detection';
import { CLOUDWATCH_LOGS_QUOTAS_URL } from './quotas';
import { JsonFilterPattern } from '../filter-pattern';
import { CloudTrailBaselineError } from '../private/errors';
import { claimPhysicalName } from '../private/physical-names';
import { checkProps, requireLiteral } from '../private/props-schema';
import { kinds, schemas } from '../private/schemas';
import { checkAlarmNamePrefix } from '../private/validate';

/** CloudWatch Logs quotas that apply to metric filters of one log group. */
const MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
const MAX_REGEX_PATTERNS_PER_LOG_GROUP = 5;

/**
 * Properties of `DetectionAlarms`.
 */
export interface DetectionAlarmsProps {
  /**
   * The CloudWatch Logs group that receives the trail's events (alarms must sit in the account
   * and region of this log group).
   */
  readonly logGroup: ILogGroup;

  /**
   * The detections to create metric filters and alarms for; more can be added with
   * `addDetection()`.
   *
   * @default Detections.cisAwsFoundations() - the 15 CIS / Security Hub detections
   */
  readonly detections?: Detection[];

  /**
   * IDs of detections to leave out (e.g. `['CloudWatch.2']`), to turn off a catalog detection.
   *
   * @default - none left out
   * @throws when an ID is not among `detections`
   */
  readonly disabledDetections?: string[];

  /**
   * What the alarms do when they change state (for example `SnsAction` and `LambdaAction` from
   * `aws-cdk-lib/aws-cloudwatch-actions`, or `AlarmNotifications.alarmActions`). Security Hub
   * passes its CloudWatch controls only when the alarm notifies an SNS topic with a subscriber.
   *
   * These are the default route: `severityAlarmActions` and `detectionAlarmActions` replace them
   * for some detections (precedence: detection, then severity, then these).
   *
   * @default - no action (synth warns about every alarm left without an action)
   */
  readonly alarmActions?: IAlarmAction[];

  /**
   * Alarm actions per severity, replacing `alarmActions` for the detections of that severity.
   *
   * @default - every severity uses `alarmActions`
   */
  readonly severityAlarmActions?: SeverityAlarmActions;

  /**
   * Alarm actions of individual detections, replacing their severity's actions and
   * `alarmActions`. The IDs are checked at synth, so that detections added later with
   * `addDetection()` can be routed too.
   *
   * @default - no detection-specific route
   * @throws when an ID appears twice; at synth, when an ID has no alarm here (unknown or disabled)
   */
  readonly detectionAlarmActions?: DetectionAlarmActions[];

  /**
   * Also run the actions when an alarm returns to OK.
   *
   * @default true
   */
  readonly notifyOnOk?: boolean;

  /**
   * The CloudWatch namespace of the detection metrics.
   *
   * @default 'CloudTrailMetrics'
   */
  readonly metricNamespace?: string;

  /**
   * A prefix for alarm names; the name is `<prefix><detection id>-<metric name>`.
   *
   * @default 'cloudtrail-baseline-'
   */
  readonly alarmNamePrefix?: string;
}

/**
 * CloudWatch metric filters and alarms for a set of detections on a CloudTrail log group.
 *
 * Each detection gets a metric filter (its pattern, byte-exact, metric value 1), one more per
 * additional filter pattern on the same metric (`DetectionProps.additionalFilterPatterns`), and an alarm with
 * the settings of the CIS remediation procedures: statistic Sum, period 300 seconds, 1 evaluation
 * period, threshold >= 1, missing data not breaching.
 *
 * The CloudWatch Logs quotas are checked at synth: at most 100 metric filters per log group and at
 * most 5 filter patterns with regular expressions per log group, counting every metric filter of the
 * stack on the same log group (this construct's, other `DetectionAlarms`' and plain `MetricFilter`s),
 * including detections added later with `addDetection()`. The 2-regex-per-pattern quota is checked
 * when the `Detection` is created.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 *
 * Alarm actions are routed per alarm, on ALARM and (with `notifyOnOk`) on OK: the detection's own
 * actions (`addDetection()` options or `detectionAlarmActions`), else its severity's
 * (`severityAlarmActions`), else `alarmActions`. Synth warns about alarms left without an action.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export class DetectionAlarms extends Construct {
  /**
   * A placeholder for the default actions (`alarmActions`) inside a route, so that a route can add
   * to the defaults instead of replacing them, e.g. `severityAlarmActions: { critical:
   * [DetectionAlarms.defaultActions(), new SnsAction(pagingTopic)] }` pages on critical
   * detections and still notifies like every other detection. Only valid in the routes of a
   * `DetectionAlarms` (`severityAlarmActions`, `detectionAlarmActions`, `addDetection` options).
   */
  public static defaultActions(): IAlarmAction {
    return DEFAULT_ACTIONS;
  }

  private readonly logGroup: ILogGroup;
  private readonly actions: IAlarmAction[];
  private readonly severityActions: SeverityAlarmActions;
  private readonly detectionActions = new Map<string, IAlarmAction[]>();
  private readonly notifyOnOk: boolean;
  private readonly namespace: string;
  private readonly prefix: string;
  private readonly disabled: Set<string>;
  private readonly entries = new Map<string, {
    detection: Detection; alarm: Alarm; filter: MetricFilter; additionalFilters: MetricFilter[]; silent: boolean;
  }>();

  constructor(scope: Construct, id: string, props: DetectionAlarmsProps) {
    super(scope, id);
    checkProps('DetectionAlarmsProps', props, schemas.DetectionAlarmsProps(), ['logGroup']);
    this.logGroup = props.logGroup;
    this.actions = props.alarmActions ?? [];
    this.severityActions = props.severityAlarmActions ?? {};
    for (const [i, route] of (props.detectionAlarmActions ?? []).entries()) {
      requireLiteral(`DetectionAlarmsProps.detectionAlarmActions[${i}].detectionId`, route.detectionId, 'the IDs are matched against the detections at synth time');
      if (this.detectionActions.has(route.detectionId)) {
        throw new CloudTrailBaselineError('DetectionAlarmsProps.detectionAlarmActions',
          `'${route.detectionId}' appears twice; give each detection one list of actions`);
      }
      this.detectionActions.set(route.detectionId, route.alarmActions);
    }
    this.notifyOnOk = props.notifyOnOk ?? true;
    this.namespace = props.metricNamespace ?? 'CloudTrailMetrics';
    this.prefix = props.alarmNamePrefix ?? 'cloudtrail-baseline-';
    if (!Token.isUnresolved(this.namespace) && (!/^[A-Za-z0-9._/#:-][A-Za-z0-9 ._/#:-]{0,254}$/.test(this.namespace) || this.namespace.startsWith('AWS/'))) {
      throw new CloudTrailBaselineError('DetectionAlarmsProps.metricNamespace',
        `must be 1-255 letters, digits, spaces or '.-_/#:' and must not start with 'AWS/' (got '${this.namespace}')`);
    }
    checkAlarmNamePrefix('DetectionAlarmsProps.alarmNamePrefix', this.prefix);
    const detections = props.detections ?? Detections.cisAwsFoundations();
    (props.disabledDetections ?? []).forEach((d, i) => requireLiteral(`DetectionAlarmsProps.disabledDetections[${i}]`, d,
      'the IDs are matched against the detections at synth time'));
    this.disabled = new Set(props.disabledDetections ?? []);
    for (const disabledId of this.disabled) {
      if (!detections.some((d) => d.id === disabledId)) {
        throw new CloudTrailBaselineError('DetectionAlarmsProps.disabledDetections',
          `'${disabledId}' is not one of the detections (${detections.map((d) => d.id).join(', ')})`);
      }
    }
    for (const detection of detections) {
      if (!this.disabled.has(detection.id)) this.addDetection(detection);
    }
    this.node.addValidation({ validate: () => [...this.validateQuotas(), ...this.validateRoutes()] });
    // A validation cannot warn: a read-only aspect reports the silent alarms once every detection is
    // in (and once, however often the app synthesizes).
    let warned = false;
    Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node !== this || warned) return;
        warned = true;
        this.warnSilentAlarms();
      },
    }, { priority: AspectPriority.READONLY });
  }

  /**
   * Adds a metric filter and an alarm for a detection.
   *
   * @param detection the detection
   * @param options the detection's alarm actions
   * @throws Error (`CloudTrailBaselineError`) when a detection with the same ID or metric name was
   * added already, when the alarm name would exceed 255 characters, or when `options.alarmActions`
   * is given for a detection that `DetectionAlarmsProps.detectionAlarmActions` routes already
   */
  public addDetection(detection: Detection, options: AddDetectionOptions = {}): IAlarm {
    kinds.detection('DetectionAlarms.addDetection(detection)', detection);
    checkProps('AddDetectionOptions', options, schemas.AddDetectionOptions());
    if (options.alarmActions && this.detectionActions.has(detection.id)) {
      throw new CloudTrailBaselineError(`DetectionAlarms.addDetection(${detection.id})`,
        'options.alarmActions must not be given for a detection that DetectionAlarmsProps.detectionAlarmActions routes already; give its actions in one place');
    }
    if (this.entries.has(detection.id)) {
      throw new CloudTrailBaselineError(`DetectionAlarms.addDetection(${detection.id})`,
        'detection IDs must be unique within one log group');
    }
    const alarmName = `${this.prefix}${detection.id}-${detection.metricName}`;
    if (alarmName.length > 255) {
      throw new CloudTrailBaselineError(`DetectionAlarms.addDetection(${detection.id})`,
        `the alarm name '${alarmName.slice(0, 60)}...' would be ${alarmName.length} characters; CloudWatch allows 255 (shorten alarmNamePrefix, the detection ID or its metric name)`);
    }
    claimPhysicalName(this, 'CloudWatch alarm', alarmName, 'DetectionAlarmsProps.alarmNamePrefix');
    const sameMetric = [...this.entries.values()].find((e) => e.detection.metricName === detection.metricName);
    if (sameMetric) {
      throw new CloudTrailBaselineError(`DetectionProps.metricName (detection ${detection.id})`,
        `'${detection.metricName}' is already the metric of detection ${sameMetric.detection.id}: two filters would feed one metric and both alarms would fire for either`);
    }
    const scope = new Construct(this, detection.id);
    const filter = new MetricFilter(scope, 'MetricFilter', {
      logGroup: this.logGroup,
      filterPattern: detection.toFilterPattern(),
      metricNamespace: this.namespace,
      metricName: detection.metricName,
      metricValue: '1',
    });
    // Additional patterns feed the same metric, so the one alarm covers them (MetricFilter2, 3...).
    const additionalFilters = detection.additionalFilterPatterns.map((text, i) => new MetricFilter(scope, `MetricFilter${i + 2}`, {
      logGroup: this.logGroup,
      filterPattern: FilterPattern.literal(text),
      metricNamespace: this.namespace,
      metricName: detection.metricName,
      metricValue: '1',
    }));
    const alarm = new Alarm(scope, 'Alarm', {
      alarmName,
      alarmDescription: alarmDescription(detection),
      metric: this.metricOf(detection),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    });
    alarm.node.addDependency(filter, ...additionalFilters);
    const actions = this.expandDefaults(options.alarmActions ?? this.routeOf(detection));
    for (const action of actions) {
      alarm.addAlarmAction(action);
      if (this.notifyOnOk) alarm.addOkAction(action);
    }
    this.entries.set(detection.id, { detection, alarm, filter, additionalFilters, silent: actions.length === 0 });
    return alarm;
  }

  /** A route with `DetectionAlarms.defaultActions()` replaced by `alarmActions`, without repeats. */
  private expandDefaults(route: IAlarmAction[]): IAlarmAction[] {
    const expanded = route.flatMap((a) => (a === DEFAULT_ACTIONS ? this.actions : [a]));
    return expanded.filter((a, i) => expanded.indexOf(a) === i);
  }

  /** The alarms of the detections, in the order the detections were added. */
  public alarms(): IAlarm[] {
    return [...this.entries.values()].map((e) => e.alarm);
  }

  /**
   * A detection added here.
   *
   * @throws Error when no detection with that ID was added
   */
  public detectionFor(detectionId: string): Detection {
    return this.entry(detectionId).detection;
  }

  /** The IDs of the detections with an alarm here. */
  public get detectionIds(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * The alarm of a detection.
   *
   * @throws Error when no detection with that ID was added
   */
  public alarmFor(detectionId: string): IAlarm {
    return this.entry(detectionId).alarm;
  }

  /**
   * The metric of a detection (Sum over 5 minutes).
   *
   * @throws Error when no detection with that ID was added
   */
  public metricFor(detectionId: string): Metric {
    return this.metricOf(this.entry(detectionId).detection);
  }

  /** The metric a detection's filter feeds, as its alarm watches it: Sum over 5 minutes. */
  private metricOf(detection: Detection): Metric {
    return new Metric({ namespace: this.namespace, metricName: detection.metricName, statistic: 'Sum', period: Duration.seconds(300) });
  }

  private entry(detectionId: string) {
    const e = this.entries.get(detectionId);
    if (!e) {
      throw new CloudTrailBaselineError(`DetectionAlarms.alarmFor/metricFor/detectionFor(${detectionId})`,
        `'${detectionId}' has no alarm in ${Names.uniqueId(this)} (it has: ${this.detectionIds.join(', ')})`);
    }
    return e;
  }

  /** The actions of a detection without explicit ones: its own route, its severity's, or the default. */
  private routeOf(detection: Detection): IAlarmAction[] {
    const bySeverity: Record<DetectionSeverity, IAlarmAction[] | undefined> = {
      [DetectionSeverity.CRITICAL]: this.severityActions.critical,
      [DetectionSeverity.HIGH]: this.severityActions.high,
      [DetectionSeverity.MEDIUM]: this.severityActions.medium,
      [DetectionSeverity.LOW]: this.severityActions.low,
    };
    return this.detectionActions.get(detection.id) ?? bySeverity[detection.severity] ?? this.actions;
  }

  private validateRoutes(): string[] {
    return [...this.detectionActions.keys()].filter((id) => !this.entries.has(id)).map((id) =>
      `DetectionAlarmsProps.detectionAlarmActions: '${id}' has no alarm here (${this.disabled.has(id) ? 'it is in disabledDetections' : `the detections are: ${this.detectionIds.join(', ')}`})`);
  }

  private warnSilentAlarms(): void {
    const silent = [...this.entries.values()].filter((e) => e.silent).map((e) => e.detection.id);
    if (silent.length === 0) return;
    Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noAlarmActions',
      `${silent.length} of ${this.entries.size} detection alarms have no alarm action (${silent.join(', ')}): they will change state silently, `
      + 'and Security Hub CloudWatch.1-14 fail without an SNS topic with a subscriber. Set DetectionAlarmsProps.alarmActions, severityAlarmActions or detectionAlarmActions.');
  }

  /**
   * The quotas of the log group, over every metric filter of the stack on it: ours, and those of other
   * constructs (another `DetectionAlarms`, a plain `MetricFilter`) whose log group name resolves to the
   * same value. Filters in other stacks cannot be seen from here.
   */
  private validateQuotas(): string[] {
    const errors: string[] = [];
    const stack = Stack.of(this);
    const logGroupKey = JSON.stringify(stack.resolve(this.logGroup.logGroupName));
    const ours = new Set([...this.entries.values()].flatMap((e) => [e.filter, ...e.additionalFilters].map((f) => f.node.defaultChild)));
    const others = stack.node.findAll()
      .filter((c): c is CfnMetricFilter => c instanceof CfnMetricFilter && !ours.has(c))
      .filter((c) => JSON.stringify(stack.resolve(c.logGroupName)) === logGroupKey)
      .map((c) => ({ id: c.node.path, regexCount: regexCountOf(c.filterPattern) }));
    const all = [
      ...[...this.entries.values()].flatMap((e) => [e.detection._pattern, ...e.detection._additionalPatterns]
        .map((p, i) => ({ id: i === 0 ? e.detection.id : `${e.detection.id} (additional pattern ${i})`, regexCount: p.regexCount }))),
      ...others,
    ];
    const breakdown = others.length > 0 ? ` (${all.length - others.length} metric filters of ${this.entries.size} detections here, ${others.length} other metric filters on the log group)` : '';
    if (all.length > MAX_METRIC_FILTERS_PER_LOG_GROUP) {
      errors.push(`DetectionAlarmsProps.detections (and addDetection()): at most ${MAX_METRIC_FILTERS_PER_LOG_GROUP} metric filters per log group (CloudWatch Logs quota, ${CLOUDWATCH_LOGS_QUOTAS_URL}); got ${all.length}${breakdown}`);
    }
    const regexPatterns = all.filter((d) => d.regexCount > 0);
    if (regexPatterns.length > MAX_REGEX_PATTERNS_PER_LOG_GROUP) {
      errors.push(`DetectionAlarmsProps.detections (and addDetection()): at most ${MAX_REGEX_PATTERNS_PER_LOG_GROUP} filter patterns with regular expressions per log group (CloudWatch Logs quota, ${CLOUDWATCH_LOGS_QUOTAS_URL}); got ${regexPatterns.length}: ${regexPatterns.map((d) => d.id).join(', ')}`);
    }
    return errors;
  }
}

/**
 * How many regular expressions a metric filter's pattern holds: parsed when it is a JSON pattern,
 * otherwise the `%...%` spans of the text pattern (0 for an unresolved token).
 */
function regexCountOf(pattern: string | undefined): number {
  if (!pattern || Token.isUnresolved(pattern)) return 0;
  try {
    return JsonFilterPattern.parse(pattern).regexCount;
  } catch {
    return (pattern.match(/%[^%]+%/g) ?? []).length;
  }
}

/**
 * The alarm description: `<title> [<control IDs>] <description> Remediation: <hint>`, at most
 * 1,024 characters (the CloudWatch quota). The notifier shows it to the responder.
 */
function alarmDescription(d: Detection): string {
  const controls = d.controlIds.length > 0 ? ` [${d.controlIds.join(', ')}]` : '';
  const remediation = d.remediation ? ` Remediation: ${d.remediation}` : '';
  const text = `${d.title}${controls} (severity ${d.severity}). ${d.description}${remediation}`;
  return text.length <= 1024 ? text : `${text.slice(0, 1021)}...`;
}
