import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import { InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmNotifications, AlarmNotificationsOptions } from '../alarm-actions/alarm-notifications';
import { DetectionAlarmActions, SeverityAlarmActions } from '../detections/alarm-routing';
import { DEFAULT_ACTIONS } from '../detections/default-actions';
import { Detection } from '../detections/detection';
import { DetectionAlarms } from '../detections/detection-alarms';
import { checkArchivePlace } from '../evidence/archive-place';
import { DigestValidator } from '../evidence/digest-validator';
import { DetectionFastPath } from '../fast-path/detection-fast-path';
import { ILogArchive } from '../log-archive/ilog-archive';
import { LogArchive } from '../log-archive/log-archive';
import { LogArchiveProps } from '../log-archive/log-archive-props';
import { BaselineMonitoring } from '../monitoring/baseline-monitoring';
import { heartbeatPeriods } from '../monitoring/heartbeat-window';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { claimPhysicalName } from '../private/physical-names';
import { checkNoDuplicates, checkProps, requireLiteral } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAlarmNamePrefix } from '../private/validate';
import { checkArchiveNotSelected } from '../trail/archive-selection';
import { BaselineTrail } from '../trail/baseline-trail';
import { DataEvents, ManagementEventsOptions } from '../trail/event-selectors';
import { NetworkActivityEvents } from '../trail/network-activity-events';
import { DataEventsAggregation, InsightEventCategory } from '../trail/trail-event-options';
import { resolveTrailDescription } from '../trail/trail-identity';

/**
 * Properties of `CloudTrailBaseline`.
 */
export interface CloudTrailBaselineProps {
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
   * An SNS topic notified when CloudTrail delivers a log file (see
   * `BaselineTrailProps.deliveryNotificationTopic`).
   *
   * @default - no delivery notifications
   */
  readonly deliveryNotificationTopic?: ITopic;

  /**
   * Which management events the trail logs (see `BaselineTrailProps.managementEvents`). Anything
   * but all of them blinds some of the detections.
   *
   * @default - all read and write management events
   */
  readonly managementEvents?: ManagementEventsOptions;

  /**
   * Data events to log (see `BaselineTrailProps.dataEvents`); S3 selections always exclude the log
   * archive's buckets.
   *
   * @default - no data events
   */
  readonly dataEvents?: DataEvents[];

  /**
   * CloudTrail Insights types to enable (see `BaselineTrailProps.insightTypes`).
   *
   * @default - no Insights
   */
  readonly insightTypes?: InsightType[];

  /**
   * The events the Insights types analyse (see `BaselineTrailProps.insightEventCategories`);
   * `DATA` needs `dataEvents`.
   *
   * @default - management events only
   */
  readonly insightEventCategories?: InsightEventCategory[];

  /**
   * Network activity events to log, e.g. `NetworkActivityEvents.vpceAccessDenied([...])` (see
   * `BaselineTrailProps.networkActivityEvents`); billed as data events. Add
   * `Detections.vpcEndpointAccessDenied()` to `detections` to alarm on the denials.
   *
   * @default - no network activity events
   */
  readonly networkActivityEvents?: NetworkActivityEvents[];

  /**
   * Aggregate the trail's data events into 5-minute summaries (see
   * `BaselineTrailProps.dataEventsAggregations`); needs `dataEvents`.
   *
   * @default - no aggregation
   */
  readonly dataEventsAggregations?: DataEventsAggregation[];

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

/**
 * The whole CloudTrail baseline in one construct: a multi-region trail (organization or account),
 * its log archive (new, or an existing one in another account), the CIS / Security Hub detections
 * as metric filters and alarms, the alarm notifications (encrypted topic, subscriptions, notifier,
 * chat), and the baseline's own monitoring (heartbeat, notifier and dead-letter alarms, dashboard).
 *
 * Two set-ups:
 * - everything in one account: leave `logArchive` unset;
 * - a management account (or CloudTrail delegated administrator account) pointed at the log
 *   archive account's archive: pass the organization trail's shared description as `trail` (or
 *   `organizationId`) and `logArchive: LogArchive.fromLogArchiveAttributes(...)`.
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
  /** The baseline's own alarms and dashboard, unless `monitoring` is false. */
  public readonly monitoring?: BaselineMonitoring;
  /** The EventBridge fast path, when `fastPath` is true. */
  public readonly fastPath?: DetectionFastPath;
  /** The continuous digest validation, when `digestValidation` is on. */
  public readonly digestValidator?: DigestValidator;

  constructor(scope: Construct, id: string, props: CloudTrailBaselineProps = {}) {
    super(scope, id);
    checkProps('CloudTrailBaselineProps', props, schemas.CloudTrailBaselineProps());
    checkNoDuplicates('CloudTrailBaselineProps.insightTypes', props.insightTypes, (t) => t.value, 'Insights type');
    checkNoDuplicates('CloudTrailBaselineProps.notificationEmails', props.notificationEmails, (e) => e.toLowerCase(), 'email address');
    if (props.logArchive !== undefined && props.logArchiveProps !== undefined) {
      throw new CloudTrailBaselineError('CloudTrailBaselineProps.logArchiveProps',
        'must not be combined with CloudTrailBaselineProps.logArchive: logArchiveProps configures the archive this construct creates when logArchive is not given, '
        + 'so with logArchive it would be ignored. Configure the existing archive in its own stack, or drop logArchive');
    }
    // Checked here too so that the error names the property the caller set.
    checkAlarmNamePrefix('CloudTrailBaselineProps.alarmNamePrefix', props.alarmNamePrefix);
    (props.disabledDetections ?? []).forEach((d, i) => requireLiteral(`CloudTrailBaselineProps.disabledDetections[${i}]`, d,
      'the IDs are matched against the detections at synth time'));
    if (props.heartbeatWindow !== undefined && props.monitoring !== false) heartbeatPeriods('CloudTrailBaselineProps.heartbeatWindow', props.heartbeatWindow);
    if (props.logArchive !== undefined) checkArchiveNotSelected(props.logArchive, props.dataEvents, Stack.of(this), 'CloudTrailBaselineProps.dataEvents');
    const description = resolveTrailDescription(Stack.of(this), props.trail !== undefined
      ? { description: props.trail, trailName: props.trailName, organizationId: props.organizationId }
      : { trailName: props.trailName ?? 'cloudtrail-baseline', isOrganizationTrail: props.organizationId !== undefined, organizationId: props.organizationId },
    'CloudTrailBaselineProps', 'trail');
    claimPhysicalName(this, 'CloudTrail trail', description.trailName, props.trail ? 'CloudTrailBaselineProps.trail' : 'CloudTrailBaselineProps.trailName');
    warnDeprecated(this, props);
    let ownArchive: LogArchive | undefined;
    if (props.logArchive === undefined) {
      ownArchive = new LogArchive(this, 'LogArchive', props.logArchiveProps);
      this.logArchive = ownArchive;
    } else {
      this.logArchive = props.logArchive;
    }
    this.trail = new BaselineTrail(this, 'Trail', {
      description,
      logArchive: this.logArchive,
      cloudWatchLogsRetention: props.cloudWatchLogsRetention,
      deliveryNotificationTopic: props.deliveryNotificationTopic,
      managementEvents: props.managementEvents,
      dataEvents: props.dataEvents,
      insightTypes: props.insightTypes,
      insightEventCategories: props.insightEventCategories,
      networkActivityEvents: props.networkActivityEvents,
      dataEventsAggregations: props.dataEventsAggregations,
    });
    const options = props.notificationOptions ?? {};
    for (const [shortcut, option] of [['notificationEmails', 'emailAddresses'], ['notifier', 'notifier']] as const) {
      if (props[shortcut] !== undefined && options[option] !== undefined) {
        throw new CloudTrailBaselineError(`CloudTrailBaselineProps.${shortcut}`,
          `must not be combined with CloudTrailBaselineProps.notificationOptions.${option}; give one of them`);
      }
    }
    if (props.monitoring === false && props.heartbeatWindow !== undefined) {
      throw new CloudTrailBaselineError('CloudTrailBaselineProps.heartbeatWindow', 'needs the monitoring, but CloudTrailBaselineProps.monitoring is false');
    }
    this.notifications = new AlarmNotifications(this, 'Notifications', {
      ...options,
      emailAddresses: props.notificationEmails ?? options.emailAddresses,
      notifier: props.notifier ?? options.notifier,
      // Only the notifier reads the log group (AlarmNotificationsProps refuses it without one).
      cloudTrailLogGroup: (props.notifier ?? options.notifier) === false ? undefined : this.trail.logGroup,
    });
    const alarmActions = [...this.notifications.alarmActions, ...(props.additionalAlarmActions ?? [])];
    // The archive's MFA delete alarm (TamperProtection.mfaDelete()) goes to the same actions,
    // unless logArchiveProps.alarmActions routes it elsewhere.
    if (ownArchive?.mfaDeleteAlarm && !props.logArchiveProps?.alarmActions?.length) ownArchive.addMfaDeleteAlarmActions(...alarmActions);
    this.detections = new DetectionAlarms(this, 'Detections', {
      logGroup: this.trail.logGroup,
      detections: props.detections,
      disabledDetections: props.disabledDetections,
      alarmNamePrefix: props.alarmNamePrefix,
      alarmActions,
      severityAlarmActions: props.severityAlarmActions,
      detectionAlarmActions: props.detectionAlarmActions,
    });
    if (props.monitoring ?? true) {
      this.monitoring = new BaselineMonitoring(this, 'Monitoring', {
        trailLogGroup: this.trail.logGroup,
        detectionAlarms: this.detections,
        notifications: this.notifications,
        alarmActions,
        heartbeatWindow: props.heartbeatWindow,
        alarmNamePrefix: props.alarmNamePrefix,
      });
    }
    if (props.fastPath) {
      const supported = this.detections.detectionIds.filter((d) => DetectionFastPath.supports(this.detections.detectionFor(d)));
      if (supported.length === 0) {
        throw new CloudTrailBaselineError('CloudTrailBaselineProps.fastPath',
          `needs at least one enabled detection with a fast path (${DetectionFastPath.SUPPORTED_DETECTION_IDS.join(', ')})`);
      }
      this.fastPath = new DetectionFastPath(this, 'FastPath', {
        detections: supported.map((d) => this.detections.detectionFor(d)),
        notifications: this.notifications,
      });
      if (this.trail.description.isOrganizationTrail) {
        Annotations.of(this).addInfo(
          'The EventBridge fast path sees only the calls made in this account and region; the organization trail\'s alarms cover every account and region. '
          + 'OrganizationFastPath deploys it to the member accounts and regions (a StackSet forwarding to a central bus).');
      }
    }
    if (props.digestValidation ?? props.logArchive === undefined) {
      checkArchivePlace('CloudTrailBaselineProps.digestValidation', this.logArchive, Stack.of(this));
      // The critical route of the detections, with DetectionAlarms.defaultActions() expanded.
      const critical = props.severityAlarmActions?.critical?.flatMap((a) => (a === DEFAULT_ACTIONS ? alarmActions : [a])) ?? alarmActions;
      this.digestValidator = new DigestValidator(this, 'DigestValidator', {
        logArchive: this.logArchive,
        encryptionKey: this.trail.logGroupEncryptionKey,
        alarmActions: critical.filter((a, i) => critical.indexOf(a) === i),
      });
    }
    const subscribers = [options.emailAddresses, props.notificationEmails, options.httpsEndpoints, options.sqsQueues, options.lambdaSubscribers]
      .reduce((n, list) => n + (list?.length ?? 0), 0);
    if (subscribers === 0 && options.topic === undefined) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noAlarmSubscriber',
        'CloudTrailBaselineProps.notificationEmails is empty and notificationOptions has no subscriber: until the alarm topic has a confirmed subscriber, '
        + 'nobody is told when a detection fires (chat webhooks are not topic subscribers), and Security Hub CloudWatch.1-14 fail. '
        + 'Subscribe to notifications.topic yourself, or acknowledge this warning.');
    }
  }
}

/** The deprecated properties of `CloudTrailBaselineProps` and what replaces each. */
const DEPRECATED = {
  trailName: 'give CloudTrailBaselineProps.trail instead (TrailDescription.accountTrail({ accountId, region, trailName }))',
  organizationId: 'give CloudTrailBaselineProps.trail instead (TrailDescription.organizationTrail({ organizationId, managementAccountId, region, trailName }))',
  notifier: 'use CloudTrailBaselineProps.notificationOptions.notifier',
} as const;

/** One `deprecatedProperty` warning per deprecated property that is set; they still work. */
function warnDeprecated(scope: Construct, props: CloudTrailBaselineProps): void {
  for (const [property, replacement] of Object.entries(DEPRECATED)) {
    if (props[property as keyof typeof DEPRECATED] === undefined) continue;
    Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:deprecatedProperty',
      `CloudTrailBaselineProps.${property} is deprecated and will be removed in a future release; it still works: ${replacement}.`);
  }
}
