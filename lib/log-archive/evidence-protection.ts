import { Fn, Stack, Token } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudTrailBaselineError } from '../private/errors';
import { isConcrete, partitionOf } from '../private/validate';

/**
 * What the evidence-protection statement denies on the log archive bucket, to every principal but
 * the exempt ones. Each action either destroys log files or weakens what protects them:
 *
 * - `s3:DeleteObject`, `s3:DeleteObjectVersion`: a delete marker makes the file noncurrent, and the
 *   lifecycle then expires it after `noncurrentVersionExpiration`; a versioned delete erases it.
 * - `s3:BypassGovernanceRetention`: deletes a version under Object Lock governance retention.
 * - `s3:DeleteBucket`: fails on a non-empty bucket, but not on one emptied by the above.
 * - `s3:PutBucketPolicy`, `s3:DeleteBucketPolicy`: would remove this very statement.
 * - `s3:PutLifecycleConfiguration`: a 1-day expiration rule erases the archive within a day.
 * - `s3:PutBucketVersioning`: suspending versioning makes overwrites destructive.
 * - `s3:PutBucketObjectLockConfiguration`: shortens or removes the default retention.
 * - `s3:PutReplicationConfiguration`: would copy the evidence out of the archive account.
 * - `s3:PutEncryptionConfiguration`: would change how new files are encrypted.
 * - `s3:PutBucketLogging`: turning server access logs off hides who read or deleted files.
 *
 * Not denied: `s3:PutObject` (CloudTrail writes with it, and service principals have no
 * `aws:PrincipalArn`, so `ArnNotLike` would deny them) and every read or `Get*` action.
 * Lifecycle transitions and expirations are done by S3 itself, with no requesting principal (server
 * access logs show them as `S3.TRANSITION_*` / `S3.EXPIRE.OBJECT`), so the deny does not apply to
 * them. No AWS page states it in as many words: to verify on a deployed archive.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export const EVIDENCE_BUCKET_DENIED_ACTIONS: readonly string[] = [
  's3:BypassGovernanceRetention',
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketLogging',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
];

/**
 * What it denies on the access-logs bucket: the record of who read or deleted log files. The
 * logging service writes with `s3:PutObject`, which stays allowed; the lifecycle expires the
 * access logs as configured. `s3:DeleteObject` too: its delete marker makes a log noncurrent, and
 * the lifecycle expires noncurrent versions after 30 days.
 */
export const ACCESS_LOGS_BUCKET_DENIED_ACTIONS: readonly string[] = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
];

/**
 * What the evidence-protection statement of the archive key denies to every principal but the
 * exempt ones: the three ways to crypto-shred the log files without touching a bucket.
 *
 * - `kms:ScheduleKeyDeletion`: after the waiting period no log file can ever be decrypted again.
 * - `kms:DisableKey`: every read (and CloudTrail's next delivery) fails at once.
 * - `kms:PutKeyPolicy`: would remove this very statement, or CloudTrail's and the readers' access.
 *
 * The deployment role stays exempt: CloudFormation rewrites the key policy when a trail or reader
 * is added, and KMS's policy lockout safety check refuses a key policy that would lock it out: "the
 * key policy must allow the principal that is making the PutKeyPolicy request to make a subsequent
 * PutKeyPolicy request on the KMS key" (PutKeyPolicy and CreateKey API reference).
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
export const EVIDENCE_KEY_DENIED_ACTIONS: readonly string[] = [
  'kms:DisableKey',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
];

/** The Sid of the evidence-protection statement. */
const EVIDENCE_PROTECTION_SID = 'DenyEvidenceTampering';

/**
 * The statement that denies `actions` on a bucket and its objects to every principal whose
 * `aws:PrincipalArn` is not among `exemptArns`. Meant for any bucket that holds evidence: the
 * log archive bucket, its access-logs bucket, or a vault bucket that receives replicas.
 *
 * @param bucket the bucket the statement protects
 * @param exemptArns the principals still allowed (from `evidenceProtectionExemptions`)
 * @param actions the denied actions
 */
export function evidenceProtectionStatement(bucket: IBucket, exemptArns: string[],
  actions: readonly string[] = EVIDENCE_BUCKET_DENIED_ACTIONS): PolicyStatement {
  return new PolicyStatement({
    sid: EVIDENCE_PROTECTION_SID,
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: [...actions],
    resources: [bucket.bucketArn, bucket.arnForObjects('*')],
    conditions: { ArnNotLike: { 'aws:PrincipalArn': exemptArns } },
  });
}

/**
 * The key policy statement that denies `EVIDENCE_KEY_DENIED_ACTIONS` on the archive key to every
 * principal whose `aws:PrincipalArn` is not among `exemptArns` (the same exemptions as the
 * buckets' statement). Service principals have no `aws:PrincipalArn` and are denied too; no AWS
 * service needs these actions on the key.
 */
export function evidenceKeyProtectionStatement(exemptArns: string[]): PolicyStatement {
  return new PolicyStatement({
    sid: 'DenyKeyDestruction',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: [...EVIDENCE_KEY_DENIED_ACTIONS],
    resources: ['*'],
    conditions: { ArnNotLike: { 'aws:PrincipalArn': exemptArns } },
  });
}

/** Inputs of `evidenceProtectionExemptions`, with the names of the properties they come from. */
export interface EvidenceProtectionExemptionInput {
  readonly breakGlassRoleArns?: string[];
  readonly deploymentRoleArn?: string;
  /** The props interface the inputs belong to, e.g. `LogArchiveProps`, for error messages. */
  readonly propsName: string;
}

/**
 * The principals exempt from the evidence-protection statement, in this order:
 * 1. the deployment role: `deploymentRoleArn`, or else the CloudFormation execution role of the
 *    stack's synthesizer (CloudFormation rewrites the bucket policy whenever a trail or reader is
 *    added; denying it `s3:PutBucketPolicy` would fail the next deployment);
 * 2. the account's root user: S3 lets it change the bucket policy anyway ("the root principal in
 *    a bucket owner's account can perform the GetBucketPolicy, PutBucketPolicy, and
 *    DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root
 *    principal's access"), and only root can enable MFA delete with `PutBucketVersioning`;
 * 3. the break-glass roles.
 *
 * @throws CloudTrailBaselineError when a role ARN is malformed or in another partition, or when
 * the synthesizer has no CloudFormation execution role and `deploymentRoleArn` is not given
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html
 */
export function evidenceProtectionExemptions(scope: Construct, input: EvidenceProtectionExemptionInput): string[] {
  const stack = Stack.of(scope);
  const partition = isConcrete(stack.region) ? partitionOf(stack.region) : undefined;
  for (const arn of input.breakGlassRoleArns ?? []) {
    checkRoleArn(`${input.propsName}.breakGlassRoleArns`, arn, partition);
  }
  let deploymentRole = input.deploymentRoleArn;
  if (deploymentRole !== undefined) {
    checkRoleArn(`${input.propsName}.deploymentRoleArn`, deploymentRole, partition);
  } else {
    deploymentRole = synthesizerExecutionRole(stack);
    if (deploymentRole === undefined) {
      throw new CloudTrailBaselineError(`${input.propsName}.deploymentRoleArn`,
        `is required: the synthesizer of stack ${stack.stackName} (${stack.synthesizer.constructor.name}) names no CloudFormation execution role, `
        + 'and the evidence-protection statement denies s3:PutBucketPolicy to every other principal, so the next deployment that adds a trail or a reader '
        + 'would fail. Pass the ARN of the role CloudFormation deploys with, or set denyEvidenceTampering to false');
    }
  }
  const root = `arn:${stack.partition}:iam::${stack.account}:root`;
  return unique([deploymentRole, root, ...(input.breakGlassRoleArns ?? [])]);
}

/**
 * The CloudFormation execution role of the stack's synthesizer (of the top-level stack for a
 * nested stack), e.g. `cdk-hnb659fds-cfn-exec-role-<account>-<region>` for the
 * `DefaultStackSynthesizer`. Its `${AWS::Partition}`-style placeholders become an `Fn::Sub`.
 * `CliCredentialsStackSynthesizer` and `LegacyStackSynthesizer` have none: CloudFormation then
 * runs with the deployer's credentials, which this library cannot know.
 */
function synthesizerExecutionRole(stack: Stack): string | undefined {
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  const role = top.synthesizer.cloudFormationExecutionRole;
  if (role === undefined) return undefined;
  return !Token.isUnresolved(role) && role.includes('${') ? Fn.sub(role) : role;
}

// arn:<partition>:iam::<12 digits>:role/<path/><name>; IAM role names and paths use
// letters, digits and '+=,.@_-' (IAM User Guide, "IAM object names").
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * Checks an IAM role ARN (`arn:<partition>:iam::<12 digits>:role/<path/name>`); tokens pass.
 * No wildcard: an exemption names one role exactly.
 *
 * @param partition the partition the role must be in, when known
 * @throws CloudTrailBaselineError naming the property
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function checkRoleArn(property: string, arn: string, partition?: string): void {
  if (!isConcrete(arn)) return;
  const match = ROLE_ARN.exec(arn);
  if (!match) {
    throw new CloudTrailBaselineError(property,
      `must be IAM role ARNs such as 'arn:aws:iam::111111111111:role/BreakGlass' (letters, digits and '+=,.@_-' in the path and name, no wildcard; got '${arn}')`);
  }
  if (partition !== undefined && match[1] !== partition) {
    throw new CloudTrailBaselineError(property,
      `must be in the archive's partition '${partition}' (got '${arn}'): principals of another partition cannot act on this bucket`);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
