import { Stack } from 'aws-cdk-lib';
import { IRole, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, CfnBucket, IBucket, ReplicationRule, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LogArchiveReplication } from './replication';
import { encryptionContextOf, replicationSourceStatements } from './replication-permissions';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { checkBucketName, checkRegion, isConcrete, partitionOf } from '../private/validate';

/** Properties of a `DisasterRecoveryReplication` (internal, built by `LogArchive`). */
export interface DisasterRecoveryReplicationProps {
  readonly replication: LogArchiveReplication;
  /** The source archive's key alias, the default of the destination's. */
  readonly sourceKeyAlias: string;
  /** The source archive's bucket names, which the destination's name must differ from. */
  readonly otherBucketNames: Array<string | undefined>;
}

const ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/**
 * The disaster-recovery half of `LogArchiveProps.replication`: the destination (by name and key
 * alias ARN, in another region of the same account), the archive bucket's replication rule and
 * the replication role's policy.
 */
export class DisasterRecoveryReplication extends Construct {
  /** The destination bucket in the other region. */
  public readonly destination: IBucket;
  /** The destination's KMS key, referred to by alias ARN. */
  public readonly destinationKey: IKey;
  private readonly aliasName: string;
  private readonly region: string;
  private readonly storageClass?: StorageClass;

  /**
   * @throws CloudTrailBaselineError when the stack's region or account is a token, the region is
   * malformed, equal to the archive's or in another partition, the bucket name breaks the S3
   * naming rules or equals one of the archive's, or the alias is malformed
   */
  constructor(scope: Construct, id: string, props: DisasterRecoveryReplicationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const p = 'LogArchiveProps.replication';
    const { region, bucketName } = props.replication;
    if (!isConcrete(stack.region) || !isConcrete(stack.account)) {
      throw new CloudTrailBaselineError(p,
        'needs a stack with a concrete account and region (env): the destination is in another region, named by bucket and key alias ARN, and must differ from this region');
    }
    if (!isConcrete(region)) {
      throw new CloudTrailBaselineError(`${p}.region`, 'must be a literal region code, not a token');
    }
    checkRegion(`${p}.region`, region);
    if (region === stack.region) {
      throw new CloudTrailBaselineError(`${p}.region`,
        `must differ from the archive's region ${stack.region}: a replica in the same region is no disaster recovery (use TamperProtection.mfaDelete() for a same-region vault)`);
    }
    if (partitionOf(region) !== partitionOf(stack.region)) {
      throw new CloudTrailBaselineError(`${p}.region`,
        `must be in the archive's partition ${partitionOf(stack.region)} (got ${region}, partition ${partitionOf(region)}): S3 does not replicate across partitions`);
    }
    if (!isConcrete(bucketName)) {
      throw new CloudTrailBaselineError(`${p}.bucketName`, 'must be a literal bucket name, not a token: the bucket is in another region');
    }
    checkBucketName(`${p}.bucketName`, bucketName);
    if (props.otherBucketNames.includes(bucketName)) {
      throw new CloudTrailBaselineError(`${p}.bucketName`,
        `must differ from the archive's own bucket names (got '${bucketName}'): S3 bucket names are global, so the replica needs its own`);
    }
    const aliasName = props.replication.encryptionKeyAlias ?? props.sourceKeyAlias;
    if (!isConcrete(aliasName)) {
      throw new CloudTrailBaselineError(`${p}.encryptionKeyAlias`, 'must be a literal alias, not a token: the key is in another region and named by its alias ARN');
    }
    if (!ALIAS.test(aliasName) || aliasName.startsWith('alias/aws/')) {
      throw new CloudTrailBaselineError(`${p}.encryptionKeyAlias`,
        `must be 'alias/' followed by letters, digits, '/', '_' or '-', and not an AWS managed key's alias (got '${aliasName}'): replicas need a customer managed key`);
    }
    this.aliasName = aliasName;
    this.region = region;
    this.storageClass = props.replication.storageClass;

    const partition = partitionOf(region);
    this.destination = Bucket.fromBucketAttributes(this, 'Destination', {
      bucketArn: `arn:${partition}:s3:::${bucketName}`,
      bucketName,
      region,
      account: stack.account,
    });
    this.destinationKey = Key.fromKeyArn(this, 'DestinationKey', `arn:${partition}:kms:${region}:${stack.account}:${aliasName}`);
  }

  /**
   * A replication role for the archive bucket when it has no other replication (no MFA delete
   * vault): trusted by S3 for this account only (confused deputy); `grantReplication` adds its
   * permissions.
   */
  public newReplicationRole(): Role {
    return new Role(this, 'ReplicationRole', {
      assumedBy: new ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Replicates the CloudTrail log archive to its disaster-recovery region (cdk-cloudtrail-baseline)',
    });
  }

  /**
   * The archive bucket's rule: every new object, SSE-KMS objects included, re-encrypted with the
   * destination's key; delete markers are not replicated (a deletion in the archive never
   * reaches the replica). S3 never replicates permanent deletions of versions.
   */
  public rule(priority: number): ReplicationRule {
    return {
      id: 'ReplicateToDisasterRecoveryRegion',
      priority,
      destination: this.destination,
      storageClass: this.storageClass,
      sseKmsEncryptedObjects: true,
      kmsKey: this.destinationKey,
      deleteMarkerReplication: false,
    };
  }

  /**
   * The replication role's policy for this destination (a customer managed policy), least
   * privilege as in the S3 user guide: read the source's replication configuration and object
   * versions (with `objectLock`, their Object Lock retention and legal hold, which S3 replicates); replicate
   * objects and tags (not deletes); decrypt through S3 in the source region with the source key;
   * encrypt through S3 in the destination region with the key behind the destination alias
   * (`kms:ResourceAliases`: the key ID is not known in this region).
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-replication
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases
   */
  public grantReplication(role: IRole, source: IBucket, sourceKey: IKey, options: { readonly objectLock: boolean }): ManagedPolicy {
    const stack = Stack.of(this);
    const partition = partitionOf(this.region);
    const policy = new ManagedPolicy(this, 'ReplicationPolicy', {
      description: `Replication of the CloudTrail log archive to ${this.region} for disaster recovery (cdk-cloudtrail-baseline)`,
      roles: [role],
      statements: [
        ...replicationSourceStatements(source, sourceKey, { objectLock: options.objectLock }),
        new PolicyStatement({
          sid: 'ReplicateToDisasterRecoveryRegion',
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [this.destination.arnForObjects('*')],
        }),
        new PolicyStatement({
          sid: 'EncryptReplicas',
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [`arn:${partition}:kms:${this.region}:${stack.account}:key/*`],
          conditions: {
            'StringEquals': { 'kms:ViaService': `s3.${this.region}.amazonaws.com` },
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': this.aliasName },
            'StringLike': { 'kms:EncryptionContext:aws:s3:arn': encryptionContextOf(this.destination) },
          },
        }),
      ],
    });
    const sourceLogicalId = stack.getLogicalId(source.node.defaultChild as CfnBucket);
    acknowledge(policy, [
      `AwsSolutions-IAM5[Resource::<${sourceLogicalId}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::${this.destination.bucketName}/*]`,
      `AwsSolutions-IAM5[Resource::arn:${partition}:kms:${this.region}:${stack.account}:key/*]`,
    ], 'Replication reads and writes every object version of exactly two buckets (the archive and its disaster-recovery replica): the object wildcards are each bucket\'s own ARN followed by /*, as in the S3 user guide. '
      + 'The replica key is in another region and known by alias only: the key wildcard is limited to that alias with kms:ResourceAliases and to S3 in that region with kms:ViaService.');
    return policy;
  }
}
