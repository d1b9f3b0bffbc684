import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import { Construct, IConstruct } from 'constructs';
import {
  GuardedKey, GuardedResources, minifiedLength, PolicyDocumentJson, resourceControlPolicyDocument, serviceControlPolicyDocument,
} from './guardrail-policies';
import { TrailDescription } from './trail-description';
import { ILogArchive } from '../log-archive/ilog-archive';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkOrganizationId, isConcrete, partitionOf } from '../private/validate';

/**
 * Properties of `OrganizationGuardrails`.
 */
export interface OrganizationGuardrailsProps {
  /**
   * The organization's ID (`o-` followed by 10 to 32 lowercase letters or digits). The RCP admits
   * its principals (`aws:PrincipalOrgID`) and AWS services acting for its accounts
   * (`aws:SourceOrgID`). A literal: the policies' size and content are checked at synth time.
   */
  readonly organizationId: string;

  /**
   * Where both policies are attached (`AWS::Organizations::Policy` `TargetIds`): the root
   * (`r-` followed by 4 to 32 lowercase letters or digits), organizational units
   * (`ou-<root part>-<8 to 32 characters>`) or 12-digit member account IDs. Literals. At least one.
   * SCPs and RCPs never apply to the management account, whatever the target.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
   */
  readonly targetIds: string[];

  /**
   * The trails the SCP protects: `StopLogging`, `DeleteTrail`, `UpdateTrail`, `PutEventSelectors`
   * and `PutInsightSelectors` on their ARNs are denied. An organization trail belongs to the
   * management account, which SCPs do not reach, so this binds member accounts that could change it:
   * a CloudTrail delegated administrator, and member accounts' own trails.
   *
   * @default - no trail statement
   */
  readonly trails?: TrailDescription[];

  /**
   * The log archive the SCP and RCP protect: its buckets (`ILogArchive.archiveBucketArns()`: the log
   * bucket and, when known, its access-logs bucket and MFA delete vault) and its KMS key, if it has one
   * (`ILogArchive.encryptionKeyArn`; by alias ARN, the key is matched with `kms:ResourceAliases`
   * and the alias itself may not be deleted or re-pointed). It must live in a member account:
   * an archive in the management account is refused, since neither policy reaches it.
   *
   * @default - no archive statement, and no RCP
   */
  readonly logArchive?: ILogArchive;

  /**
   * Break-glass roles that stay free to change the trails and the archive: IAM role ARNs of the
   * stack's partition with a literal 12-digit account; the role path and name may hold `*` and `?`
   * (`ArnLike`). Nobody else in the targeted accounts may create a role that matches them or change
   * their trust policy (`iam:CreateRole`, `iam:UpdateAssumeRolePolicy`).
   *
   * ARN patterns, not `IRole`s: an SCP names roles of every targeted account, which are not
   * constructs of this app, and may use wildcards; for a role of this app pass `role.roleArn`.
   *
   * @default - none
   */
  readonly breakGlassRoleArns?: string[];

  /**
   * The roles that deploy the log archive's (and member trails') stacks, exempt so that their next
   * deployment may rewrite the bucket and key policies. Exact IAM role ARNs (strings, like
   * `breakGlassRoleArns`: the roles are in other accounts).
   *
   * @default - the CDK bootstrap CloudFormation execution role of the archive's account and region
   * (`cdk-hnb659fds-cfn-exec-role-<account>-<region>`, default qualifier), when `logArchive` is given
   */
  readonly deploymentRoleArns?: string[];

  /**
   * Whether to create the RCP (resource control policies must be enabled in the organization:
   * `aws organizations enable-policy-type --policy-type RESOURCE_CONTROL_POLICY`).
   *
   * @default true when `logArchive` is given
   */
  readonly resourceControlPolicy?: boolean;

  /**
   * The prefix of the policies' names (`<prefix>scp`, `<prefix>rcp`). Organizations policy names
   * are unique per type in the organization; 1 to 128 characters in all.
   *
   * @default 'cloudtrail-baseline-'
   */
  readonly policyNamePrefix?: string;
}

/**
 * Organization guardrails for the CloudTrail baseline: a service control policy (SCP) and a
 * resource control policy (RCP), attached to the root, OUs or accounts given.
 *
 * - The **SCP** denies, to every principal of the targeted member accounts except the break-glass
 *   and deployment roles, what would weaken the baseline: stopping, deleting or narrowing the trails;
 *   deleting log files, versions or buckets, and changing the archive's bucket policy, lifecycle,
 *   versioning, Object Lock, replication, encryption, logging or Block Public Access; disabling,
 *   scheduling for deletion or re-keying the policy of the archive key (and detaching its alias);
 *   creating or taking over a role that matches a break-glass pattern.
 * - The **RCP** keeps the archive's buckets and key reachable only by principals of the
 *   organization, and by AWS services acting for one of its accounts: a bucket or key policy that
 *   leaks can never open the evidence to the world.
 *
 * Neither policy applies to the **management account** or to service-linked roles (AWS Organizations
 * user guide): the trail owned by the management account is covered by detection (CloudWatch.5, the
 * fast path) and remediation instead.
 *
 * Synth-time checks: each document at most 5,120 characters minified, at most 5 policies of each
 * type (this app's) per target, well-formed literal target IDs, organization ID and role ARNs, and
 * unique policy names in the app.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
export class OrganizationGuardrails extends Construct {
  /** The SCP (`AWS::Organizations::Policy`, `SERVICE_CONTROL_POLICY`). */
  public readonly serviceControlPolicy: CfnPolicy;
  /** The RCP (`AWS::Organizations::Policy`, `RESOURCE_CONTROL_POLICY`), unless turned off or without archive. */
  public readonly resourceControlPolicy?: CfnPolicy;
  /** The principals exempt from the SCP (`ArnNotLike aws:PrincipalArn`), in the statement's order. */
  public readonly exemptPrincipalArns: string[];

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    const P = 'OrganizationGuardrailsProps';
    checkProps(P, props, schemas.OrganizationGuardrailsProps(), ['organizationId', 'targetIds']);
    if (props === undefined || props === null) throw new CloudTrailBaselineError(P, 'is required');
    const stack = Stack.of(this);
    const partition = isConcrete(stack.region) ? partitionOf(stack.region) : 'aws';

    literal(`${P}.organizationId`, props.organizationId, 'the RCP names the organization');
    checkOrganizationId(`${P}.organizationId`, props.organizationId);
    const targetIds = checkTargetIds(`${P}.targetIds`, props.targetIds);
    // Types, lists and required props: checkProps above; here the rules of the values.
    const trails = props.trails ?? [];
    trails.forEach((trail, i) => literal(`${P}.trails[${i}]`, trail.trailArn, 'the SCP names the trail by ARN'));
    const breakGlass = props.breakGlassRoleArns ?? [];
    breakGlass.forEach((arn, i) => checkRoleArn(`${P}.breakGlassRoleArns[${i}]`, arn, partition, true));

    const archive = props.logArchive;
    const resources: GuardedResources = {
      trailArns: trails.map((t) => t.trailArn),
      bucketArns: archive ? archiveBuckets(`${P}.logArchive`, archive, stack) : [],
      // An SSE-S3 archive (LogArchiveAttributes.s3ManagedEncryption) has no key to protect.
      key: archive?.encryptionKeyArn !== undefined ? archiveKey(`${P}.logArchive.encryptionKeyArn`, archive.encryptionKeyArn) : undefined,
    };
    if (resources.trailArns.length === 0 && archive === undefined) {
      throw new CloudTrailBaselineError(P, 'must name trails, a logArchive or both: there is nothing to protect');
    }

    const deployment = props.deploymentRoleArns !== undefined
      ? props.deploymentRoleArns
      : archive ? [defaultDeploymentRole(partition, archiveAccount(archive, stack), archive.region)] : [];
    deployment.forEach((arn, i) => checkRoleArn(`${P}.deploymentRoleArns[${i}]`, arn, partition, false));
    this.exemptPrincipalArns = [...deployment, ...breakGlass];
    if (this.exemptPrincipalArns.length === 0) {
      throw new CloudTrailBaselineError(`${P}.breakGlassRoleArns`,
        'must name at least one role when there is no deployment role: otherwise nobody in the targeted accounts can ever change the trails');
    }

    const prefix = props.policyNamePrefix ?? 'cloudtrail-baseline-';
    literal(`${P}.policyNamePrefix`, prefix, 'the policy names must be checked for uniqueness');
    if (!/^[\w+=,.@-]{0,125}$/.test(prefix)) {
      throw new CloudTrailBaselineError(`${P}.policyNamePrefix`,
        `must be at most 125 letters, digits or '_+=,.@-' (Organizations policy names; got '${prefix}')`);
    }

    const scp = serviceControlPolicyDocument(resources, this.exemptPrincipalArns, breakGlass);
    this.serviceControlPolicy = this.policy('ServiceControlPolicy', `${prefix}scp`, 'SERVICE_CONTROL_POLICY', scp, targetIds,
      'CloudTrail baseline: deny weakening the trails and the log archive, except to break-glass and deployment roles');
    const withRcp = props.resourceControlPolicy ?? archive !== undefined;
    if (withRcp && archive === undefined) {
      throw new CloudTrailBaselineError(`${P}.resourceControlPolicy`, 'needs logArchive: the RCP protects the archive\'s buckets and key');
    }
    if (withRcp) {
      this.resourceControlPolicy = this.policy('ResourceControlPolicy', `${prefix}rcp`, 'RESOURCE_CONTROL_POLICY',
        resourceControlPolicyDocument(resources, props.organizationId), targetIds,
        'CloudTrail baseline: the log archive answers only the organization and AWS services acting for it');
    }
    this.node.addValidation({ validate: () => checkPoliciesPerTarget(this) });
  }

  private policy(id: string, name: string, type: string, document: PolicyDocumentJson, targetIds: string[], description: string): CfnPolicy {
    const length = minifiedLength(document);
    if (length > MAX_POLICY_CHARACTERS) {
      throw new CloudTrailBaselineError(`OrganizationGuardrailsProps (${type})`,
        `the document is ${length} characters minified, over the AWS Organizations quota of ${MAX_POLICY_CHARACTERS}: name fewer trails, buckets or break-glass roles (or patterns)`);
    }
    const clash = this.node.root.node.findAll().find((c) => c !== this && c instanceof OrganizationGuardrails
      && [c.serviceControlPolicy, c.resourceControlPolicy].some((p) => p?.name === name));
    if (clash) {
      throw new CloudTrailBaselineError('OrganizationGuardrailsProps.policyNamePrefix',
        `the policy name '${name}' is already used by ${clash.node.path}: Organizations policy names are unique per type; give each OrganizationGuardrails its own prefix`);
    }
    return new CfnPolicy(this, id, { name, type, content: document, targetIds, description });
  }
}

/** AWS Organizations quota: the maximum size of an SCP or RCP document, in characters. */
const MAX_POLICY_CHARACTERS = 5120;
/** AWS Organizations quota: SCPs (and RCPs) attached to one root, OU or account. */
const MAX_POLICIES_PER_TARGET = 5;

const TARGET_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

function literal(property: string, value: string, why: string): void {
  if (Token.isUnresolved(value)) {
    throw new CloudTrailBaselineError(property, `must be a literal string, not a token: ${why} and its size is checked at synth time`);
  }
}


function checkTargetIds(property: string, value: string[] | undefined): string[] {
  if (value === undefined || value.length === 0) {
    throw new CloudTrailBaselineError(property, 'must list at least one target: the organization root (r-...), an OU (ou-...) or a member account ID');
  }
  const seen = new Set<string>();
  value.forEach((id, i) => {
    literal(`${property}[${i}]`, id, 'the targets are counted against the 5-policies-per-target quota');
    if (!TARGET_ID.test(id)) {
      throw new CloudTrailBaselineError(`${property}[${i}]`,
        `must be a root ID ('r-' and 4 to 32 lowercase letters or digits), an OU ID ('ou-<root part>-<8 to 32 characters>') or a 12-digit account ID (got '${id}')`);
    }
    if (seen.has(id)) throw new CloudTrailBaselineError(`${property}[${i}]`, `lists '${id}' twice`);
    seen.add(id);
  });
  return [...value];
}

function checkRoleArn(property: string, arn: string, partition: string, patternAllowed: boolean): void {
  literal(property, arn, 'the SCP exempts it by ARN');
  const name = patternAllowed ? '[\\w+=,.@\\-/*?]+' : '[\\w+=,.@\\-/]+';
  if (!new RegExp(`^arn:${partition}:iam::\\d{12}:role/${name}$`).test(arn)) {
    throw new CloudTrailBaselineError(property,
      `must be an IAM role ARN of partition ${partition} with a literal 12-digit account, e.g. 'arn:${partition}:iam::111111111111:role/BreakGlass'`
      + (patternAllowed ? " ('*' and '?' only in the path and name, never in the account: any account could create such a role)" : ' (no wildcard)')
      + ` (got '${arn}')`);
  }
}

function archiveAccount(archive: ILogArchive, stack: Stack): string {
  const account = archive.bucket.env.account;
  if (!isConcrete(account) || account === stack.account) {
    throw new CloudTrailBaselineError('OrganizationGuardrailsProps.logArchive',
      `must be an archive of a member account, imported by name (LogArchive.fromLogArchiveAttributes with its account): SCPs and RCPs do not apply to the management account (${stack.account}) that deploys them, nor can they protect an archive whose account is unknown`);
  }
  return account;
}

function archiveBuckets(property: string, archive: ILogArchive, stack: Stack): string[] {
  archiveAccount(archive, stack);
  const arns = archive.archiveBucketArns();
  arns.forEach((arn) => literal(property, arn, 'the SCP and RCP name its buckets by ARN'));
  return arns;
}

function archiveKey(property: string, keyArn: string): GuardedKey {
  literal(property, keyArn, 'the SCP and RCP name the archive key');
  const arn = Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME);
  if (arn.resource === 'alias') {
    return {
      keyResource: `arn:${arn.partition}:kms:${arn.region}:${arn.account}:key/*`,
      alias: `alias/${arn.resourceName}`,
      aliasArn: keyArn,
    };
  }
  return { keyResource: keyArn };
}

function defaultDeploymentRole(partition: string, account: string, region: string): string {
  if (!isConcrete(region)) {
    throw new CloudTrailBaselineError('OrganizationGuardrailsProps.deploymentRoleArns',
      'must be given when the log archive\'s region is unknown: the default (the CDK bootstrap execution role) names the region');
  }
  return `arn:${partition}:iam::${account}:role/cdk-hnb659fds-cfn-exec-role-${account}-${region}`;
}

/** At most 5 policies of each type on each target, counting every `AWS::Organizations::Policy` of the app. */
function checkPoliciesPerTarget(self: OrganizationGuardrails): string[] {
  const mine = [self.serviceControlPolicy, self.resourceControlPolicy].filter((p): p is CfnPolicy => p !== undefined);
  const all = self.node.root.node.findAll().filter((c: IConstruct): c is CfnPolicy => c instanceof CfnPolicy);
  const errors: string[] = [];
  for (const policy of mine) {
    for (const target of (policy.targetIds ?? []) as string[]) {
      const count = all.filter((p) => p.type === policy.type && ((p.targetIds ?? []) as unknown[]).includes(target)).length;
      if (count > MAX_POLICIES_PER_TARGET) {
        errors.push(new CloudTrailBaselineError('OrganizationGuardrailsProps.targetIds',
          `${count} policies of type ${policy.type} in this app are attached to ${target}, over the AWS Organizations quota of ${MAX_POLICIES_PER_TARGET} per target (the AWS managed FullAWSAccess policy counts too when attached)`).message);
      }
    }
  }
  return errors;
}
