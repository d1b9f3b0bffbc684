import { CfnRule, EventPattern, IEventBus, IRule, IRuleTarget, Rule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { IAlarmNotifications } from '../alarm-actions/ialarm-notifications';
import { Detection } from '../detections/detection';
import { eventPatternCopy, FAST_PATH_PATTERNS, SUPPORTED_FAST_PATH_IDS } from '../detections/event-patterns';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';

/**
 * Properties of `DetectionFastPath`.
 */
export interface DetectionFastPathProps {
  /**
   * The detections to act on within seconds. Only catalog detections whose filter pattern has an
   * exact EventBridge equivalent are supported: `CloudWatch.1` (root user activity),
   * `CloudWatch.3` (console sign-in without MFA), `CloudWatch.5` (CloudTrail configuration
   * changes) and `CloudWatch.7` (KMS key disabled or scheduled for deletion); see
   * `DetectionFastPath.SUPPORTED_DETECTION_IDS`.
   *
   * @throws when empty, when an ID repeats, when a detection's ID is not supported, or when its
   * filter pattern is not the catalog's
   */
  readonly detections: Detection[];

  /**
   * The baseline's alarm notifications: each rule gets the target of
   * `notifications.ruleTargetFor(detection)`. For an `AlarmNotifications` with its notifier, the
   * rules invoke the notifier, which publishes a readable one-event notification to the topic
   * (with the message attribute email subscriptions filter on) and posts it to its chat webhooks;
   * without it, the rules publish a readable message to the topic (input transformer).
   * Undeliverable events go to its dead-letter queue.
   *
   * @default - only `targets`
   */
  readonly notifications?: IAlarmNotifications;

  /**
   * Further targets of every rule (they receive the EventBridge event unchanged unless the
   * target sets its input).
   *
   * @default - only the targets from `notifications`
   * @throws (with `notifications`) when neither gives a target
   */
  readonly targets?: IRuleTarget[];

  /**
   * The event bus of the rules. CloudTrail delivers its events to the default bus of the account
   * and region where the call happened; another bus sees them only if they are forwarded to it.
   *
   * @default - the default event bus
   */
  readonly eventBus?: IEventBus;
}

/**
 * The EventBridge fast path of the detections that cannot wait: one EventBridge rule per
 * detection, whose event pattern is equivalent to the detection's CloudWatch Logs filter pattern,
 * targeting the same alarm actions. A notification arrives seconds after the call instead of
 * minutes (CloudTrail to CloudWatch Logs, then the alarm period).
 *
 * What it does not do (see README "EventBridge fast path"):
 * - A rule sees only the events of the account and region it is deployed in (CloudTrail delivers
 *   to EventBridge there); an organization trail's metric filters see every account and region.
 *   Deploy it in every account and region to watch (e.g. CloudFormation StackSets); sign-in and
 *   IAM events of global endpoints arrive in us-east-1.
 * - One notification per event, no alarm state: it complements the metric filters and alarms,
 *   which Security Hub CloudWatch.1-14 still require.
 *
 * The root user rule is in state `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`, so that it
 * receives read-only calls (`Describe*`, `Get*`, `List*`) as the filter pattern does.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
 */
export class DetectionFastPath extends Construct {
  /** The detection IDs the fast path supports. */
  public static readonly SUPPORTED_DETECTION_IDS: string[] = [...SUPPORTED_FAST_PATH_IDS];

  /**
   * Whether a detection has a fast path: a supported ID (`SUPPORTED_DETECTION_IDS`) and the
   * catalog's filter pattern, byte for byte (the event patterns are equivalent to those texts).
   */
  public static supports(detection: Detection): boolean {
    return detection._fastPath !== undefined;
  }

  /** The rules, one per detection, in the order of `DetectionFastPathProps.detections`. */
  public readonly rules: IRule[];

  private readonly rulesById = new Map<string, IRule>();

  /**
   * @throws when a detection is not supported or repeats, when `detections` is empty, or when
   * there is no target
   */
  constructor(scope: Construct, id: string, props: DetectionFastPathProps) {
    super(scope, id);
    checkProps('DetectionFastPathProps', props, schemas.DetectionFastPathProps(), ['detections']);
    if (props.detections.length === 0) {
      throw new CloudTrailBaselineError('DetectionFastPathProps.detections', 'must hold at least one detection');
    }
    const seen = new Set<string>();
    for (const d of props.detections) {
      if (!FAST_PATH_PATTERNS[d.id]) {
        throw new CloudTrailBaselineError('DetectionFastPathProps.detections',
          `'${d.id}' has no EventBridge fast path; supported detection IDs: ${SUPPORTED_FAST_PATH_IDS.join(', ')}`);
      }
      if (d._fastPath === undefined) {
        throw new CloudTrailBaselineError('DetectionFastPathProps.detections',
          `'${d.id}' has a filter pattern other than the catalog's, to which the fast path's event pattern is equivalent; give the catalog detection (Detections)`);
      }
      if (seen.has(d.id)) {
        throw new CloudTrailBaselineError('DetectionFastPathProps.detections', `'${d.id}' is listed twice`);
      }
      seen.add(d.id);
    }
    if (!props.notifications && (props.targets ?? []).length === 0) {
      throw new CloudTrailBaselineError('DetectionFastPathProps.targets', 'must hold at least one target when DetectionFastPathProps.notifications is not set');
    }

    this.rules = props.detections.map((detection) => {
      const entry = detection._fastPath!;
      const pattern = eventPatternCopy(entry);
      const rule = new Rule(this, detection.id.replace(/[^A-Za-z0-9]/g, ''), {
        eventBus: props.eventBus,
        description: `${detection.title} [${detection.controlIds.join(', ')}]: EventBridge fast path (cdk-cloudtrail-baseline)`,
        eventPattern: toEventPattern(pattern),
      });
      if (entry.readOnlyManagementEvents) {
        (rule.node.defaultChild as CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
      }
      if (props.notifications) rule.addTarget(props.notifications.ruleTargetFor(detection));
      for (const target of props.targets ?? []) rule.addTarget(target);
      this.rulesById.set(detection.id, rule);
      return rule;
    });
  }

  /**
   * The rule of a detection.
   *
   * @throws when the detection is not in `DetectionFastPathProps.detections`
   */
  public ruleFor(detectionId: string): IRule {
    const rule = this.rulesById.get(detectionId);
    if (!rule) {
      throw new CloudTrailBaselineError('DetectionFastPath.ruleFor(detectionId)', `'${detectionId}' is not one of this fast path's detections (${[...this.rulesById.keys()].join(', ')})`);
    }
    return rule;
  }
}

/** The internal JSON pattern as the aws-cdk-lib `EventPattern` (which renders `detailType` as `detail-type`). */
function toEventPattern(pattern: { [key: string]: unknown }): EventPattern {
  // The internal patterns use only these three keys (test/fast-path checks the rendered rules).
  const { 'detail-type': detailType, detail, source } = pattern as any;
  return {
    ...(detailType ? { detailType } : {}),
    ...(source ? { source } : {}),
    ...(detail ? { detail } : {}),
  };
}
