import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LOG_ARCHIVE, ORGANIZATION, ORGANIZATION_TRAIL, PAGING_ENDPOINT } from './organization';
import { AlarmNotifications, CloudTrailBaseline, DetectionAlarms, LogArchive } from '../../lib';

/** The log archive account's stack: the bucket and key the organization trail writes to. */
export class LogArchiveStack extends Stack {
  public readonly logArchive: LogArchive;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.logArchive = new LogArchive(this, 'LogArchive', {
      bucketName: LOG_ARCHIVE.bucketName,
      accessLogsBucketName: LOG_ARCHIVE.accessLogsBucketName,
      encryptionKeyAlias: LOG_ARCHIVE.encryptionKeyAlias,
      trails: [ORGANIZATION_TRAIL],
    });
  }
}

/**
 * The management account's stack: the organization trail, its detections and notifications.
 * Critical detections (root user activity) also page the on-call engineer; every detection is
 * emailed with the notifier's readable message.
 */
export class ManagementStack extends Stack {
  public readonly baseline: CloudTrailBaseline;
  /** The paging route: an encrypted topic with the incident tool's HTTPS endpoint. */
  public readonly paging: AlarmNotifications;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    // The incident tool's CloudWatch integration reads CloudWatch's raw alarm JSON: no notifier.
    this.paging = new AlarmNotifications(this, 'Paging', {
      notifier: false,
      httpsEndpoints: [PAGING_ENDPOINT],
    });
    this.baseline = new CloudTrailBaseline(this, 'Baseline', {
      // The same description as the log archive stack's: name, organization, owner, region.
      trail: ORGANIZATION_TRAIL,
      logArchive: LogArchive.fromLogArchiveAttributes(this, 'LogArchive', {
        bucketName: LOG_ARCHIVE.bucketName,
        accessLogsBucketName: LOG_ARCHIVE.accessLogsBucketName,
        encryptionKeyArn: LOG_ARCHIVE.encryptionKeyArn,
        // The log archive stack lists the same description in LogArchiveProps.trails.
        allowedTrails: [ORGANIZATION_TRAIL],
      }),
      notificationEmails: ['security-alerts@example.com'],
      // Critical detections also page (on top of the default email and notifier); the rest email.
      severityAlarmActions: { critical: [DetectionAlarms.defaultActions(), ...this.paging.alarmActions] },
      // Root use, sign-in without MFA, trail and KMS key changes in the management account are
      // notified within seconds too (EventBridge); member accounts rely on the alarms.
      fastPath: true,
    });
  }
}

/** Adds the landing zone's two stacks to an app. */
export function addLandingZone(app: App): { logArchive: LogArchiveStack; management: ManagementStack } {
  const logArchive = new LogArchiveStack(app, 'LogArchive', {
    env: { account: ORGANIZATION.logArchiveAccountId, region: ORGANIZATION.region },
    description: 'CloudTrail log archive of the organization (cdk-cloudtrail-baseline example)',
  });
  const management = new ManagementStack(app, 'Management', {
    env: { account: ORGANIZATION.managementAccountId, region: ORGANIZATION.region },
    description: 'Organization trail, CIS detections and alarm notifications (cdk-cloudtrail-baseline example)',
  });
  return { logArchive, management };
}
