import { Annotations, Stack } from 'aws-cdk-lib';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import {
  ACCESS_LOGS_BUCKET_DENIED_ACTIONS, EVIDENCE_BUCKET_DENIED_ACTIONS, evidenceKeyProtectionStatement, evidenceProtectionExemptions,
  evidenceProtectionStatement,
} from './evidence-protection';
import type { LogArchiveProps } from './log-archive-props';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { isConcrete, partitionOf } from '../private/validate';

/**
 * Checks of `LogArchiveProps` that involve several properties.
 * @throws CloudTrailBaselineError naming the property
 */
export function checkArchiveProps(props: LogArchiveProps): void {
  if (isConcrete(props.bucketName) && props.bucketName === props.accessLogsBucketName) {
    throw new CloudTrailBaselineError('LogArchiveProps.accessLogsBucketName',
      `must differ from bucketName (both '${props.bucketName}'): bucket names are unique, and S3 does not deliver a bucket's access logs to itself in this design`);
  }
  if (props.denyEvidenceTampering === false) {
    for (const prop of ['breakGlassRoleArns', 'deploymentRoleArn'] as const) {
      if (props[prop] !== undefined) {
        throw new CloudTrailBaselineError(`LogArchiveProps.${prop}`,
          'only applies to the evidence-protection statement, which denyEvidenceTampering: false turns off; remove one of the two');
      }
    }
  }
}

/**
 * A trail must be in the archive's partition: partitions are isolated (IAM principals, service
 * principals and resources of one partition cannot act in another), so a trail in `aws-us-gov`
 * cannot deliver to a bucket in `aws`.
 *
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function checkTrailPartition(scope: Construct, trail: TrailDescription): void {
  const region = Stack.of(scope).region;
  if (!isConcrete(region) || !isConcrete(trail.partition)) return;
  const partition = partitionOf(region);
  if (trail.partition !== partition) {
    throw new CloudTrailBaselineError('LogArchiveProps.trails',
      `must be trails of the archive's partition '${partition}' (region ${region}); trail ${trail.trailArn} is in '${trail.partition}' and cannot deliver across partitions`);
  }
}

/**
 * Adds the evidence-protection statement to the evidence buckets' (archive, MFA delete vault) and access-logs bucket's policies (`denyEvidenceTampering`, on by
 * default), and the one of the archive key to its key policy, or warns that it is off.
 */
export function protectEvidence(scope: Construct, evidenceBuckets: IBucket[], accessLogsBucket: IBucket, props: LogArchiveProps, key?: IKey): void {
  if (props.denyEvidenceTampering === false) {
    Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:evidenceTamperingAllowed',
      'LogArchiveProps.denyEvidenceTampering is false: any principal of the log archive account whose IAM policy allows it can delete log files, '
      + 'change the lifecycle or remove the bucket policy. Keep it on and name break-glass roles (breakGlassRoleArns) instead.');
    return;
  }
  const exempt = evidenceProtectionExemptions(scope, { ...props, propsName: 'LogArchiveProps' });
  for (const bucket of evidenceBuckets) {
    bucket.addToResourcePolicy(evidenceProtectionStatement(bucket, exempt, EVIDENCE_BUCKET_DENIED_ACTIONS));
  }
  accessLogsBucket.addToResourcePolicy(evidenceProtectionStatement(accessLogsBucket, exempt, ACCESS_LOGS_BUCKET_DENIED_ACTIONS));
  key?.addToResourcePolicy(evidenceKeyProtectionStatement(exempt));
}

/** Aliases taken per app, by `<account>/<region>/<alias>`, with the path of the archive using it. */
const ALIASES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * KMS alias names are unique in an account and region: a second archive with the same alias in
 * the same environment would fail to deploy (`AlreadyExistsException`). Checked when both
 * environments are concrete.
 *
 * @see https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export function checkAliasUnique(scope: Construct, alias: string): void {
  const { account, region } = Stack.of(scope);
  if (!isConcrete(account) || !isConcrete(region)) return;
  const root = scope.node.root;
  const taken = ALIASES.get(root) ?? new Map<string, string>();
  ALIASES.set(root, taken);
  const key = `${account}/${region}/${alias}`;
  const other = taken.get(key);
  if (other !== undefined) {
    throw new CloudTrailBaselineError('LogArchiveProps.encryptionKeyAlias',
      `must be unique in account ${account} and region ${region}: the log archive ${other} already uses '${alias}' (KMS alias names are unique per account and region)`);
  }
  taken.set(key, scope.node.path);
}
