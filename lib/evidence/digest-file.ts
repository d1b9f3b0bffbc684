/**
 * CloudTrail digest files: their keys, their fields, the string CloudTrail signs and the check of
 * its signature. Shared by `cdk-cloudtrail-baseline validate` (the chain over a time range) and
 * the `DigestValidator` function (one digest as it arrives). Node's own crypto and zlib only, no
 * AWS SDK: the AWS calls live with their callers.
 *
 * Internal module: not public API (not exported from lib/index.ts).
 *
 * Sources: CloudTrail user guide, "CloudTrail digest file structure" and "Custom implementations
 * of CloudTrail log file integrity validation"; the AWS CLI's `validate-logs`
 * (awscli/customizations/cloudtrail/validation.py), whose behaviour this follows case by case.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

/** One log file a digest lists. */
export interface DigestLogFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of the log file *decompressed*. */
  readonly hashValue: string;
  readonly hashAlgorithm?: string;
  readonly newestEventTime?: string;
  readonly oldestEventTime?: string;
}

/** The fields of a digest file this library reads. */
export interface DigestFile {
  readonly awsAccountId?: string;
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm?: string;
  readonly newestEventTime?: string | null;
  readonly oldestEventTime?: string | null;
  /** null in the first digest of a chain (after logging or validation was off). */
  readonly previousDigestS3Bucket?: string | null;
  readonly previousDigestS3Object?: string | null;
  /** Hex SHA-256 of the previous digest file, decompressed. */
  readonly previousDigestHashValue?: string | null;
  readonly previousDigestHashAlgorithm?: string | null;
  /** The previous digest's signature (hex), or null. */
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly DigestLogFile[];
}

/** S3 object metadata keys (without `x-amz-meta-`) CloudTrail writes on each digest. */
export const SIGNATURE_METADATA = 'signature';
export const SIGNATURE_ALGORITHM_METADATA = 'signature-algorithm';

/** The only signature algorithm CloudTrail uses. */
export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/**
 * The keys `validate-logs` requires before it checks a digest (a digest without one of them is
 * "invalid format").
 */
const REQUIRED_KEYS = [
  'digestPublicKeyFingerprint',
  'digestS3Bucket',
  'digestS3Object',
  'previousDigestSignature',
  'digestEndTime',
  'digestStartTime',
] as const;

/** A digest that is not gzip JSON with the required fields ("invalid format"). */
export class DigestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestFormatError';
    Object.setPrototypeOf(this, DigestFormatError.prototype);
  }
}

/** A public key that is not a base64 DER PKCS #1 RSA public key. */
export class PublicKeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicKeyFormatError';
    Object.setPrototypeOf(this, PublicKeyFormatError.prototype);
  }
}

/**
 * Parses a digest file's decompressed bytes.
 *
 * @throws DigestFormatError when it is not a JSON object with the required fields, or `logFiles`
 *   is not an array of objects with string `s3Bucket`, `s3Object` and `hashValue`.
 */
export function parseDigestFile(inflated: Uint8Array): DigestFile {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(inflated).toString('utf8'));
  } catch {
    throw new DigestFormatError('not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new DigestFormatError('not a JSON object');
  const record = data as Record<string, unknown>;
  for (const key of REQUIRED_KEYS) {
    if (!(key in record)) throw new DigestFormatError(`no ${key}`);
  }
  for (const key of ['digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'digestEndTime', 'digestStartTime']) {
    if (typeof record[key] !== 'string') throw new DigestFormatError(`${key} is not a string`);
  }
  if (record.previousDigestSignature !== null && typeof record.previousDigestSignature !== 'string') {
    throw new DigestFormatError('previousDigestSignature is neither a string nor null');
  }
  for (const key of ['digestStartTime', 'digestEndTime']) {
    if (Number.isNaN(Date.parse(record[key] as string))) throw new DigestFormatError(`${key} is not a date`);
  }
  const logFiles = record.logFiles ?? [];
  if (!Array.isArray(logFiles)) throw new DigestFormatError('logFiles is not an array');
  for (const log of logFiles as unknown[]) {
    const entry = log as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null
      || typeof entry.s3Bucket !== 'string' || typeof entry.s3Object !== 'string' || typeof entry.hashValue !== 'string') {
      throw new DigestFormatError('a logFiles entry lacks s3Bucket, s3Object or hashValue');
    }
  }
  return { ...(record as unknown as DigestFile), logFiles: logFiles as DigestLogFile[] };
}

/** Hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The string CloudTrail signs for a digest:
 * `digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(decompressed digest)) \n previousDigestSignature`,
 * the last being `null` in the first digest of a chain (as the Java implementation writes it).
 */
export function stringToSign(digest: DigestFile, inflated: Uint8Array): string {
  const previous = digest.previousDigestSignature ?? 'null';
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${sha256Hex(inflated)}\n${previous}`;
}

/**
 * Checks a digest signature: RSA PKCS #1 v1.5 with SHA-256 over `toSign` (UTF-8).
 *
 * @param publicKey the public key as `ListPublicKeys` returns it: DER PKCS #1 `RSAPublicKey`
 *   (bytes, or base64 as the AWS CLI prints it).
 * @param signatureHex the `x-amz-meta-signature` of the digest object.
 * @returns whether the signature is valid (false as well for a signature that is not hex).
 * @throws PublicKeyFormatError when the key cannot be read.
 */
export function verifyDigestSignature(publicKey: Uint8Array | string, signatureHex: string, toSign: string): boolean {
  const der = typeof publicKey === 'string' ? Buffer.from(publicKey, 'base64') : Buffer.from(publicKey);
  let key;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    throw new PublicKeyFormatError('Unable to load PKCS #1 key');
  }
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex)) return false;
  try {
    return verify('sha256', Buffer.from(toSign, 'utf8'), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

/** Where one trail's digests for one account and region live. */
export interface DigestLocation {
  /** The trail's S3 key prefix, without slashes at either end; undefined for none. */
  readonly prefix?: string;
  /** For an organization trail: `o-...`. */
  readonly organizationId?: string;
  /** The account whose digests these are (the member account for an organization trail). */
  readonly accountId: string;
  /** The region the digests are for (the trail's source region). */
  readonly region: string;
  readonly trailName: string;
  /** The trail's home region (from its ARN). */
  readonly homeRegion: string;
}

function accountFolder(loc: DigestLocation): string {
  const prefix = loc.prefix ? `${loc.prefix}/` : '';
  const org = loc.organizationId ? `${loc.organizationId}/` : '';
  return `${prefix}AWSLogs/${org}${loc.accountId}`;
}

/** The key prefix to list: `[prefix/]AWSLogs/[o-org/]<account>/CloudTrail-Digest/<region>`. */
export function digestListPrefix(loc: DigestLocation): string {
  return `${accountFolder(loc)}/CloudTrail-Digest/${loc.region}`;
}

/** `YYYYMMDDTHHmmssZ` of a date. */
export function formatDigestDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The key a digest written one minute before `start` would have: where listing starts
 * (`StartAfter`), as `validate-logs` uses it as `Marker`.
 */
export function digestStartMarker(loc: DigestLocation, start: Date): string {
  const date = new Date(start.getTime() - 60_000);
  const ymd = date.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${digestListPrefix(loc)}/${ymd}/${loc.accountId}_CloudTrail-Digest_${loc.region}_${loc.trailName}_${loc.homeRegion}_${formatDigestDate(date)}.json.gz`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\-/]/g, '\\$&');
}

/** Matches the keys of this trail's digests (regular and backfill) in the listed prefix. */
export function digestKeyPattern(loc: DigestLocation): RegExp {
  const a = escape(loc.accountId);
  const r = escape(loc.region);
  return new RegExp(`^${escape(digestListPrefix(loc))}/\\d+/\\d+/\\d+/${a}_CloudTrail-Digest_${r}_${escape(loc.trailName)}_${escape(loc.homeRegion)}_.+\\.json\\.gz$`);
}

/** Whether a digest key is a backfill digest (`..._backfill.json.gz`). */
export function isBackfillDigestKey(key: string): boolean {
  return key.endsWith('_backfill.json.gz');
}

/** The `YYYYMMDDTHHmmssZ` time in a digest key. */
export function digestKeyDate(key: string): string {
  return isBackfillDigestKey(key) ? key.slice(-33, -17) : key.slice(-24, -8);
}

/** Parses `YYYYMMDDTHHmmssZ`. */
export function parseDigestDate(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return new Date(NaN);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** What a digest key says about itself. */
export interface ParsedDigestKey {
  readonly prefix?: string;
  readonly organizationId?: string;
  readonly accountId: string;
  readonly region: string;
  readonly trailName: string;
  readonly homeRegion: string;
  readonly time: Date;
  readonly backfill: boolean;
}

const DIGEST_KEY = /^(?:(.+)\/)?AWSLogs\/(?:(o-[a-z0-9]{10,32})\/)?(\d{12})\/CloudTrail-Digest\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$/;

/**
 * Parses a digest key, or returns undefined when the key is not one CloudTrail writes. The trail
 * name comes from the key: the home region is the last `_`-separated part before the date.
 */
export function parseDigestKey(key: string): ParsedDigestKey | undefined {
  const m = DIGEST_KEY.exec(key);
  if (!m || m[3] !== m[5] || m[4] !== m[6]) return undefined;
  return {
    prefix: m[1],
    organizationId: m[2],
    accountId: m[3],
    region: m[4],
    trailName: m[7],
    homeRegion: m[8],
    time: parseDigestDate(m[9]),
    backfill: m[10] !== undefined,
  };
}
