// What every bucket the library creates shares. Not exported from the package.
import { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, BucketEncryption, BucketProps, ObjectOwnership } from 'aws-cdk-lib/aws-s3';

/**
 * SSE-KMS with the given key and an S3 Bucket Key, no public access, no ACLs (bucket owner
 * enforced), TLS 1.2 or later only, versioned.
 */
export function securedBucketProps(encryptionKey: IKey): BucketProps {
  return {
    encryption: BucketEncryption.KMS,
    encryptionKey,
    bucketKeyEnabled: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
  };
}
