import { Annotations, Arn, ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkBucketName, checkPrefix } from './bucket-naming';
import { ILogArchive, LogArchiveAttributes } from './ilog-archive';
import { trailBucketStatements, trailKeyStatements } from './trail-policies';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { isConcrete, partitionOf } from '../private/validate';

/**
 * A log archive owned by another stack or account (`LogArchive.fromLogArchiveAttributes`). Its
 * policies cannot be changed from here: `addTrail` warns with the statements the owner must add,
 * unless the trail is among `allowedTrails`.
 */
export class ImportedLogArchive extends Construct implements ILogArchive {
  public readonly bucket: IBucket;
  private readonly accessLogsBucket?: IBucket;
  private readonly vaultBucketArn?: string;
  public readonly encryptionKeyArn: string;
  public readonly region: string;
  public readonly s3KeyPrefix?: string;
  private readonly allowedTrailArns: Set<string>;

  constructor(scope: Construct, id: string, attrs: LogArchiveAttributes) {
    super(scope, id);
    checkBucketName('LogArchiveAttributes.bucketName', attrs.bucketName);
    let keyRegion: string | undefined;
    let keyAccount: string | undefined;
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
  }

  public archiveBucketArns(): string[] {
    return [
      this.bucket.bucketArn,
      ...(this.accessLogsBucket ? [this.accessLogsBucket.bucketArn] : []),
      ...(this.vaultBucketArn ? [this.vaultBucketArn] : []),
    ];
  }

  public addTrail(trail: TrailDescription): void {
    if (this.allowedTrailArns.has(trail.trailArn)) return;
    const statements = [
      ...trailBucketStatements(this.bucket.bucketArn, [trail], this.s3KeyPrefix),
      ...trailKeyStatements([trail]),
    ];
    Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:importedLogArchive',
      `The log archive ${this.bucket.bucketName} is imported: this stack cannot change its policies, and LogArchiveAttributes.allowedTrails does not list this trail. `
      + `The archive's own stack must allow trail ${trail.trailArn} (LogArchiveProps.trails), with these statements `
      + `(bucket policy, then key policy): ${JSON.stringify(Stack.of(this).resolve(statements.map((s) => s.toStatementJson())))}`);
  }
}
