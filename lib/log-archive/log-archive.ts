import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, IAlarm, IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Grant, IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketProps, CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { DisasterRecoveryReplication } from './disaster-recovery-replication';
import { ILogArchive, LogArchiveAttributes, TrailDeliveryConfig } from './ilog-archive';
import { ImportedLogArchive } from './imported-log-archive';
import { lifecycleRules, resolveLifecycle, transitionDefaultMinimumObjectSize } from './lifecycle-rules';
import { checkAliasUnique, checkArchiveProps, checkTrailPartition, protectEvidence } from './log-archive-checks';
import { LogArchiveProps } from './log-archive-props';
import { MfaDeleteVault } from './mfa-delete-vault';
import { OrganizationReadGrant, OrganizationReadOptions } from './organization-read-options';
import {
  checkOrganizationReadOptions, grantArchiveRead, logFileDecryptConditions, organizationReadBucketStatements,
  organizationReadKeyStatements,
} from './readers';
import { TamperProtection } from './tamper-protection';
import { objectLockProps, warnUnprotected } from './tamper-protection-rules';
import { trailBucketStatements, trailKeyStatements } from './trail-policies';
import { TrailDescription } from '../organization/trail-description';
import { securedBucketProps } from '../private/buckets';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { baselineKey } from '../private/keys';
import { claimPhysicalName } from '../private/physical-names';
import { checkProps, requireLiteral } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkBucketName, checkPrefix, isConcrete, partitionOf, wholeDays } from '../private/validate';

/**
 * The log archive of a CloudTrail baseline: a KMS-encrypted, versioned, TLS-only, access-logged
 * bucket with tamper protection (Object Lock by default) and a lifecycle to Glacier, its customer
 * managed key, and a separate bucket for its server access logs.
 *
 * - SSE-KMS with an S3 Bucket Key, key rotation on; Block Public Access; `BucketOwnerEnforced`;
 *   `aws:SecureTransport` enforced; versioning; `tamperProtection`: Object Lock (governance, 365
 *   days by default), or replication into an MFA delete vault bucket (`vaultBucket`), or none;
 *   server access logs to a separate bucket encrypted with the same key (S3 does not deliver
 *   access logs to an Object Lock bucket); EventBridge notifications; removal policy RETAIN.
 * - Bucket and key policies exactly as the CloudTrail user guide documents them, bound with
 *   `aws:SourceArn` to each trail's ARN (`addTrail()`).
 * - Evidence protection (`denyEvidenceTampering`, on by default): both bucket policies deny the
 *   actions that erase log files or weaken their protection to every principal but the deployment
 *   role, the account's root user and `breakGlassRoleArns`.
 * - Readers: `grantRead()` (same or another account) and `grantOrganizationRead()` (a security
 *   tooling account), with `kms:Decrypt` limited to CloudTrail log files of the archive's trails.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export class LogArchive extends Construct implements ILogArchive {
  /**
   * Refers to an existing log archive, e.g. the log archive account's from the management account.
   *
   * @throws Error (`CloudTrailBaselineError`) when the key ARN is malformed, or the key and the
   * bucket are in different known regions (CloudTrail requires them in the same region)
   */
  public static fromLogArchiveAttributes(scope: Construct, id: string, attrs: LogArchiveAttributes): ILogArchive {
    return new ImportedLogArchive(scope, id, attrs);
  }

  public readonly bucket: IBucket;
  /** The customer managed key that encrypts the log files. */
  public readonly encryptionKey: IKey;
  /** The ARN of `encryptionKey`: always set on a `LogArchive` (optional in `ILogArchive` for SSE-S3 imports). */
  public readonly encryptionKeyArn?: string;
  /** The bucket that receives the archive bucket's server access logs. */
  public readonly accessLogsBucket: IBucket;
  public readonly region: string;
  public readonly s3KeyPrefix?: string;
  /**
   * The replica vault bucket, on which the root user enables MFA delete, with
   * `TamperProtection.mfaDelete()`. Do not add lifecycle rules to it: synth fails.
   */
  public readonly vaultBucket?: IBucket;
  /** The alarm that fires when MFA delete is off on the vault bucket (or its check does not run), with `TamperProtection.mfaDelete()`. */
  public readonly mfaDeleteAlarm?: IAlarm;
  /** The disaster-recovery replica bucket in another region, with `LogArchiveProps.replication`. */
  public readonly replicaBucket?: IBucket;
  /** Always true: the archive and access-logs buckets send their object events to EventBridge. */
  public readonly eventBridgeEnabled?: boolean = true;
  private readonly trails: TrailDescription[] = [];
  private organizationReads = 0;
  /** The MFA delete check alarm, to route with `addMfaDeleteAlarmActions()`. */
  private readonly vaultAlarm?: Alarm;
  /** The bucket ARN as a key policy can name it: from `bucketName`, else any bucket of the partition. */
  private readonly bucketArnPattern: string;

  constructor(scope: Construct, id: string, props: LogArchiveProps = {}) {
    super(scope, id);
    checkProps('LogArchiveProps', props, schemas.LogArchiveProps());
    const stack = Stack.of(this);
    this.region = stack.region;
    this.s3KeyPrefix = checkPrefix('LogArchiveProps.s3KeyPrefix', props.s3KeyPrefix);
    this.bucketArnPattern = `arn:${stack.partition}:s3:::${props.bucketName ?? '*'}`;
    if (props.bucketName !== undefined) checkBucketName('LogArchiveProps.bucketName', props.bucketName);
    if (props.accessLogsBucketName !== undefined) checkBucketName('LogArchiveProps.accessLogsBucketName', props.accessLogsBucketName);
    claimPhysicalName(this, 'S3 bucket', props.bucketName, 'LogArchiveProps.bucketName', 'partition');
    claimPhysicalName(this, 'S3 bucket', props.accessLogsBucketName, 'LogArchiveProps.accessLogsBucketName', 'partition');
    const alias = props.encryptionKeyAlias ?? 'alias/cloudtrail-log-archive';
    requireLiteral('LogArchiveProps.encryptionKeyAlias', alias,
      'the alias ARN is how trails in other accounts and the disaster-recovery replica name the key, and aliases are checked for uniqueness at synth time');
    if (!/^alias\/[A-Za-z0-9/_-]{1,250}$/.test(alias) || alias.startsWith('alias/aws/')) {
      throw new CloudTrailBaselineError('LogArchiveProps.encryptionKeyAlias',
        `must be 'alias/' followed by letters, digits, '/', '_' or '-', and not start with 'alias/aws/' (got '${alias}')`);
    }
    const lifecycle = resolveLifecycle(props.lifecycle);
    const protection = (props.tamperProtection ?? TamperProtection.objectLock())._resolved;
    const objectLock = objectLockProps(protection, lifecycle.expirationDays);
    const accessLogsDays = wholeDays('LogArchiveProps.accessLogsRetention', props.accessLogsRetention ?? Duration.days(365));
    if (accessLogsDays < 1) {
      throw new CloudTrailBaselineError('LogArchiveProps.accessLogsRetention', 'must be at least 1 day');
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    checkArchiveProps(props);
    checkAliasUnique(this, alias);
    const key = baselineKey(this, 'Key', 'Encrypts CloudTrail log files in the log archive (cdk-cloudtrail-baseline)', alias);
    key.applyRemovalPolicy(removalPolicy);
    // No key policy statement for readers of this account: CDK's default key policy already lets
    // IAM policies of this account use the key (root `kms:*`), so a conditional Allow there would
    // narrow nothing. Readers get kms:Decrypt with the CloudTrail encryption context from grantRead().
    this.encryptionKey = key;
    this.encryptionKeyArn = key.keyArn;

    // Server access logs are delivered to an SSE-KMS bucket when the key is customer managed and
    // lets the logging service use it (aws-cdk#25350, with its deployed integration test).
    key.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowS3ServerAccessLogDelivery',
      principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    // What both buckets share (SSE-KMS with the bucket key, no public access, no ACLs, TLS 1.2+ only, versioned), retained.
    const secured: BucketProps = { ...securedBucketProps(key), removalPolicy };
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...secured,
      bucketName: props.accessLogsBucketName,
      lifecycleRules: [{
        id: 'ExpireAccessLogs',
        expiration: Duration.days(accessLogsDays),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });

    if (props.alarmActions?.length && !protection.mfaDelete) {
      throw new CloudTrailBaselineError('LogArchiveProps.alarmActions',
        'only applies to the MFA delete alarm of TamperProtection.mfaDelete(); this archive has no alarm to route, so remove alarmActions or choose mfaDelete()');
    }
    let vault: MfaDeleteVault | undefined;
    if (protection.mfaDelete) {
      vault = new MfaDeleteVault(this, 'Vault', {
        ...protection.mfaDelete,
        secured,
        encryptionKey: key,
        alarmActions: props.alarmActions ?? [],
        otherBucketNames: [props.bucketName, props.accessLogsBucketName],
      });
      this.vaultBucket = vault.bucket;
      this.mfaDeleteAlarm = vault.alarm;
      this.vaultAlarm = vault.alarm;
      this.enableServerAccessLogs(vault.bucket, 'vault-bucket/', 'S3ServerAccessLogsPolicyVault');
      // Raised now and withdrawn by addMfaDeleteAlarmActions(), rather than decided at synth: CDK's
      // acknowledgements cover a warning raised later only when made on an ancestor, so a user's
      // acknowledgement on the archive itself would stop working.
      if (!props.alarmActions?.length) {
        Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noMfaDeleteAlarmActions',
          'LogArchiveProps.alarmActions is empty: the MFA delete check alarm of the vault bucket has no action, so nobody is told when MFA delete is off or the check stops running.');
      }
    }
    warnUnprotected(this, protection);

    const dr = this.disasterRecovery(props, alias);
    // One role for every replication rule of the bucket (S3 takes one); rules need distinct priorities.
    const replicationRules = [
      ...(vault ? [{ ...vault.replicationRule, priority: dr ? 2 : undefined }] : []),
      ...(dr ? [dr.rule(1)] : []),
    ];
    const replicationRole = vault?.replicationRole ?? (dr ? dr.newReplicationRole() : undefined);
    const bucket = new Bucket(this, 'Bucket', {
      ...secured,
      bucketName: props.bucketName,
      ...objectLock,
      ...(replicationRole ? { replicationRole, replicationRules } : {}),
      lifecycleRules: lifecycleRules(lifecycle),
      transitionDefaultMinimumObjectSize: transitionDefaultMinimumObjectSize(lifecycle),
    });
    this.bucket = bucket;
    vault?.replicateFrom(bucket);
    if (dr && replicationRole) {
      dr.grantReplication(replicationRole, bucket, key, { objectLock: protection.objectLock !== undefined });
      this.replicaBucket = dr.destination;
    }
    this.enableServerAccessLogs(bucket);
    // Object-level events to EventBridge (free for AWS service events on the default bus): lets a
    // rule notice deletions or a trail that stopped delivering (Control Tower CT.S3.PR.? event notifications).
    for (const b of [bucket, this.accessLogsBucket]) {
      (b.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    }
    if (!vault && !dr) {
      acknowledge(bucket, ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'],
        props.replicaOf !== undefined
          ? `This archive is itself the disaster-recovery replica of ${props.replicaOf}; replicating the replica adds cost without a third copy's audit value.`
          : 'The archive is versioned (and Object Locked by default) in its own account; cross-region replication for disaster recovery is opt-in (LogArchiveProps.replication): it doubles the storage cost.');
    }
    acknowledge(this.accessLogsBucket, ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'],
      'Server access logs of the archive are operational records kept for a year; replicating them to another region adds cost without audit value.');

    protectEvidence(this, [bucket, ...(vault ? [vault.bucket] : [])], this.accessLogsBucket, props, key);

    for (const trail of props.trails ?? []) this.addTrail(trail);
    this.node.addValidation({
      validate: () => (this.trails.length === 0 && props.replicaOf === undefined
        ? ['LogArchiveProps.trails: no trail may deliver to this archive; pass at least one TrailDescription (or call addTrail()), or set replicaOf for a disaster-recovery replica']
        : []),
    });
  }

  /**
   * Lets a trail deliver to this archive: adds the documented bucket and key policy statements,
   * bound to the trail's exact ARN with `aws:SourceArn`. Adding the same trail twice is a no-op.
   * A trail may live in another region or account than the archive.
   */
  public addTrail(trail: TrailDescription): void {
    if (this.trails.some((t) => t.trailArn === trail.trailArn)) return;
    checkTrailPartition(this, trail);
    this.trails.push(trail);
    const n = this.trails.length === 1 ? '' : String(this.trails.length);
    for (const statement of trailBucketStatements(this.bucket.bucketArn, [trail], this.s3KeyPrefix)) {
      statement.sid = `${statement.sid}${n}`;
      this.bucket.addToResourcePolicy(statement);
    }
    for (const statement of trailKeyStatements([trail])) {
      statement.sid = `${statement.sid}${n}`;
      this.encryptionKey.addToResourcePolicy(statement);
    }
  }

  /**
   * Binds a trail: adds its bucket and key policy statements (as `addTrail()`), and returns where it
   * delivers: the bucket, the key's ARN, the S3 key prefix, the archive's buckets to exclude from S3
   * data events and, for a trail of this archive's stack, the bucket to create the trail after
   * (CloudTrail checks the bucket and key policies when the trail is created).
   *
   * @param scope the trail's construct
   * @param trail the trail's description
   * @throws Error (`CloudTrailBaselineError`) when the trail is of another partition than the archive's region
   */
  public bindTrail(scope: IConstruct, trail: TrailDescription): TrailDeliveryConfig {
    this.addTrail(trail);
    return {
      bucketName: this.bucket.bucketName,
      encryptionKeyArn: this.encryptionKeyArn,
      s3KeyPrefix: trail.s3KeyPrefixIn(this.s3KeyPrefix),
      excludedBucketArns: this.archiveBucketArns(),
      dependables: Stack.of(scope) === Stack.of(this.bucket) ? [this.bucket] : [],
    };
  }

  /**
   * Adds actions to the MFA delete check alarm (`mfaDeleteAlarm`), after those of
   * `LogArchiveProps.alarmActions`, e.g. the baseline's alarm topic. With at least one action the
   * `noMfaDeleteAlarmActions` warning goes.
   *
   * @param actions the alarm actions (on ALARM)
   * @throws Error (`CloudTrailBaselineError`) when the archive has no MFA delete alarm (its
   * `tamperProtection` is not `TamperProtection.mfaDelete()`)
   */
  public addMfaDeleteAlarmActions(...actions: IAlarmAction[]): void {
    if (!this.vaultAlarm) {
      throw new CloudTrailBaselineError('LogArchive.addMfaDeleteAlarmActions(actions)',
        'only applies to the MFA delete alarm of TamperProtection.mfaDelete(); this archive has no alarm to route');
    }
    this.vaultAlarm.addAlarmAction(...actions);
    if (actions.length > 0) Annotations.of(this).acknowledgeWarning('cdk-cloudtrail-baseline:noMfaDeleteAlarmActions', 'addMfaDeleteAlarmActions() routed the MFA delete alarm');
  }

  /**
   * Server access logs of the archive to the access-logs bucket, through its bucket policy (the
   * logging service principal, bound to this bucket and account) rather than an ACL, which
   * `BucketOwnerEnforced` disables. Set on the L1 so that it does not depend on the app's
   * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
   */
  private enableServerAccessLogs(bucket: Bucket, prefix = 'archive-bucket/', sid = 'S3ServerAccessLogsPolicy'): void {
    (bucket.node.defaultChild as CfnBucket).loggingConfiguration = {
      destinationBucketName: this.accessLogsBucket.bucketName,
      logFilePrefix: prefix,
      targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
    };
    this.accessLogsBucket.addToResourcePolicy(new PolicyStatement({
      sid,
      principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.accessLogsBucket.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      },
    }));
  }

  public archiveBucketArns(): string[] {
    return [this.bucket.bucketArn, this.accessLogsBucket.bucketArn,
      ...(this.vaultBucket ? [this.vaultBucket.bucketArn] : []), ...(this.replicaBucket ? [this.replicaBucket.bucketArn] : [])];
  }

  /** The disaster-recovery replication of `LogArchiveProps.replication`, validated, if any. */
  private disasterRecovery(props: LogArchiveProps, alias: string): DisasterRecoveryReplication | undefined {
    if (props.replicaOf !== undefined) {
      if (props.replication !== undefined) {
        throw new CloudTrailBaselineError('LogArchiveProps.replicaOf',
          'a disaster-recovery replica does not replicate further: set replicaOf or replication, not both');
      }
      if (isConcrete(props.replicaOf) && props.replicaOf === props.bucketName) {
        throw new CloudTrailBaselineError('LogArchiveProps.replicaOf',
          `must be the source archive's bucket name, not this archive's own (got '${props.replicaOf}')`);
      }
      checkBucketName('LogArchiveProps.replicaOf', props.replicaOf);
    }
    if (props.replication === undefined) return undefined;
    return new DisasterRecoveryReplication(this, 'DisasterRecovery', {
      replication: props.replication,
      sourceKeyAlias: alias,
      otherBucketNames: [props.bucketName, props.accessLogsBucketName, props.tamperProtection?._resolved.mfaDelete?.vaultBucketName],
    });
  }

  /** The trails allowed to deliver to this archive. */
  public get trailDescriptions(): TrailDescription[] {
    return [...this.trails];
  }

  /**
   * Grants read access to the log files: `s3:GetObject`, `s3:GetObjectVersion` on the objects,
   * `s3:ListBucket`, `s3:GetBucketLocation` on the bucket, and `kms:Decrypt` on the key only for
   * CloudTrail log files of this archive's trails (`StringLike
   * kms:EncryptionContext:aws:cloudtrail:arn = arn:<partition>:cloudtrail:*:<owner>:trail/*`) or for
   * the bucket's S3 Bucket Key (`kms:EncryptionContext:aws:s3:arn` = the bucket ARN, any bucket of
   * the partition when the name is generated), in two statements.
   * A grantee of this account gets them in its IAM policy; a grantee of another account gets them
   * in its IAM policy (when this stack can change it) and in the bucket and key policies: its own
   * account must allow the same actions too.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   */
  public grantRead(grantee: IGrantable): Grant {
    return grantArchiveRead(grantee, {
      bucket: this.bucket,
      key: this.encryptionKey,
      keyArn: this.encryptionKey.keyArn,
      decryptConditions: logFileDecryptConditions(() => this.trails, this.bucketArnPattern),
    });
  }

  /**
   * Lets principals of the organization read the log files without naming each one, e.g. every
   * role of a security tooling account: bucket policy statements (`OrganizationReadBucket`,
   * `OrganizationReadObjects`) and key policy statements (`OrganizationReadDecryptLogFiles`,
   * `OrganizationReadDecryptWithS3BucketKey`) for
   * any principal (`AWS: *`) with `aws:PrincipalOrgID`, and `aws:PrincipalAccount` and/or
   * `aws:PrincipalArn`; `kms:Decrypt` only for log files of this archive (as in `grantRead`). The
   * readers' own IAM policies must allow the same actions.
   *
   * @returns the statements added to the bucket policy and to the key policy
   * @throws Error (`CloudTrailBaselineError`) when the organization ID, an account ID or a role ARN
   * is malformed, or neither `accountIds` nor `principalArns` is given
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
   */
  public grantOrganizationRead(options: OrganizationReadOptions): OrganizationReadGrant {
    const region = Stack.of(this).region;
    checkOrganizationReadOptions(options, isConcrete(region) ? partitionOf(region) : undefined);
    this.organizationReads += 1;
    const suffix = this.organizationReads === 1 ? '' : String(this.organizationReads);
    const bucketStatements = organizationReadBucketStatements(this.bucket, options, suffix);
    for (const statement of bucketStatements) this.bucket.addToResourcePolicy(statement);
    const keyStatements = organizationReadKeyStatements(options, logFileDecryptConditions(() => this.trails, this.bucketArnPattern), suffix);
    for (const statement of keyStatements) this.encryptionKey.addToResourcePolicy(statement);
    return { bucketStatements, keyStatements };
  }
}
