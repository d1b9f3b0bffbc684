import { Annotations, Arn, ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { Grant, IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ILogArchive, LogArchiveAttributes, TrailDeliveryConfig } from './ilog-archive';
import { BUCKET_READ_ACTIONS, bucketKeyDecryptCondition, Conditions, grantArchiveRead, OBJECT_READ_ACTIONS, trailEncryptionContexts } from './readers';
import { trailBucketStatements, trailKeyStatements } from './trail-policies';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkBucketName, checkPrefix, isConcrete, partitionOf } from '../private/validate';

/**
 * A log archive owned by another stack or account (`LogArchive.fromLogArchiveAttributes`). Its
 * policies cannot be changed from here: `bindTrail` warns with the statements the owner must add,
 * unless the trail is among `allowedTrails`.
 */
export class ImportedLogArchive extends Construct implements ILogArchive {
  public readonly bucket: IBucket;
  private readonly accessLogsBucket?: IBucket;
  private readonly vaultBucketArn?: string;
  public readonly encryptionKeyArn?: string;
  public readonly region: string;
  public readonly s3KeyPrefix?: string;
  /** Not known: the owner's stack decides whether the bucket sends events to EventBridge. */
  public readonly eventBridgeEnabled?: boolean = false;
  private readonly allowedTrailArns: Set<string>;
  /** The trails known to write here: `allowedTrails` and those bound with `bindTrail()`. */
  private readonly knownTrails: TrailDescription[] = [];
  private readonly account?: string;

  constructor(scope: Construct, id: string, attrs: LogArchiveAttributes) {
    super(scope, id);
    checkProps('LogArchiveAttributes', attrs, schemas.LogArchiveAttributes(), ['bucketName']);
    checkBucketName('LogArchiveAttributes.bucketName', attrs.bucketName);
    let keyRegion: string | undefined;
    let keyAccount: string | undefined;
    checkEncryption(attrs);
    if (isConcrete(attrs.encryptionKeyArn)) {
      if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(attrs.encryptionKeyArn)) {
        throw new CloudTrailBaselineError('LogArchiveAttributes.encryptionKeyArn',
          `must be a KMS key ARN or alias ARN, e.g. 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive' (got '${attrs.encryptionKeyArn}')`);
      }
      const arn = Arn.split(attrs.encryptionKeyArn, ArnFormat.SLASH_RESOURCE_NAME);
      keyRegion = arn.region;
      keyAccount = arn.account;
    }
    const region = attrs.region ?? keyRegion ?? Stack.of(this).region;
    if (isConcrete(region) && keyRegion !== undefined && region !== keyRegion) {
      throw new CloudTrailBaselineError('LogArchiveAttributes.encryptionKeyArn',
        `must be a key in the bucket's region ${region} (got a key in ${keyRegion}): CloudTrail requires the KMS key and the bucket in the same region`);
    }
    this.region = region;
    this.encryptionKeyArn = attrs.encryptionKeyArn;
    this.s3KeyPrefix = checkPrefix('LogArchiveAttributes.s3KeyPrefix', attrs.s3KeyPrefix);
    this.allowedTrailArns = new Set((attrs.allowedTrails ?? []).map((t) => t.trailArn));
    this.knownTrails.push(...(attrs.allowedTrails ?? []));
    this.account = attrs.account ?? keyAccount;
    const partition = isConcrete(region) ? partitionOf(region) : Aws.PARTITION;
    this.bucket = Bucket.fromBucketAttributes(this, 'Bucket', {
      bucketName: attrs.bucketName,
      bucketArn: `arn:${partition}:s3:::${attrs.bucketName}`,
      region,
      account: attrs.account ?? keyAccount,
    });
    if (attrs.accessLogsBucketName !== undefined) {
      checkBucketName('LogArchiveAttributes.accessLogsBucketName', attrs.accessLogsBucketName);
      this.accessLogsBucket = Bucket.fromBucketAttributes(this, 'AccessLogsBucket', {
        bucketName: attrs.accessLogsBucketName,
        bucketArn: `arn:${partition}:s3:::${attrs.accessLogsBucketName}`,
        region,
        account: attrs.account ?? keyAccount,
      });
    }
    if (attrs.vaultBucketName !== undefined) {
      checkBucketName('LogArchiveAttributes.vaultBucketName', attrs.vaultBucketName);
      this.vaultBucketArn = `arn:${partition}:s3:::${attrs.vaultBucketName}`;
    }
    if (this.encryptionKeyArn === undefined) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:sseS3LogArchive',
        `The log archive ${attrs.bucketName} is imported with LogArchiveAttributes.s3ManagedEncryption: it has no KMS key, so trails deliver `
        + 'CloudTrail log files encrypted with SSE-S3 instead of SSE-KMS (no KMSKeyId), and readers get no kms:Decrypt. Security Hub CloudTrail.2 '
        + '(CloudTrail should have encryption at-rest enabled; CIS 3.5 / 3.7) fails for these trails, and anyone allowed s3:GetObject on the bucket can '
        + 'read the log files without a key permission. Give the archive a KMS key (LogArchive creates one) to keep both.');
    }
  }

  public archiveBucketArns(): string[] {
    return [
      this.bucket.bucketArn,
      ...(this.accessLogsBucket ? [this.accessLogsBucket.bucketArn] : []),
      ...(this.vaultBucketArn ? [this.vaultBucketArn] : []),
    ];
  }

  /**
   * Binds a trail: the archive's bucket, key ARN, prefix and known buckets, and no dependency (the
   * policies are the owner's). Unless the trail is among `allowedTrails`, warns with the bucket and
   * key policy statements the archive's own stack must add (`importedLogArchive`).
   */
  public bindTrail(_scope: IConstruct, trail: TrailDescription): TrailDeliveryConfig {
    this.allowTrail(trail);
    return {
      bucketName: this.bucket.bucketName,
      encryptionKeyArn: this.encryptionKeyArn,
      s3KeyPrefix: trail.s3KeyPrefixIn(this.s3KeyPrefix),
      excludedBucketArns: this.archiveBucketArns(),
      dependables: [],
    };
  }

  private allowTrail(trail: TrailDescription): void {
    if (!this.knownTrails.some((t) => t.trailArn === trail.trailArn)) this.knownTrails.push(trail);
    if (this.allowedTrailArns.has(trail.trailArn)) return;
    const statements = [
      ...trailBucketStatements(this.bucket.bucketArn, [trail], this.s3KeyPrefix),
      ...(this.encryptionKeyArn === undefined ? [] : trailKeyStatements([trail])),
    ];
    Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:importedLogArchive',
      `The log archive ${this.bucket.bucketName} is imported: this stack cannot change its policies, and LogArchiveAttributes.allowedTrails does not list this trail. `
      + `The archive's own stack must allow trail ${trail.trailArn} (LogArchiveProps.trails), with these statements `
      + `(${this.encryptionKeyArn === undefined ? 'bucket policy' : 'bucket policy, then key policy'}): ${JSON.stringify(Stack.of(this).resolve(statements.map((s) => s.toStatementJson())))}`);
  }

  /**
   * Grants read access on the grantee's side only: its IAM policy gets the S3 reads and
   * `kms:Decrypt` for CloudTrail log files (with `kms:ResourceAliases` when the archive is known by
   * an alias ARN, since IAM policies cannot name a key by alias). When the grantee is not known to
   * be in the archive's account, a warning lists the bucket and key policy statements the
   * archive's owner must add (`importedLogArchiveReader`).
   *
   * @see https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
   */
  public grantRead(grantee: IGrantable): Grant {
    const encryptionKeyArn = this.encryptionKeyArn;
    // SSE-S3 (s3ManagedEncryption): S3 decrypts on GetObject, no key permission to grant.
    const decryptConditions = encryptionKeyArn === undefined ? [] : [this.logFileCondition(), bucketKeyDecryptCondition(this.bucket.bucketArn)];
    const alias = isConcrete(encryptionKeyArn) ? /:(alias\/.+)$/.exec(encryptionKeyArn)?.[1] : undefined;
    const keyArn = alias === undefined || encryptionKeyArn === undefined ? encryptionKeyArn ?? ''
      : Arn.format({ ...Arn.split(encryptionKeyArn, ArnFormat.SLASH_RESOURCE_NAME), resourceName: '*', resource: 'key' });
    const grant = grantArchiveRead(grantee, {
      bucket: this.bucket,
      keyArn,
      keyConditions: alias === undefined ? undefined : { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } },
      decryptConditions,
    });
    const granteeAccount = grantee.grantPrincipal.principalAccount;
    if (!(isConcrete(granteeAccount) && isConcrete(this.account) && granteeAccount === this.account)) {
      const principals = [grantee.grantPrincipal];
      const statements = [
        new PolicyStatement({ sid: 'ReadCloudTrailLogsBucket', principals, actions: BUCKET_READ_ACTIONS, resources: [this.bucket.bucketArn] }),
        new PolicyStatement({ sid: 'ReadCloudTrailLogsObjects', principals, actions: OBJECT_READ_ACTIONS, resources: [this.bucket.arnForObjects('*')] }),
        ...decryptConditions.map((conditions, i) => new PolicyStatement({
          sid: ['DecryptCloudTrailLogs', 'DecryptWithS3BucketKey'][i], principals, actions: ['kms:Decrypt'], resources: ['*'], conditions,
        })),
      ];
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:importedLogArchiveReader',
        `The log archive ${this.bucket.bucketName} is imported and the reader may be in another account (${granteeAccount ?? 'unknown'}) than the archive (${this.account ?? 'unknown'}): `
        + 'this stack only changed the reader\'s IAM policy. The archive\'s own stack must add these statements '
        + `(${encryptionKeyArn === undefined ? 'to the bucket policy' : 'two to the bucket policy, then two to the key policy'}), `
        + `e.g. with LogArchive.grantRead(): ${JSON.stringify(Stack.of(this).resolve(statements.map((s) => s.toStatementJson())))}`);
    }
    return grant;
  }

  /** `kms:Decrypt` only for CloudTrail log files: of the known trails' owners, else of any trail. */
  private logFileCondition(): Conditions {
    return this.knownTrails.length > 0
      ? { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailEncryptionContexts(this.knownTrails) } }
      : { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } };
  }
}

/**
 * Exactly one of a KMS key and SSE-S3 (the types were checked by the attributes' schema).
 * @throws CloudTrailBaselineError naming the attribute
 */
function checkEncryption(attrs: LogArchiveAttributes): void {
  const sseS3 = attrs.s3ManagedEncryption;
  if (sseS3 === true && attrs.encryptionKeyArn !== undefined) {
    throw new CloudTrailBaselineError('LogArchiveAttributes.s3ManagedEncryption',
      'must not be true together with LogArchiveAttributes.encryptionKeyArn: an archive is encrypted either with a KMS key (SSE-KMS) or with S3 managed keys (SSE-S3)');
  }
  if (sseS3 !== true && attrs.encryptionKeyArn === undefined) {
    throw new CloudTrailBaselineError('LogArchiveAttributes.encryptionKeyArn',
      'is required unless LogArchiveAttributes.s3ManagedEncryption is true (an archive encrypted with S3 managed keys, SSE-S3: see its warning)');
  }
}
