import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IBucket } from 'aws-cdk-lib/aws-s3';

/**
 * The statements every replication role of the archive bucket needs on its source, least
 * privilege as in the S3 user guide: read the replication configuration and list the bucket; read
 * object versions with their ACL and tags (and, when the archive has Object Lock, their retention
 * and legal hold, which S3 replicates); decrypt with the archive key through S3 in the archive's
 * region, for the archive's encryption context only (the bucket ARN with an S3 Bucket Key, the
 * object ARN without).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-replication
 */
export function replicationSourceStatements(source: IBucket, sourceKey: IKey, options: { readonly objectLock: boolean }): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ReadSourceReplicationConfiguration',
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [source.bucketArn],
    }),
    new PolicyStatement({
      sid: 'ReadSourceObjectVersions',
      actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging',
        ...(options.objectLock ? ['s3:GetObjectRetention', 's3:GetObjectLegalHold'] : [])],
      resources: [source.arnForObjects('*')],
    }),
    new PolicyStatement({
      sid: 'DecryptSourceObjects',
      actions: ['kms:Decrypt'],
      resources: [sourceKey.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${Stack.of(source).region}.amazonaws.com` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': encryptionContextOf(source) },
      },
    }),
  ];
}

/** The S3 encryption contexts of a bucket's objects: the bucket ARN (S3 Bucket Key) or the object ARN. */
export function encryptionContextOf(bucket: IBucket): string[] {
  return [bucket.bucketArn, bucket.arnForObjects('*')];
}
