/**
 * The documents of the organization guardrails (internal): a service control policy (SCP) that
 * denies weakening the baseline's trails and log archive to every principal of the targeted
 * member accounts but the exempt roles, and a resource control policy (RCP) that keeps the log
 * archive's buckets and key out of reach of anyone outside the organization.
 *
 * Sources: AWS Organizations user guide, "Service control policies", "Resource control policies",
 * "Resource control policy examples" (EnforceConfusedDeputyProtection, the identity perimeter);
 * AWS KMS developer guide, "Use aliases to control access to KMS keys" (kms:ResourceAliases) and
 * "Controlling access to aliases" (kms:DeleteAlias / kms:UpdateAlias need the alias).
 */
import { EVIDENCE_BUCKET_DENIED_ACTIONS, EVIDENCE_KEY_DENIED_ACTIONS } from '../log-archive/evidence-protection';

/** An IAM policy document as Organizations takes it (JSON object). */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: Array<Record<string, unknown>>;
}

/** What the guardrails protect, resolved to literal ARNs. */
export interface GuardedResources {
  /** Trail ARNs (`arn:<partition>:cloudtrail:<region>:<owner>:trail/<name>`). */
  readonly trailArns: string[];
  /** The log archive's bucket ARNs (log bucket, access-logs bucket, vault, replica). */
  readonly bucketArns: string[];
  /** The archive key: by key ARN, or by alias (then `keyAlias` and `keyAliasArn` are set). */
  readonly key?: GuardedKey;
}

/** The archive's KMS key, by ARN or by alias. */
export interface GuardedKey {
  /** The key ARN, or `arn:<partition>:kms:<region>:<account>:key/*` when only the alias is known. */
  readonly keyResource: string;
  /** `alias/<name>`, when the key is known by its alias. */
  readonly alias?: string;
  /** The alias ARN, when the key is known by its alias. */
  readonly aliasArn?: string;
}

/**
 * The trail actions that stop, remove or narrow what a trail records. `cloudtrail:PutEventSelectors`
 * and `PutInsightSelectors` blind a trail without stopping it.
 */
export const TRAIL_TAMPERING_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
];

/**
 * The S3 actions that erase evidence or weaken its protection: the archive bucket policy's own
 * `DenyEvidenceTampering` list (`EVIDENCE_BUCKET_DENIED_ACTIONS`: deletion of objects, versions and
 * buckets, Object Lock bypass, changes to the bucket policy, lifecycle, versioning, Object Lock,
 * replication, default encryption and access logging), plus what a bucket policy cannot usefully deny
 * but an SCP can: retention and legal-hold changes and Block Public Access. `s3:PutObject` is never
 * denied: CloudTrail and S3 server access logging deliver with it.
 */
export const ARCHIVE_TAMPERING_ACTIONS: string[] = [...new Set([
  ...EVIDENCE_BUCKET_DENIED_ACTIONS,
  's3:PutBucketPublicAccessBlock',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
])].sort();

/** The KMS actions that make every log file unreadable (crypto-shredding) or hand the key away: the archive key policy's own list. */
export const KEY_TAMPERING_ACTIONS: string[] = [...EVIDENCE_KEY_DENIED_ACTIONS];

/**
 * The alias actions that detach the alias from the archive key: after that, a statement that finds
 * the key by `kms:ResourceAliases` no longer matches it (within five minutes, KMS developer guide).
 */
export const KEY_ALIAS_ACTIONS = ['kms:DeleteAlias', 'kms:UpdateAlias'];

/**
 * The IAM actions that would let a member account's administrator become an exempt principal: create
 * a role that matches a break-glass pattern, or let themselves assume an existing one.
 */
export const EXEMPTION_TAKEOVER_ACTIONS = ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy'];

function exemptCondition(exemptArns: string[]): Record<string, unknown> {
  return { ArnNotLike: { 'aws:PrincipalArn': exemptArns } };
}

function objectsOf(bucketArns: string[]): string[] {
  return bucketArns.flatMap((arn) => [arn, `${arn}/*`]);
}

/**
 * The SCP: each statement denies, to every principal whose ARN matches none of `exemptArns`, one
 * family of tampering actions on the guarded resources.
 */
export function serviceControlPolicyDocument(resources: GuardedResources, exemptArns: string[], breakGlassPatterns: string[]): PolicyDocumentJson {
  const unlessExempt = exemptCondition(exemptArns);
  const statements: Array<Record<string, unknown>> = [];
  if (resources.trailArns.length > 0) {
    statements.push({ Sid: 'DenyTrailTampering', Effect: 'Deny', Action: TRAIL_TAMPERING_ACTIONS, Resource: resources.trailArns, Condition: unlessExempt });
  }
  if (resources.bucketArns.length > 0) {
    statements.push({ Sid: 'DenyLogArchiveTampering', Effect: 'Deny', Action: ARCHIVE_TAMPERING_ACTIONS, Resource: objectsOf(resources.bucketArns), Condition: unlessExempt });
  }
  const key = resources.key;
  if (key) {
    statements.push({
      Sid: 'DenyLogArchiveKeyTampering',
      Effect: 'Deny',
      Action: KEY_TAMPERING_ACTIONS,
      Resource: key.keyResource,
      Condition: key.alias ? { ...unlessExempt, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': key.alias } } : unlessExempt,
    });
    if (key.aliasArn) {
      statements.push({ Sid: 'DenyLogArchiveKeyAliasChanges', Effect: 'Deny', Action: KEY_ALIAS_ACTIONS, Resource: key.aliasArn, Condition: unlessExempt });
    }
  }
  if (breakGlassPatterns.length > 0) {
    statements.push({ Sid: 'DenyBreakGlassRoleTakeover', Effect: 'Deny', Action: EXEMPTION_TAKEOVER_ACTIONS, Resource: breakGlassPatterns, Condition: unlessExempt });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The RCP: the archive's buckets and key answer only principals of the organization, and AWS
 * services only when they act for an account of the organization (`aws:SourceOrgID`; a service
 * request without `aws:SourceAccount`, such as one made with a principal's own credentials through
 * a service, is left to the first statement).
 */
export function resourceControlPolicyDocument(resources: GuardedResources, organizationId: string): PolicyDocumentJson {
  const key = resources.key;
  const scopes: RcpScope[] = [];
  if (key?.alias) {
    // A key known only by its alias: its resource is every key of the account, narrowed by the
    // alias condition, which must not narrow the buckets' statements too.
    scopes.push({ suffix: 'Buckets', actions: ['s3:*'], resources: objectsOf(resources.bucketArns) });
    scopes.push({ suffix: 'Key', actions: ['kms:*'], resources: [key.keyResource], extra: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': key.alias } } });
  } else {
    scopes.push({
      suffix: '',
      actions: key ? ['s3:*', 'kms:*'] : ['s3:*'],
      resources: [...objectsOf(resources.bucketArns), ...(key ? [key.keyResource] : [])],
    });
  }
  const statements = scopes.flatMap((scope) => [
    {
      Sid: `EnforceOrganizationIdentityPerimeter${scope.suffix}`,
      Effect: 'Deny',
      Principal: '*',
      Action: scope.actions,
      Resource: scope.resources,
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        ...scope.extra,
      },
    },
    {
      Sid: `EnforceConfusedDeputyProtection${scope.suffix}`,
      Effect: 'Deny',
      Principal: '*',
      Action: scope.actions,
      Resource: scope.resources,
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': organizationId },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
        ...scope.extra,
      },
    },
  ]);
  return { Version: '2012-10-17', Statement: statements };
}

interface RcpScope {
  readonly suffix: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly extra?: Record<string, unknown>;
}

/** The length Organizations counts against its 5,120-character quota: the minified JSON. */
export function minifiedLength(document: PolicyDocumentJson): number {
  return JSON.stringify(document).length;
}
