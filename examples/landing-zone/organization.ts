import { TrailDescription } from '../../lib';

/**
 * The organization, described once and shared by both stacks: the log archive stack learns the
 * exact ARN of the trail the management stack will create, without repeating strings.
 */
export const ORGANIZATION = {
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '222222222222',
  logArchiveAccountId: '111111111111',
  /** The Security Hub (CSPM) delegated administrator. */
  securityToolingAccountId: '333333333333',
  region: 'us-east-1',
  /** The organization root: the guardrails are attached here. */
  rootId: 'r-ab12',
  /** The OUs of the member accounts: the fast path's StackSet deploys to them (and to accounts that join later). */
  memberOrganizationalUnitIds: ['ou-ab12-workloads', 'ou-ab12-security'],
  /** The regions the organization uses (us-east-1 receives the global services' events). */
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
} as const;

/** The log archive account's break-glass role, the only principal (with deployments) free to change the archive. */
export const BREAK_GLASS_ROLE_ARN = `arn:aws:iam::${ORGANIZATION.logArchiveAccountId}:role/security/BreakGlass`;

/** The organization trail, created in the management account. */
export const ORGANIZATION_TRAIL = TrailDescription.organizationTrail({
  organizationId: ORGANIZATION.organizationId,
  managementAccountId: ORGANIZATION.managementAccountId,
  region: ORGANIZATION.region,
  trailName: 'organization-trail',
});

/**
 * How Security Hub's CloudWatch.1-14 controls are answered in the member accounts (docs/organization.md,
 * "Security Hub in member accounts"):
 * - `'suppress-with-note'`: `CentralDetectionFindings` in the Security Hub administrator account
 *   suppresses the member accounts' failed findings with a note naming the central alarms (free);
 * - `'per-account-detections'`: `MemberAccountDetections` gives every member account its own trail,
 *   metric filters and alarms, so the controls pass everywhere (about $10 per account a month).
 */
export type MemberAccountControls = 'suppress-with-note' | 'per-account-detections';

/** The landing zone's choice. */
export const MEMBER_ACCOUNT_CONTROLS: MemberAccountControls = 'suppress-with-note';

/** The member accounts' own trails, with 'per-account-detections': one per account, delivering to the archive. */
export const MEMBER_ACCOUNT_TRAILS = TrailDescription.memberAccountTrails({
  organizationId: ORGANIZATION.organizationId,
  region: ORGANIZATION.region,
  trailName: 'member-account-trail',
});

/**
 * Deterministic names of the log archive: CloudFormation exports do not cross accounts, so the
 * management account refers to the buckets by name and to the key by its alias ARN. Knowing the
 * access-logs bucket by name lets the trail exclude it from S3 data events, like the archive bucket.
 */
export const LOG_ARCHIVE = {
  bucketName: `cloudtrail-archive-${ORGANIZATION.logArchiveAccountId}-${ORGANIZATION.region}`,
  accessLogsBucketName: `cloudtrail-archive-access-logs-${ORGANIZATION.logArchiveAccountId}-${ORGANIZATION.region}`,
  encryptionKeyAlias: 'alias/cloudtrail-log-archive',
  encryptionKeyArn: `arn:aws:kms:${ORGANIZATION.region}:${ORGANIZATION.logArchiveAccountId}:alias/cloudtrail-log-archive`,
} as const;

/**
 * The incident tool's CloudWatch integration endpoint (PagerDuty's format; the key is a
 * placeholder). SNS posts a subscription confirmation to it first.
 */
export const PAGING_ENDPOINT = 'https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue';
