// Checks one CloudTrail digest file as it arrives (S3 "Object Created" through EventBridge): its
// signature (the public key from CloudTrail ListPublicKeys in the trail's home region), its link
// to the previous digest (that digest exists, its hash and signature are the ones this digest
// names) and the hash of every log file it lists. Writes one log line in CloudWatch Embedded
// Metric Format (EMF) with the counts of valid, invalid and missing files: CloudWatch Logs
// extracts the metrics, so the function needs no cloudwatch:PutMetricData permission.
// Errors other than a missing object (access denied, throttling) are thrown: Lambda retries, then
// the event goes to the dead-letter queue, whose alarm fires.
// Follows the AWS CLI's `cloudtrail validate-logs` case by case (see ../digest-file.ts).
// See https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
import { gunzipSync } from 'node:zlib';
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ARCHIVE_BUCKET_ENV, LOG_FILE_CONCURRENCY, MAX_LISTED_PROBLEMS, METRIC_NAMESPACE, METRICS,
} from './contract';
import {
  DigestFile, DigestFormatError, parseDigestDate, parseDigestFile, parseDigestKey, PublicKeyFormatError,
  SIGNATURE_ALGORITHM_METADATA, SIGNATURE_METADATA, sha256Hex, stringToSign, verifyDigestSignature,
} from '../digest-file';
import { hashLogFile } from '../log-file-hash';
import { mapLimit } from '../map-limit';

const s3 = new S3Client({});
const cloudTrailClients = new Map<string, CloudTrailClient>();
/** Public keys seen by this execution environment: `<home region> <fingerprint>` → DER PKCS #1. */
const publicKeys = new Map<string, Uint8Array>();

/** The part of an EventBridge S3 "Object Created" event the handler reads. */
export interface ObjectCreatedEvent {
  readonly detail: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string } };
}

/** One invalid or missing file. */
export interface Problem {
  readonly file: 'digest' | 'previous digest' | 'log file';
  readonly s3Object: string;
  readonly result: 'invalid' | 'missing';
  readonly reason: string;
}

/** What one check found (also the function's result). */
export interface DigestCheck {
  readonly bucket: string;
  readonly key: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly digest: 'valid' | 'invalid';
  /** Why the digest is invalid. */
  readonly reason?: string;
  /** Whether the link to the previous digest was checked (false in the first digest of a chain). */
  readonly previousChecked: boolean;
  readonly logFiles: { readonly valid: number; readonly invalid: number; readonly missing: number };
  readonly problems: Problem[];
}

/** The EMF log line for one check (one JSON object on one line), with no dimension. */
export function emfRecord(check: DigestCheck, timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: METRIC_NAMESPACE,
        Dimensions: [[]],
        Metrics: Object.values(METRICS).map((Name) => ({ Name, Unit: 'Count' })),
      }],
    },
    [METRICS.digestValid]: check.digest === 'valid' ? 1 : 0,
    [METRICS.digestInvalid]: check.digest === 'invalid' ? 1 : 0,
    [METRICS.logValid]: check.logFiles.valid,
    [METRICS.logInvalid]: check.logFiles.invalid,
    [METRICS.logMissing]: check.logFiles.missing,
    DigestBucket: check.bucket,
    DigestKey: check.key,
    AccountId: check.accountId,
    Region: check.region,
    Result: check.problems.length === 0 ? 'valid' : 'invalid',
    Reason: check.reason,
    PreviousChecked: check.previousChecked,
    Problems: check.problems.slice(0, MAX_LISTED_PROBLEMS),
    ProblemCount: check.problems.length,
  });
}

function isNoSuchKey(e: unknown): boolean {
  const error = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return error?.name === 'NoSuchKey' || error?.Code === 'NoSuchKey' || error?.name === 'NotFound' || error?.$metadata?.httpStatusCode === 404;
}

/** GetObject, or undefined when the object does not exist. */
async function getObject(bucket: string, key: string) {
  try {
    return await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (e) {
    if (isNoSuchKey(e)) return undefined;
    throw e;
  }
}

/** A whole object's bytes, or undefined when it does not exist. */
async function getBytes(bucket: string, key: string): Promise<{ bytes: Uint8Array; metadata: Record<string, string> } | undefined> {
  const response = await getObject(bucket, key);
  if (!response) return undefined;
  const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
  return { bytes, metadata: response.Metadata ?? {} };
}

function gunzip(bytes: Uint8Array): Uint8Array | undefined {
  try {
    return gunzipSync(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The public key of a fingerprint, looked up with ListPublicKeys in the trail's home region over
 * a time range (all pages), cached for the life of the execution environment.
 */
async function publicKeyFor(homeRegion: string, fingerprint: string, start: Date, end: Date): Promise<Uint8Array | undefined> {
  const cacheKey = `${homeRegion} ${fingerprint}`;
  const cached = publicKeys.get(cacheKey);
  if (cached) return cached;
  let client = cloudTrailClients.get(homeRegion);
  if (!client) {
    client = new CloudTrailClient({ region: homeRegion });
    cloudTrailClients.set(homeRegion, client);
  }
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListPublicKeysCommand({ StartTime: start, EndTime: end, NextToken: nextToken }));
    for (const k of page.PublicKeyList ?? []) {
      if (k.Fingerprint && k.Value) publicKeys.set(`${homeRegion} ${k.Fingerprint}`, k.Value);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return publicKeys.get(cacheKey);
}

const HOUR = 3_600_000;

/** Checks the link to the previous digest; a reason when it is broken. */
async function checkPrevious(bucket: string, digest: DigestFile): Promise<{ checked: boolean; problem?: Problem }> {
  const previousKey = digest.previousDigestS3Object;
  const previousBucket = digest.previousDigestS3Bucket;
  // The first digest of a chain (logging or validation was off before): nothing to link to.
  if (previousKey === null || previousKey === undefined || previousBucket === null || previousBucket === undefined) return { checked: false };
  // The trail delivered to another bucket before: this function may not read it.
  if (previousBucket !== bucket) return { checked: false };
  const previous = await getBytes(previousBucket, previousKey);
  if (!previous) return { checked: true, problem: { file: 'previous digest', s3Object: previousKey, result: 'missing', reason: 'the previous digest this digest names is not in the archive' } };
  const inflated = gunzip(previous.bytes);
  if (!inflated || sha256Hex(inflated) !== digest.previousDigestHashValue) {
    return { checked: true, problem: { file: 'previous digest', s3Object: previousKey, result: 'invalid', reason: 'the previous digest\'s hash is not the previousDigestHashValue of this digest' } };
  }
  if (previous.metadata[SIGNATURE_METADATA] !== digest.previousDigestSignature) {
    return { checked: true, problem: { file: 'previous digest', s3Object: previousKey, result: 'invalid', reason: 'the previous digest\'s signature is not the previousDigestSignature of this digest' } };
  }
  return { checked: true };
}

/** Checks one log file the digest lists. */
async function checkLogFile(entry: DigestFile['logFiles'][number]): Promise<Problem | undefined> {
  const response = await getObject(entry.s3Bucket, entry.s3Object);
  if (!response) return { file: 'log file', s3Object: entry.s3Object, result: 'missing', reason: 'not in the archive (NoSuchKey)' };
  const body = response.Body as unknown as AsyncIterable<Uint8Array> | undefined;
  const hash = await hashLogFile(body ?? new Uint8Array());
  if (hash.kind === 'invalid-format') return { file: 'log file', s3Object: entry.s3Object, result: 'invalid', reason: `invalid format: ${hash.reason}` };
  if (hash.hex !== entry.hashValue.toLowerCase()) return { file: 'log file', s3Object: entry.s3Object, result: 'invalid', reason: 'hash value does not match' };
  return undefined;
}

/** Checks the digest `key` of `bucket`. */
export async function checkDigest(bucket: string, key: string): Promise<DigestCheck> {
  const parsed = parseDigestKey(key);
  const base = { bucket, key, accountId: parsed?.accountId, region: parsed?.region };
  const invalid = (reason: string, result: 'invalid' | 'missing' = 'invalid', previousChecked = false): DigestCheck => ({
    ...base,
    digest: 'invalid',
    reason,
    previousChecked,
    logFiles: { valid: 0, invalid: 0, missing: 0 },
    problems: [{ file: 'digest', s3Object: key, result, reason }],
  });
  if (!parsed) return invalid('not the key of a CloudTrail digest file');
  const object = await getBytes(bucket, key);
  if (!object) return invalid('the digest is no longer in the archive', 'missing');
  const signature = object.metadata[SIGNATURE_METADATA];
  if (signature === undefined || object.metadata[SIGNATURE_ALGORITHM_METADATA] === undefined) {
    return invalid('no signature metadata (x-amz-meta-signature, x-amz-meta-signature-algorithm)');
  }
  const inflated = gunzip(object.bytes);
  if (!inflated) return invalid('invalid format: not gzip');
  let digest: DigestFile;
  try {
    digest = parseDigestFile(inflated);
  } catch (e) {
    if (e instanceof DigestFormatError) return invalid(`invalid format: ${e.message}`);
    throw e;
  }
  if (digest.digestS3Bucket !== bucket || digest.digestS3Object !== key) return invalid('has been moved from its original location');

  let start = new Date(Date.parse(digest.digestStartTime) - HOUR);
  let end = new Date(Math.min(Date.parse(digest.digestEndTime) + 2 * HOUR, Date.now()));
  if (parsed.backfill) {
    const generated = object.metadata['backfill-generation-timestamp'];
    if (generated === undefined) return invalid('invalid format: a backfill digest without backfill-generation-timestamp');
    const at = parseDigestDate(generated).getTime() || Date.parse(generated);
    start = new Date(at - HOUR);
    end = new Date(at + HOUR);
  }
  if (end.getTime() < start.getTime()) end = start;
  const fingerprint = digest.digestPublicKeyFingerprint;
  const publicKey = await publicKeyFor(parsed.homeRegion, fingerprint, start, end);
  if (!publicKey) return invalid(`public key not found in region ${parsed.homeRegion} for fingerprint ${fingerprint}`);
  let authentic: boolean;
  try {
    authentic = verifyDigestSignature(publicKey, signature, stringToSign(digest, inflated));
  } catch (e) {
    if (e instanceof PublicKeyFormatError) return invalid(`unable to load PKCS #1 key with fingerprint ${fingerprint}`);
    throw e;
  }
  if (!authentic) return invalid('signature verification failed');

  // The digest is authentic: its log files are checked whatever its link to the previous one.
  const previous = await checkPrevious(bucket, digest);
  const logProblems = (await mapLimit(digest.logFiles, LOG_FILE_CONCURRENCY, checkLogFile)).filter((p): p is Problem => p !== undefined);
  const missing = logProblems.filter((p) => p.result === 'missing').length;
  const problems = [...(previous.problem ? [previous.problem] : []), ...logProblems];
  return {
    ...base,
    digest: previous.problem ? 'invalid' : 'valid',
    reason: previous.problem ? (previous.problem.result === 'missing' ? 'previous digest missing' : previous.problem.reason) : undefined,
    previousChecked: previous.checked,
    logFiles: { valid: digest.logFiles.length - logProblems.length, invalid: logProblems.length - missing, missing },
    problems,
  };
}

export async function handler(event: ObjectCreatedEvent): Promise<DigestCheck> {
  const archive = process.env[ARCHIVE_BUCKET_ENV];
  if (!archive) throw new Error(`${ARCHIVE_BUCKET_ENV} is not set`);
  const bucket = event?.detail?.bucket?.name;
  const rawKey = event?.detail?.object?.key;
  if (bucket !== archive || typeof rawKey !== 'string') {
    throw new Error(`not an Object Created event of the archive bucket ${archive}: ${JSON.stringify(event?.detail ?? null)}`);
  }
  // S3 event keys are URL-encoded (a space as '+'); digest keys have no such character, but a
  // trail name or prefix might.
  let key = rawKey;
  if (!parseDigestKey(rawKey)) {
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      key = rawKey;
    }
  }
  const check = await checkDigest(bucket, key);
  // Written raw to stdout: the Node.js runtime's console.log prefixes each line (time, request ID,
  // level), and EMF needs the line to be the JSON object alone.
  process.stdout.write(`${emfRecord(check, Date.now())}\n`);
  return check;
}
