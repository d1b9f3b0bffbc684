import { Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { CloudTrailBaselineError } from './errors';
import { is, requireLiteral, requireLiteralDuration } from './props-schema';

/** True when the value is a concrete string, not a CDK token. */
export function isConcrete(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
// Two to four letters first: 'eusc-de-east-1' (partition aws-eusc) is a region too.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

export function checkAccountId(property: string, value: string): void {
  if (isConcrete(value) && !ACCOUNT_ID.test(value)) {
    throw new CloudTrailBaselineError(property, `must be a 12-digit AWS account ID (got '${value}')`);
  }
}

export function checkOrganizationId(property: string, value: string): void {
  if (isConcrete(value) && !ORGANIZATION_ID.test(value)) {
    throw new CloudTrailBaselineError(property,
      `must be an AWS Organizations ID, 'o-' followed by 10 to 32 lowercase letters or digits (got '${value}')`);
  }
}

export function checkRegion(property: string, value: string): void {
  if (isConcrete(value) && !REGION.test(value)) {
    throw new CloudTrailBaselineError(property, `must be an AWS Region code such as 'us-east-1' (got '${value}')`);
  }
}

/**
 * Region prefixes of the partitions other than `aws`, longest first. Checked before aws-cdk-lib's
 * region-info, whose fact tables take ~50 ms to load (a sixth of a landing zone's synth).
 *
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
const PARTITION_PREFIXES: Array<[string, string]> = [
  ['us-isob-', 'aws-iso-b'], ['us-isof-', 'aws-iso-f'], ['eu-isoe-', 'aws-iso-e'], ['us-iso-', 'aws-iso'],
  ['us-gov-', 'aws-us-gov'], ['cn-', 'aws-cn'], ['eusc-', 'aws-eusc'],
];
/** Region prefixes of the `aws` partition's commercial regions. */
const AWS_PREFIXES = ['af-', 'ap-', 'ca-', 'eu-', 'il-', 'me-', 'mx-', 'sa-', 'us-'];

/**
 * The partition of a concrete region: from its prefix for the known partitions' naming, else from
 * aws-cdk-lib's region-info (e.g. `aws-cn` for `cn-north-1`); `undefined` when neither knows it.
 */
export function knownPartitionOf(region: string): string | undefined {
  const special = PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix));
  if (special) return special[1];
  if (AWS_PREFIXES.some((prefix) => region.startsWith(prefix)) && REGION.test(region)) return 'aws';
  return RegionInfo.get(region).partition;
}

export function partitionOf(region: string): string {
  return knownPartitionOf(region) ?? 'aws';
}

/**
 * CloudTrail trail names: 3-128 characters; letters, digits, '.', '_' and '-'; start and end with a
 * letter or digit; no adjacent '.', '_' or '-' (e.g. 'my-_trail'); not an IP address.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
 */
export function checkTrailName(property: string, value: string): void {
  if (!isConcrete(value)) {
    throw new CloudTrailBaselineError(property,
      'must be a literal string, not a token: the trail ARN has to be known at synth time for the bucket and key policies (aws:SourceArn)');
  }
  const problems: string[] = [];
  if (value.length < 3 || value.length > 128) problems.push('be 3 to 128 characters long');
  if (!/^[A-Za-z0-9._-]+$/.test(value)) problems.push("contain only letters, digits, '.', '_' and '-'");
  if (!/^[A-Za-z0-9]/.test(value) || !/[A-Za-z0-9]$/.test(value)) problems.push('start and end with a letter or digit');
  if (/[._-]{2}/.test(value)) problems.push("not have adjacent '.', '_' or '-'");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) problems.push('not be formatted as an IP address');
  if (problems.length > 0) {
    throw new CloudTrailBaselineError(property, `must ${problems.join(', ')} (got '${value}')`);
  }
}

/** A whole number of days from a Duration, or an error naming the property. */
export function wholeDays(property: string, duration: { toDays(opts?: { integral?: boolean }): number }): number {
  is.duration(property, duration);
  requireLiteralDuration(property, duration as any, 'the durations are checked against each other and against S3\'s minimums at synth time');
  let days: number;
  try {
    days = duration.toDays({ integral: true });
  } catch {
    throw new CloudTrailBaselineError(property, 'must be a whole number of days');
  }
  if (days < 0) throw new CloudTrailBaselineError(property, 'must not be negative');
  return days;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkEmail(property: string, value: string): void {
  if (isConcrete(value) && (!EMAIL.test(value) || value.length > 254)) {
    throw new CloudTrailBaselineError(property, `must be an email address such as 'security@example.com' (got '${value}')`);
  }
}

/**
 * An alarm name prefix: literal (alarm names are checked for CloudWatch's 255 characters and for
 * uniqueness at synth time), at most 100 letters, digits, `.`, `-`, `_`.
 */
export function checkAlarmNamePrefix(property: string, prefix: string | undefined): void {
  if (prefix === undefined) return;
  is.string(property, prefix);
  requireLiteral(property, prefix, 'alarm names are checked for CloudWatch\'s 255-character limit and for uniqueness in the account and region at synth time');
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(prefix)) {
    throw new CloudTrailBaselineError(property, `must be at most 100 letters, digits, '.', '-' or '_' (got '${prefix}')`);
  }
}

/**
 * S3 general purpose bucket naming rules.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const BUCKET_NAME = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** @throws CloudTrailBaselineError naming `property` unless a token or a name S3 accepts for a general purpose bucket */
export function checkBucketName(property: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    throw new CloudTrailBaselineError(property,
      `must follow the S3 bucket naming rules: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not an IP address, no reserved prefix or suffix (got '${name}')`);
  }
}

/** An S3 key prefix without leading or trailing `/`, 1-200 characters (tokens pass). @throws CloudTrailBaselineError naming `property` */
export function checkPrefix(property: string, prefix: string | undefined): string | undefined {
  if (prefix === undefined || Token.isUnresolved(prefix)) return prefix;
  if (prefix.startsWith('/') || prefix.endsWith('/') || prefix.length > 200 || prefix.length === 0) {
    throw new CloudTrailBaselineError(property,
      `must be 1-200 characters without a leading or trailing '/' (got '${prefix}')`);
  }
  return prefix;
}

/**
 * A list of literal strings (a StackSet's targets are fixed at synth time), at least one, none twice.
 */
export function literalList(property: string, value: string[] | undefined): string[] {
  if (value === undefined || value.length === 0) throw new CloudTrailBaselineError(property, 'must list at least one value');
  const seen = new Set<string>();
  value.forEach((v, i) => {
    if (Token.isUnresolved(v)) {
      throw new CloudTrailBaselineError(`${property}[${i}]`, 'must be a literal string, not a token: the StackSet\'s targets are fixed at synth time');
    }
    if (seen.has(v)) throw new CloudTrailBaselineError(`${property}[${i}]`, `lists '${v}' twice`);
    seen.add(v);
  });
  return [...value];
}

const OU_OR_ROOT = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/** The organizational units (or the root) a service-managed StackSet deploys to: literals, at least one, well-formed. */
export function checkStackSetOrganizationalUnits(property: string, value: string[] | undefined): string[] {
  const ous = literalList(property, value);
  ous.forEach((ou, i) => {
    if (!OU_OR_ROOT.test(ou)) {
      throw new CloudTrailBaselineError(`${property}[${i}]`, `must be an OU ID ('ou-<root part>-<8 to 32 characters>') or the root ID ('r-...') (got '${ou}')`);
    }
  });
  return ous;
}
