import { Token } from 'aws-cdk-lib';
import { StackSet, StackSetStack } from 'cdk-stacksets';
import { Construct } from 'constructs';
import { TrailDescription } from './trail-description';
import { AlarmNotifications } from '../alarm-actions/alarm-notifications';
import { Detections } from '../detections/catalog';
import { Detection } from '../detections/detection';
import { DetectionAlarms } from '../detections/detection-alarms';
import { ILogArchive } from '../log-archive/ilog-archive';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { organizationStackSet } from '../private/stack-sets';
import { checkEmail, checkStackSetOrganizationalUnits } from '../private/validate';
import { BaselineTrail } from '../trail/baseline-trail';

/**
 * Properties of `MemberAccountDetections`.
 */
export interface MemberAccountDetectionsProps {
  /**
   * The member-account trails (`TrailDescription.memberAccountTrails()`): their organization, home
   * region and name. The StackSet deploys to that region only; each trail is multi-region. The log
   * archive's own stack must admit the same description (`LogArchiveProps.trails`).
   */
  readonly trail: TrailDescription;

  /**
   * The log archive the member trails deliver to, known by literal names
   * (`LogArchive.fromLogArchiveAttributes()` with `bucketName` and `encryptionKeyArn`): the member
   * stacks are templates deployed in other accounts and cannot refer to this app's resources.
   */
  readonly logArchive: ILogArchive;

  /**
   * The organizational units (or the root, `r-...`) whose accounts get the member stack, including
   * accounts that join them later (automatic deployment). A service-managed StackSet never deploys
   * to the management account, whose detections are the central ones. Literals. At least one.
   */
  readonly organizationalUnitIds: string[];

  /**
   * Email addresses subscribed to each member account's alarm topic. Security Hub passes
   * CloudWatch.1–14 only when the alarm's topic has a subscriber, and each email subscription must
   * be confirmed once per account: prefer `httpsEndpoints` of an incident tool that confirms
   * itself. At least one of `emailAddresses` and `httpsEndpoints`.
   *
   * @default - none
   */
  readonly emailAddresses?: string[];

  /**
   * HTTPS endpoints subscribed to each member account's alarm topic (e.g. an incident tool's
   * CloudWatch integration URL, which confirms the subscription itself).
   *
   * @default - none
   */
  readonly httpsEndpoints?: string[];

  /**
   * The detections of each member account.
   *
   * @default - Detections.cisAwsFoundations(): the 14 Security Hub texts (CloudWatch.1–14) and CIS 4.15
   */
  readonly detections?: Detection[];

  /**
   * The StackSet's name (1 to 128 characters: a letter, then letters, digits or `-`).
   *
   * @default 'cdk-cloudtrail-baseline-member-detections'
   */
  readonly stackSetName?: string;

  /**
   * Whether this stack is deployed in a StackSets delegated administrator account (else the
   * management account).
   *
   * @default false
   */
  readonly stackSetsDelegatedAdmin?: boolean;
}

/**
 * Security Hub's option (b) for member accounts: **each account gets its own trail, CloudWatch Logs
 * group, metric filters and alarms**, so that CloudWatch.1–14 pass in every account, for auditors
 * who will not accept the findings suppressed with a note (`CentralDetectionFindings`, option (a),
 * the library's default and free). A **service-managed StackSet with automatic deployment**
 * (cdklabs `cdk-stacksets`) puts in each account of the given OUs, in the trails' home region:
 * - a multi-region account trail (`BaselineTrail`: all management events, log file validation,
 *   SSE-KMS with the archive key) delivering to the central log archive under
 *   `[prefix/]member-account-trails/AWSLogs/<account>/`, apart from the organization trail's files,
 *   and to a KMS-encrypted log group retained one year;
 * - the detections' metric filters and alarms (`DetectionAlarms`, Security Hub's byte-exact texts);
 * - an alarm topic (`AlarmNotifications` without the notifier) with the given subscribers.
 *
 * What it costs, per member account a month (us-east-1 list prices as commonly quoted, not verified
 * here): 15 alarms × $0.10 and 15 custom metrics × $0.30 ($6.00), 2 KMS keys ($2.00), the second
 * copy of the account's management events ($2.00 per 100,000 events: the organization trail is the
 * free first copy), their CloudWatch Logs ingestion ($0.50 per GB) and their storage in the archive.
 * About $10 for an account with 100,000 management events a month; $1,000 for 100 such accounts.
 *
 * The member alarms duplicate the central ones (the organization trail's, in the management
 * account): subscribe a low-priority endpoint, and keep paging on the central alarms.
 *
 * The member stack has no assets. Not verified without an organization: that CloudTrail sends
 * `aws:SourceOrgID` with its deliveries to the archive (the bucket and key policies require it).
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export class MemberAccountDetections extends Construct {
  /** The member stack (template of the StackSet). */
  public readonly memberStack: StackSetStack;
  /** The StackSet. */
  public readonly stackSet: StackSet;

  constructor(scope: Construct, id: string, props: MemberAccountDetectionsProps) {
    super(scope, id);
    const P = 'MemberAccountDetectionsProps';
    checkProps(P, props, schemas.MemberAccountDetectionsProps(), ['trail', 'logArchive', 'organizationalUnitIds']);
    if (!props.trail.isMemberAccountTrails) {
      throw new CloudTrailBaselineError(`${P}.trail`, `must describe member-account trails (TrailDescription.memberAccountTrails()), not trail ${props.trail.trailArn}`);
    }
    const archive = props.logArchive;
    for (const [name, value] of [['bucket.bucketName', archive.bucket.bucketName], ['encryptionKeyArn', archive.encryptionKeyArn]] as const) {
      if (value !== undefined && Token.isUnresolved(value)) {
        throw new CloudTrailBaselineError(`${P}.logArchive`,
          `must be known by literal names (LogArchive.fromLogArchiveAttributes()): its ${name} is a token, which the member stacks, deployed in other accounts, cannot resolve`);
      }
    }
    const ous = checkStackSetOrganizationalUnits(`${P}.organizationalUnitIds`, props.organizationalUnitIds);
    const emails = props.emailAddresses ?? [];
    const endpoints = props.httpsEndpoints ?? [];
    emails.forEach((e, i) => checkEmail(`${P}.emailAddresses[${i}]`, e));
    endpoints.forEach((u, i) => {
      if (!Token.isUnresolved(u) && !/^https:\/\/[^\s/]+/.test(u)) {
        throw new CloudTrailBaselineError(`${P}.httpsEndpoints[${i}]`, `must be an https:// URL (got '${u}')`);
      }
    });
    if (emails.length + endpoints.length === 0) {
      throw new CloudTrailBaselineError(`${P}.emailAddresses`,
        'or httpsEndpoints must name at least one subscriber: Security Hub fails CloudWatch.1-14 when the alarm topic has none');
    }
    const stackSetName = props.stackSetName ?? 'cdk-cloudtrail-baseline-member-detections';
    if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackSetName)) {
      throw new CloudTrailBaselineError(`${P}.stackSetName`, `must be 1 to 128 characters: a letter, then letters, digits or '-' (got '${stackSetName}')`);
    }
    const detections = props.detections ?? Detections.cisAwsFoundations();
    if (detections.length === 0) throw new CloudTrailBaselineError(`${P}.detections`, 'must list at least one detection');

    const member = new StackSetStack(this, 'MemberStack');
    const trail = new BaselineTrail(member, 'Trail', { logArchive: archive, description: props.trail });
    const notifications = new AlarmNotifications(member, 'Notifications', {
      notifier: false,
      emailAddresses: emails.length > 0 ? emails : undefined,
      httpsEndpoints: endpoints.length > 0 ? endpoints : undefined,
    });
    new DetectionAlarms(member, 'Detections', {
      logGroup: trail.logGroup,
      detections,
      alarmActions: notifications.alarmActions,
    });
    this.memberStack = member;

    this.stackSet = organizationStackSet(this, 'StackSet', {
      stackSetName,
      description: 'cdk-cloudtrail-baseline: a trail, CloudWatch Logs group, CIS metric filters and alarms in each member account (Security Hub CloudWatch.1-14)',
      member,
      organizationalUnitIds: ous,
      regions: [props.trail.region],
      delegatedAdmin: props.stackSetsDelegatedAdmin ?? false,
    });
  }
}
