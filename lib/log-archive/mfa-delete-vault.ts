import { CfnElement, CfnOutput, Stack } from 'aws-cdk-lib';
import { Alarm, IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketProps, CfnBucket, IBucket, ReplicationRule, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MfaDeleteCheck } from './mfa-delete-check';
import { encryptionContextOf, replicationSourceStatements } from './replication-permissions';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { isConcrete } from '../private/validate';

/** Properties of an `MfaDeleteVault` (internal: built by `LogArchive` for `TamperProtection.mfaDelete()`). */
export interface MfaDeleteVaultProps {
  /** The settings every bucket of the archive shares (SSE-KMS, BPA, TLS-only, versioned, removal policy). */
  readonly secured: BucketProps;
  /** The archive key: the vault's default encryption and the replicas' key. */
  readonly encryptionKey: IKey;
  readonly vaultBucketName?: string;
  readonly vaultStorageClass: StorageClass;
  readonly checkIntervalMinutes: number;
  readonly alarmActions: IAlarmAction[];
  /** `LogArchiveProps.bucketName` and `.accessLogsBucketName`, which the vault's name must differ from. */
  readonly otherBucketNames: Array<string | undefined>;
}

/**
 * The replica "vault" bucket of `TamperProtection.mfaDelete()`: versioned, SSE-KMS with the archive
 * key, Block Public Access, `BucketOwnerEnforced`, TLS-only, EventBridge notifications, and no
 * lifecycle rule at all (S3 does not support lifecycle configuration on an MFA-delete bucket).
 * Also the replication role the archive bucket replicates with, the MFA delete check and alarm,
 * and the `EnableMfaDeleteCommand` stack output.
 */
export class MfaDeleteVault extends Construct {
  public readonly bucket: Bucket;
  public readonly replicationRole: Role;
  public readonly alarm: Alarm;
  private readonly props: MfaDeleteVaultProps;

  constructor(scope: Construct, id: string, props: MfaDeleteVaultProps) {
    super(scope, id);
    this.props = props;
    const name = props.vaultBucketName;
    if (isConcrete(name) && props.otherBucketNames.some((other) => other === name)) {
      throw new CloudTrailBaselineError('MfaDeleteProtectionOptions.vaultBucketName',
        `must differ from LogArchiveProps.bucketName and LogArchiveProps.accessLogsBucketName (got '${name}' twice)`);
    }
    const stack = Stack.of(this);
    this.bucket = new Bucket(this, 'Bucket', { ...props.secured, bucketName: name });
    const cfn = this.bucket.node.defaultChild as CfnBucket;
    cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    this.bucket.node.addValidation({
      validate: () => (stack.resolve(cfn.lifecycleConfiguration) === undefined ? [] : [
        'MfaDeleteProtectionOptions (LogArchive.vaultBucket): the vault bucket must have no lifecycle rule: S3 does not support lifecycle configuration on a bucket with MFA delete, and a lifecycle would expire the evidence the vault keeps. Put lifecycle rules on LogArchive.bucket (LogArchiveProps.lifecycle) instead',
      ]),
    });
    acknowledge(this.bucket, ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'],
      'The vault is itself the replica of the archive bucket (same region, MFA delete); disaster-recovery replication to another region is done from the archive bucket (LogArchiveProps.replication).');

    // Trusted by S3 for this account only (confused deputy). Its permissions are added by
    // replicateFrom(), once the source bucket exists.
    this.replicationRole = new Role(this, 'ReplicationRole', {
      assumedBy: new ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Replicates the CloudTrail log archive into its MFA delete vault (cdk-cloudtrail-baseline)',
    });

    const check = new MfaDeleteCheck(this, 'Check', {
      vaultBucket: this.bucket,
      encryptionKey: props.encryptionKey,
      checkIntervalMinutes: props.checkIntervalMinutes,
      alarmActions: props.alarmActions,
    });
    this.alarm = check.alarm;

    new CfnOutput(this, 'EnableMfaDeleteCommand', {
      description: 'Run once as the root user of the log archive account (with an MFA device) to enable MFA delete on the vault bucket; CloudFormation cannot. '
        + 'Replace <device-name> with the name of the root user\'s virtual MFA device (for a hardware device, pass its serial number instead of the whole ARN) '
        + 'and <code> with the 6-digit code it shows. The MfaDeleteEnabled alarm stays in ALARM until this is done.',
      value: `aws s3api put-bucket-versioning --bucket ${name ?? this.bucket.bucketName} --versioning-configuration Status=Enabled,MFADelete=Enabled `
        + `--mfa "arn:${stack.partition}:iam::${stack.account}:mfa/<device-name> <code>"`,
    });
  }

  /**
   * The archive bucket's replication rule into the vault: every new object, SSE-KMS objects
   * included, re-encrypted with the archive key, in the vault storage class; delete markers are
   * not replicated, so a deletion in the archive never reaches the vault.
   */
  public get replicationRule(): ReplicationRule {
    return {
      id: 'ReplicateToMfaDeleteVault',
      destination: this.bucket,
      storageClass: this.props.vaultStorageClass,
      sseKmsEncryptedObjects: true,
      kmsKey: this.props.encryptionKey,
      deleteMarkerReplication: false,
    };
  }

  /**
   * The replication role's only policy (a customer managed policy), least privilege as in the S3
   * user guide: read the source's replication configuration and object versions; replicate
   * objects and tags (not deletes) into the vault; decrypt with the key through S3 on the source
   * and encrypt through S3 on the vault (`kms:ViaService`, encryption context of either bucket:
   * the bucket ARN with an S3 Bucket Key, the object ARN without).
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
   */
  public replicateFrom(source: IBucket): void {
    const stack = Stack.of(this);
    const viaS3 = `s3.${stack.region}.amazonaws.com`;
    const policy = new ManagedPolicy(this, 'ReplicationPolicy', {
      description: 'Replication of the CloudTrail log archive into its MFA delete vault (cdk-cloudtrail-baseline)',
      roles: [this.replicationRole],
      statements: [
        // The archive bucket has no Object Lock with TamperProtection.mfaDelete().
        ...replicationSourceStatements(source, this.props.encryptionKey, { objectLock: false }),
        new PolicyStatement({
          sid: 'ReplicateIntoVault',
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [this.bucket.arnForObjects('*')],
        }),
        new PolicyStatement({
          sid: 'EncryptReplicas',
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [this.props.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': viaS3 }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': encryptionContextOf(this.bucket) } },
        }),
      ],
    });
    const objectsOf = (bucket: IBucket) => {
      const cfn = bucket.node.defaultChild as CfnElement;
      return `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(cfn)}.Arn>/*]`;
    };
    acknowledge(policy, [objectsOf(source), objectsOf(this.bucket)],
      'Replication reads and writes every object version of exactly two buckets (the archive and its vault): the object wildcard is the bucket\'s own ARN followed by /*, as in the S3 user guide.');
  }
}
