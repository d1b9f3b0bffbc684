import { Annotations, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudTrailBaselineProps } from './cloudtrail-baseline-props';
import { AlarmNotifications } from '../alarm-actions/alarm-notifications';
import { DEFAULT_ACTIONS } from '../detections/default-actions';
import { DetectionAlarms } from '../detections/detection-alarms';
import { checkArchivePlace } from '../evidence/archive-place';
import { DigestValidator } from '../evidence/digest-validator';
import { DetectionFastPath } from '../fast-path/detection-fast-path';
import { ILogArchive } from '../log-archive/ilog-archive';
import { LogArchive } from '../log-archive/log-archive';
import { BaselineMonitoring } from '../monitoring/baseline-monitoring';
import { heartbeatPeriods } from '../monitoring/heartbeat-window';
import { CloudTrailBaselineError } from '../private/errors';
import { claimPhysicalName } from '../private/physical-names';
import { checkNoDuplicates, checkProps, requireLiteral } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAlarmNamePrefix } from '../private/validate';
import { checkArchiveNotSelected } from '../trail/archive-selection';
import { BaselineTrail } from '../trail/baseline-trail';
import { resolveTrailDescription } from '../trail/trail-identity';

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
