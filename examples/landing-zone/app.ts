import { App, CfnElement, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  BREAK_GLASS_ROLE_ARN, LOG_ARCHIVE, MEMBER_ACCOUNT_CONTROLS, MEMBER_ACCOUNT_TRAILS, MemberAccountControls, ORGANIZATION, ORGANIZATION_TRAIL,
  PAGING_ENDPOINT,
} from './organization';
import {
  AlarmNotifications, ArchiveQueries, CentralDetectionFindings, CloudTrailBaseline, DataEvents, DetectionAlarms, Detections, DigestValidator,
  LogArchive,
  MemberAccountDetections, NetworkActivityEvents, NetworkActivityEventSource, OrganizationFastPath,
  OrganizationGuardrails, TrailDescription, TrailLoggingRemediation,
} from '../../lib';

/** The deterministic names both stacks of the landing zone share (see `LOG_ARCHIVE`). */
export interface LogArchiveNames {
  readonly bucketName: string;
  readonly accessLogsBucketName: string;
  readonly encryptionKeyAlias: string;
  readonly encryptionKeyArn: string;
}

/**
 * The landing zone's stack props. The trail and names default to the organization's
 * (`ORGANIZATION_TRAIL`, `LOG_ARCHIVE`); the integration test (integ/integ.landing-zone.ts) deploys
 * both stacks into one sandbox account with an account trail and account-relative names.
 */
export interface LandingZoneStackProps extends StackProps {
  /** @default ORGANIZATION_TRAIL */
  readonly trail?: TrailDescription;
  /** @default LOG_ARCHIVE */
  readonly logArchiveNames?: LogArchiveNames;
  /**
   * The organization-wide parts (guardrails, the member fast path's StackSet, remediation), which
   * need an organization: off in the one-account integration test.
   *
   * @default true
   */
  readonly organizationScale?: boolean;
  /**
   * How Security Hub's CloudWatch.1-14 are answered in member accounts. With
   * `'per-account-detections'` the archive also admits the member-account trails.
   *
   * @default MEMBER_ACCOUNT_CONTROLS
   */
  readonly memberAccountControls?: MemberAccountControls;
}

/** The trails that deliver to the archive: the organization trail and, if chosen, the member accounts' own. */
function archiveTrails(props: LandingZoneStackProps): TrailDescription[] {
  const perAccount = (props.memberAccountControls ?? MEMBER_ACCOUNT_CONTROLS) === 'per-account-detections';
  return [props.trail ?? ORGANIZATION_TRAIL, ...(perAccount && props.organizationScale !== false ? [MEMBER_ACCOUNT_TRAILS] : [])];
}

/**
 * The log archive account's stack: the bucket and key the organization trail writes to, and the
 * continuous validation of its digest files (S3 sends the archive's events to this account's
 * EventBridge), which pages and emails when a digest or log file is invalid or missing.
 */
export class LogArchiveStack extends Stack {
  public readonly logArchive: LogArchive;
  public readonly digestValidator: DigestValidator;
  /** Athena over the archive: the table, the workgroup and the named queries (organization trails). */
  public readonly history?: ArchiveQueries;
  /** The archive's own critical route: the incident tool's endpoint and the security email. */
  public readonly paging: AlarmNotifications;

  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id, props);
    const names = props.logArchiveNames ?? LOG_ARCHIVE;
    this.logArchive = new LogArchive(this, 'LogArchive', {
      bucketName: names.bucketName,
      accessLogsBucketName: names.accessLogsBucketName,
      encryptionKeyAlias: names.encryptionKeyAlias,
      trails: archiveTrails(props),
    });
    this.paging = new AlarmNotifications(this, 'Paging', {
      notifier: false,
      httpsEndpoints: [PAGING_ENDPOINT],
      emailAddresses: ['security-alerts@example.com'],
    });
    this.digestValidator = new DigestValidator(this, 'DigestValidator', {
      logArchive: this.logArchive,
      encryptionKey: this.logArchive.encryptionKey,
      alarmActions: this.paging.alarmActions,
    });
    // The history (organization trail only): Athena over the archive where it lies, with a named query
    // per detection and the investigations; the security tooling account's responders assume the analyst role.
    const trail = props.trail ?? ORGANIZATION_TRAIL;
    if (trail.organizationId === undefined) return;
    this.history = new ArchiveQueries(this, 'History', {
      logArchive: this.logArchive,
      organizationId: trail.organizationId,
      accounts: [ORGANIZATION.managementAccountId, ORGANIZATION.logArchiveAccountId, ORGANIZATION.securityToolingAccountId],
      regions: [...ORGANIZATION.regions],
      projectionStartDate: '2026/01/01',
      serverAccessLogsBucket: this.logArchive.accessLogsBucket,
    });
    const analyst = new Role(this, 'HistoryAnalyst', {
      roleName: 'cloudtrail-history-analyst',
      assumedBy: new AccountPrincipal(ORGANIZATION.securityToolingAccountId),
      description: 'Runs the CloudTrail history queries (Athena workgroup cloudtrail-history) over the log archive',
    });
    this.history.grantQuery(analyst);
    const why = 'The analyst reads every log file of the archive and writes query results under results/: object ARNs need a wildcard; '
      + 'the grants are the role\'s own inline policy, made by ArchiveQueries.grantQuery()';
    const logicalId = (bucket: IBucket) => this.getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(analyst).acknowledge(
      ...[`AwsSolutions-IAM5[Resource::<${logicalId(this.history.resultsBucket)}.Arn>/results/*]`,
        `AwsSolutions-IAM5[Resource::<${logicalId(this.logArchive.bucket)}.Arn>/*]`, 'NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'].map((rule) => ({ id: rule, reason: why })));
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

  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id, props);
    const trail = props.trail ?? ORGANIZATION_TRAIL;
    const names = props.logArchiveNames ?? LOG_ARCHIVE;
    // The incident tool's CloudWatch integration reads CloudWatch's raw alarm JSON: no notifier.
    this.paging = new AlarmNotifications(this, 'Paging', {
      notifier: false,
      httpsEndpoints: [PAGING_ENDPOINT],
    });
    this.baseline = new CloudTrailBaseline(this, 'Baseline', {
      // The same description as the log archive stack's: name, organization, owner, region.
      trail,
      logArchive: LogArchive.fromLogArchiveAttributes(this, 'LogArchive', {
        bucketName: names.bucketName,
        accessLogsBucketName: names.accessLogsBucketName,
        encryptionKeyArn: names.encryptionKeyArn,
        // The log archive stack lists the same descriptions in LogArchiveProps.trails.
        allowedTrails: archiveTrails(props),
      }),
      notificationEmails: ['security-alerts@example.com'],
      // What auditors (Prowler's cloudtrail_s3_dataevents_read_enabled and _write_enabled, CIS v5.0.0 3.8 and 3.9) expect:
      // S3 object-level reads and writes of every bucket of the organization but the log archive's own (always
      // excluded). Billed as data events, $0.10 per 100,000 events delivered (list price): 10 million object
      // operations a month across the organization cost about $10 a month.
      dataEvents: [DataEvents.s3AllBuckets()],
      // Insights on management events (Prowler's cloudtrail_insights_exist): both types, $0.35 per 100,000 events
      // analyzed (list price); write events are analyzed twice. 3 million management events a month, 10% writes,
      // is 3.3 million analyzed, about $11.55 a month.
      insightTypes: [InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE],
      // Calls through the organization's VPC endpoints that an endpoint policy denied, for the services whose
      // endpoints guard the audit trail, its keys, the data and the secrets. Only denials are recorded (billed as
      // data events, $0.10 per 100,000): a settled landing zone has few, so about nothing a month. The extra
      // detection alarms on them.
      networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([
        NetworkActivityEventSource.CLOUDTRAIL, NetworkActivityEventSource.KMS, NetworkActivityEventSource.S3,
        NetworkActivityEventSource.SECRETS_MANAGER,
      ])],
      detections: [...Detections.cisAwsFoundations(), Detections.vpcEndpointAccessDenied()],
      // Critical detections also page (on top of the default email and notifier); the rest email.
      severityAlarmActions: { critical: [DetectionAlarms.defaultActions(), ...this.paging.alarmActions] },
      // Root use, sign-in without MFA, trail and KMS key changes in the management account are
      // notified within seconds too (EventBridge); member accounts rely on the alarms.
      fastPath: true,
    });
    if (props.organizationScale === false) return;

    // SCP and RCP: member accounts' administrators cannot weaken the trail or the archive (break-glass
    // and the archive's deployment role excepted), and the archive answers only the organization.
    new OrganizationGuardrails(this, 'Guardrails', {
      organizationId: ORGANIZATION.organizationId,
      targetIds: [ORGANIZATION.rootId],
      trails: [trail],
      logArchive: this.baseline.logArchive,
      breakGlassRoleArns: [BREAK_GLASS_ROLE_ARN],
    });
    // The fast path in every member account and region, forwarding to a central bus here.
    new OrganizationFastPath(this, 'OrganizationFastPath', {
      organizationId: ORGANIZATION.organizationId,
      organizationalUnitIds: [...ORGANIZATION.memberOrganizationalUnitIds],
      regions: [...ORGANIZATION.regions],
      notifications: this.baseline.notifications,
    });
    if ((props.memberAccountControls ?? MEMBER_ACCOUNT_CONTROLS) === 'per-account-detections') {
      // Every member account gets its own trail, metric filters and alarms (Security Hub CloudWatch.1-14
      // pass there); their alarms duplicate the central ones, so they page nobody: the incident tool
      // records them.
      new MemberAccountDetections(this, 'MemberAccountDetections', {
        trail: MEMBER_ACCOUNT_TRAILS,
        logArchive: this.baseline.logArchive,
        organizationalUnitIds: [...ORGANIZATION.memberOrganizationalUnitIds],
        httpsEndpoints: [PAGING_ENDPOINT],
      });
    }
    // No SCP reaches the management account: a stopped trail is restarted, and the failure pages.
    new TrailLoggingRemediation(this, 'TrailLoggingRemediation', {
      trails: [trail],
      encryptionKey: this.baseline.trail.logGroupEncryptionKey,
      alarmActions: [...this.baseline.notifications.alarmActions, ...this.paging.alarmActions],
    });
  }
}

/**
 * The security tooling account's stack (Security Hub CSPM delegated administrator): member accounts'
 * CloudWatch.1-14 findings are suppressed with a note, since the organization trail's alarms in the
 * management account cover them.
 */
export class SecurityToolingStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    new CentralDetectionFindings(this, 'CentralDetectionFindings', { detectionAccountId: ORGANIZATION.managementAccountId });
  }
}

/** The landing zone's stacks. */
export interface LandingZone {
  readonly logArchive: LogArchiveStack;
  readonly management: ManagementStack;
  /** With 'suppress-with-note' only. */
  readonly securityTooling?: SecurityToolingStack;
}

/** Adds the landing zone's stacks to an app. */
export function addLandingZone(app: App, memberAccountControls: MemberAccountControls = MEMBER_ACCOUNT_CONTROLS): LandingZone {
  const logArchive = new LogArchiveStack(app, 'LogArchive', {
    memberAccountControls,
    env: { account: ORGANIZATION.logArchiveAccountId, region: ORGANIZATION.region },
    description: 'CloudTrail log archive of the organization (cdk-cloudtrail-baseline example)',
  });
  const management = new ManagementStack(app, 'Management', {
    memberAccountControls,
    env: { account: ORGANIZATION.managementAccountId, region: ORGANIZATION.region },
    description: 'Organization trail, CIS detections and alarm notifications (cdk-cloudtrail-baseline example)',
  });
  if (memberAccountControls === 'per-account-detections') return { logArchive, management };
  const securityTooling = new SecurityToolingStack(app, 'SecurityTooling', {
    env: { account: ORGANIZATION.securityToolingAccountId, region: ORGANIZATION.region },
    description: 'Security Hub automation rule for the central CloudTrail detections (cdk-cloudtrail-baseline example)',
  });
  return { logArchive, management, securityTooling };
}
