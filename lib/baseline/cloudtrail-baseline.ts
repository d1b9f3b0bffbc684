import { Annotations } from 'aws-cdk-lib';
import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AlarmNotifications } from '../alarm-actions/alarm-notifications';
import { Detection } from '../detections/detection';
import { DetectionAlarms } from '../detections/detection-alarms';
import { ILogArchive } from '../log-archive/ilog-archive';
import { LogArchive, LogArchiveProps } from '../log-archive/log-archive';
import { checkTrailName } from '../private/validate';
import { BaselineTrail } from '../trail/baseline-trail';

/**
 * Properties of `CloudTrailBaseline`.
 */
export interface CloudTrailBaselineProps {
  /**
   * The trail name (3-128 letters, digits, `.`, `_`, `-`).
   *
   * @default 'cloudtrail-baseline'
   */
  readonly trailName?: string;

  /**
   * The AWS Organizations ID. When set, the trail is an organization trail (create it in the
   * management account).
   *
   * @default - an account trail
   */
  readonly organizationId?: string;

  /**
   * An existing log archive to deliver to, e.g. the log archive account's, imported with
   * `LogArchive.fromLogArchiveAttributes()` (its own stack must list this trail in
   * `LogArchiveProps.trails`).
   *
   * @default - a new `LogArchive` in this stack, configured with `logArchiveProps`
   */
  readonly logArchive?: ILogArchive;

  /**
   * Properties of the log archive created when `logArchive` is not given.
   *
   * @default - the `LogArchive` defaults
   */
  readonly logArchiveProps?: LogArchiveProps;

  /**
   * How long the CloudWatch Logs copy of the events is kept (at least one year).
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: RetentionDays;

  /**
   * The detections to alarm on.
   *
   * @default Detections.cisAwsFoundations()
   */
  readonly detections?: Detection[];

  /**
   * IDs of detections to turn off, e.g. `['CloudWatch.2']`.
   *
   * @default - none
   */
  readonly disabledDetections?: string[];

  /**
   * Email addresses that receive the readable alarm notifications.
   *
   * @default - none (add subscriptions to `notifications.topic` yourself)
   */
  readonly notificationEmails?: string[];

  /**
   * Whether to deploy the notifier Lambda (readable messages) as an alarm action.
   *
   * @default true
   */
  readonly notifier?: boolean;

  /**
   * A prefix for alarm names; set it when two baselines share an account and region.
   *
   * @default 'cloudtrail-baseline-'
   */
  readonly alarmNamePrefix?: string;

  /**
   * Alarm actions in addition to the topic and the notifier.
   *
   * @default - none
   */
  readonly additionalAlarmActions?: IAlarmAction[];
}

/**
 * The whole CloudTrail baseline in one construct: a multi-region trail (organization or account),
 * its log archive (new, or an existing one in another account), the CIS / Security Hub detections
 * as metric filters and alarms, and the alarm notifications (encrypted topic, email, notifier).
 *
 * Two set-ups:
 * - everything in one account: leave `logArchive` unset;
 * - a management account pointed at the log archive account's archive: pass `organizationId` and
 *   `logArchive: LogArchive.fromLogArchiveAttributes(...)`.
 */
export class CloudTrailBaseline extends Construct {
  /** The log archive the trail delivers to. */
  public readonly logArchive: ILogArchive;
  /** The trail. */
  public readonly trail: BaselineTrail;
  /** The alarm topic, its key and the notifier. */
  public readonly notifications: AlarmNotifications;
  /** The metric filters and alarms of the detections. */
  public readonly detections: DetectionAlarms;

  constructor(scope: Construct, id: string, props: CloudTrailBaselineProps = {}) {
    super(scope, id);
    if (props.trailName !== undefined) checkTrailName('CloudTrailBaselineProps.trailName', props.trailName);
    this.logArchive = props.logArchive ?? new LogArchive(this, 'LogArchive', props.logArchiveProps);
    this.trail = new BaselineTrail(this, 'Trail', {
      trailName: props.trailName ?? 'cloudtrail-baseline',
      isOrganizationTrail: props.organizationId !== undefined,
      organizationId: props.organizationId,
      logArchive: this.logArchive,
      cloudWatchLogsRetention: props.cloudWatchLogsRetention,
    });
    this.notifications = new AlarmNotifications(this, 'Notifications', {
      emailAddresses: props.notificationEmails,
      notifier: props.notifier,
      cloudTrailLogGroupName: this.trail.logGroup.logGroupName,
    });
    this.detections = new DetectionAlarms(this, 'Detections', {
      logGroup: this.trail.logGroup,
      detections: props.detections,
      disabledDetections: props.disabledDetections,
      alarmNamePrefix: props.alarmNamePrefix,
      alarmActions: [...this.notifications.alarmActions, ...(props.additionalAlarmActions ?? [])],
    });
    if ((props.notificationEmails ?? []).length === 0) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noAlarmSubscriber',
        'CloudTrailBaselineProps.notificationEmails is empty: until the alarm topic has a confirmed subscriber, nobody is told when a detection fires, '
        + 'and Security Hub CloudWatch.1-14 fail. Subscribe to notifications.topic yourself, or acknowledge this warning.');
    }
  }
}
