import { Token } from 'aws-cdk-lib';
import { CloudTrailBaselineError } from '../private/errors';

/**
 * S3 general purpose bucket naming rules.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const BUCKET_NAME = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function checkBucketName(property: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    throw new CloudTrailBaselineError(property,
      `must follow the S3 bucket naming rules: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not an IP address, no reserved prefix or suffix (got '${name}')`);
  }
}

export function checkPrefix(property: string, prefix: string | undefined): string | undefined {
  if (prefix === undefined || Token.isUnresolved(prefix)) return prefix;
  if (prefix.startsWith('/') || prefix.endsWith('/') || prefix.length > 200 || prefix.length === 0) {
    throw new CloudTrailBaselineError(property,
      `must be 1-200 characters without a leading or trailing '/' (got '${prefix}')`);
  }
  return prefix;
}
