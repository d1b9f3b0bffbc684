import { Duration } from 'aws-cdk-lib';
import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmNotificationsOptions } from '../alarm-actions/alarm-notifications';
import { DetectionAlarmActions, SeverityAlarmActions } from '../detections/alarm-routing';
import { Detection } from '../detections/detection';
import { ILogArchive } from '../log-archive/ilog-archive';
import { LogArchiveProps } from '../log-archive/log-archive-props';
import { TrailDescription } from '../organization/trail-description';
import { TrailOptions } from '../trail/trail-options';

/**
 * Properties of `CloudTrailBaseline`.
 */
export interface CloudTrailBaselineProps extends TrailOptions {
  /**
   * The trail, described once and shared with the log archive's stack (e.g. the landing zone's
   * organization trail). Its region must be this stack's region; for an account trail its owner
   * must be this stack's account. An organization trail whose management account is not this
   * stack's account is created from a CloudTrail delegated administrator account (see
   * `BaselineTrail`). An alternative to `trailName` and `organizationId`.
   *
   * @default - an account trail named `trailName`, or an organization trail of `organizationId`
   * @throws when combined with `trailName` or `organizationId`, or when its region or (account
   * trail) owner differs from this stack's
   */
  readonly trail?: TrailDescription;

  /**
   * The trail name (3-128 letters, digits, `.`, `_`, `-`). Not with `trail`.
   *
   * @default 'cloudtrail-baseline'
   * @deprecated give `trail` instead, e.g. `TrailDescription.accountTrail({ accountId:
   * Stack.of(this).account, region: Stack.of(this).region, trailName })`: the same trail, described
   * once (synth warns `deprecatedProperty`)
   */
  readonly trailName?: string;

  /**
   * The AWS Organizations ID. When set, the trail is an organization trail (create it in the
   * management account). Not with `trail`.
   *
   * @default - an account trail
   * @deprecated give `trail` instead, `TrailDescription.organizationTrail({ organizationId,
   * managementAccountId, region, trailName })`, the description the log archive's stack lists
   * too (synth warns `deprecatedProperty`)
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
   * Email addresses that receive the readable alarm notifications. A shortcut for
   * `notificationOptions.emailAddresses`; not with it. Kept (unlike the deprecated `notifier`
   * shortcut) because it is the one setting nearly every baseline needs; this construct alone
   * checks that only one of the two is given.
   *
   * @default - none (add subscriptions to `notifications.topic` yourself)
   * @throws when `notificationOptions.emailAddresses` is set too
   */
  readonly notificationEmails?: string[];

  /**
   * Whether to deploy the notifier Lambda (readable messages) as an alarm action. A shortcut for
   * `notificationOptions.notifier`; not with it.
   *
   * @default true
   * @throws when `notificationOptions.notifier` is set too
   * @deprecated use `notificationOptions.notifier` (the same switch; `notifications.notifier` is
   * the function it deploys). Synth warns `deprecatedProperty`
   */
  readonly notifier?: boolean;

  /**
   * The alarm notifications: an existing topic, HTTPS, SQS and Lambda subscribers, chat webhooks,
   * the number of CloudTrail events per notification (see `AlarmNotificationsOptions`).
   *
   * @default - a new encrypted topic, the notifier, and the subscriptions of `notificationEmails`
   */
  readonly notificationOptions?: AlarmNotificationsOptions;

  /**
   * Alarm actions per detection severity; they replace the default actions (the topic, the
   * notifier and `additionalAlarmActions`) for the detections of that severity, e.g.
   * `{ critical: [new SnsAction(pagingTopic)] }` to page on critical detections only and email the
   * rest. The replacement is whole; to add to the defaults instead, put
   * `DetectionAlarms.defaultActions()` in the list, e.g.
   * `{ critical: [DetectionAlarms.defaultActions(), new SnsAction(pagingTopic)] }`.
   *
   * @default - every severity uses the default actions
   */
  readonly severityAlarmActions?: SeverityAlarmActions;

  /**
   * Alarm actions of individual detections; they replace their severity's and the default actions.
   *
   * @default - none
   * @throws at synth when an ID has no alarm (unknown or in `disabledDetections`)
   */
  readonly detectionAlarmActions?: DetectionAlarmActions[];

  /**
   * Whether to watch the baseline itself (`BaselineMonitoring`): a heartbeat alarm on the trail's
   * log group, alarms on the notifier's errors and the dead-letter queue, and a dashboard.
   *
   * @default true
   */
  readonly monitoring?: boolean;

  /**
   * How long the trail's log group may receive no event before the heartbeat alarm fires (see
   * `BaselineMonitoringProps.heartbeatWindow`). Needs `monitoring`.
   *
   * @default Duration.hours(1)
   * @throws when not a whole multiple of 5 minutes up to 24 hours, or with `monitoring: false`
   */
  readonly heartbeatWindow?: Duration;

  /**
   * A prefix for alarm names; set it when two baselines share an account and region.
   *
   * @default 'cloudtrail-baseline-'
   */
  readonly alarmNamePrefix?: string;

  /**
   * Alarm actions in addition to the topic and the notifier, for every detection without a
   * severity or detection route, and for the monitoring alarms.
   *
   * @default - none
   */
  readonly additionalAlarmActions?: IAlarmAction[];

  /**
   * Whether to add the EventBridge fast path (`DetectionFastPath`) of the baseline's detections
   * that have one (root user activity CloudWatch.1, console sign-in without MFA CloudWatch.3,
   * CloudTrail changes CloudWatch.5, KMS key disable or deletion CloudWatch.7; those disabled by
   * `disabledDetections`, or given in `detections` with another filter pattern, are left out): a
   * notification seconds after the call, to the same alarm
   * actions (the notifier, or the topic without it).
   *
   * Off by default: it sees only the calls of this stack's account and region (an organization
   * trail's alarms see every account and region), and it sends one more notification per event
   * on top of the alarm. Deploy `DetectionFastPath` in the other accounts and regions to watch
   * (e.g. with StackSets).
   *
   * @default false
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
   */
  readonly fastPath?: boolean;

  /**
   * Whether to check every new digest file as it arrives (`DigestValidator`): its signature, its
   * link to the previous digest and the hashes of its log files, with alarms routed to the
   * critical alarm actions (`severityAlarmActions.critical`, else the default actions). The trail
   * always has log file validation on.
   *
   * On by default when this construct creates the archive. Opt-in with `logArchive`: the imported
   * archive's bucket must be in this stack's account and region and send events to EventBridge
   * (its owner enables it; a `LogArchive` does). For an archive in another account, deploy
   * `DigestValidator` in the archive's stack instead.
   *
   * @default - true without `logArchive`, false with it
   * @throws when true with an imported archive of another known account or region
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
   */
  readonly digestValidation?: boolean;
}
