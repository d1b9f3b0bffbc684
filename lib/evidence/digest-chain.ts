/**
 * The walk over a trail's digest chain in a time range, newest first, as `aws cloudtrail
 * validate-logs` walks it (awscli/customizations/cloudtrail/validation.py, `DigestTraverser`):
 * start at the newest digest in range, check it, follow `previousDigestS3Object`; a digest that
 * cannot be read is missing, one that fails a check is invalid, a digest without a previous one is
 * the start of a chain (a gap when older digests remain: logging or validation was off).
 *
 * Storage and keys are behind two small interfaces so the same walk runs against S3 (the CLI) and
 * in tests. Internal module: not public API.
 */
import { gunzipSync } from 'node:zlib';
import {
  DigestFile, DigestFormatError, DigestLocation, digestKeyDate, digestKeyPattern, digestListPrefix, digestStartMarker,
  formatDigestDate, isBackfillDigestKey, parseDigestDate, parseDigestFile, PublicKeyFormatError, SIGNATURE_ALGORITHM_METADATA,
  SIGNATURE_METADATA, stringToSign, verifyDigestSignature,
} from './digest-file';

/** A digest object as read from S3: its compressed body and its user metadata (without `x-amz-meta-`). */
export interface StoredObject {
  readonly body: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Where digests are read from. */
export interface DigestStore {
  /** Keys under `prefix` after `startAfter`, in S3's (lexicographic) order. */
  listKeys(bucket: string, prefix: string, startAfter: string): AsyncIterable<string>;
  /** The object, or undefined when it does not exist (S3 `NoSuchKey`). */
  getObject(bucket: string, key: string): Promise<StoredObject | undefined>;
}

/** A CloudTrail public key (`ListPublicKeys`). */
export interface PublicKey {
  readonly fingerprint: string;
  /** DER PKCS #1 RSAPublicKey. */
  readonly value: Uint8Array;
  readonly validityStart?: Date;
  readonly validityEnd?: Date;
}

/** Finds CloudTrail's public keys valid in a time range (in the trail's home region). */
export interface PublicKeySource {
  keysBetween(start: Date, end: Date): Promise<readonly PublicKey[]>;
}

/** One step of the walk. */
export type ChainEvent =
  | { readonly kind: 'valid'; readonly bucket: string; readonly key: string; readonly digest: DigestFile; readonly backfill: boolean }
  | { readonly kind: 'invalid'; readonly bucket: string; readonly key: string; readonly reason: string; readonly backfill: boolean }
  | { readonly kind: 'missing'; readonly bucket: string; readonly key: string; readonly backfill: boolean }
  /** No digest between `from` (end of the older chain) and `to` (start of the newer one). */
  | { readonly kind: 'gap'; readonly from: Date; readonly to: Date; readonly backfill: boolean };

/** What to walk. */
export interface ChainWalk {
  readonly store: DigestStore;
  readonly publicKeys: PublicKeySource;
  /** The bucket the chain starts in. */
  readonly bucket: string;
  readonly location: DigestLocation;
  readonly start: Date;
  readonly end: Date;
  /** Walk the backfill digests (`..._backfill.json.gz`) instead of the regular ones. */
  readonly backfill: boolean;
}

/** Thrown when no public key at all is found for the range (validate-logs: a fatal error). */
export class NoPublicKeysError extends Error {
  constructor(start: Date, end: Date) {
    super(`No public keys found between ${displayDate(start)} and ${displayDate(end)}`);
    this.name = 'NoPublicKeysError';
    Object.setPrototypeOf(this, NoPublicKeysError.prototype);
  }
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as validate-logs prints dates. */
export function displayDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const HOUR = 3_600_000;

/** The digest keys of the walk's trail, account and region with a key date in [start, end + 1 h]. */
async function keysInRange(walk: ChainWalk, bucket: string): Promise<string[]> {
  const from = formatDigestDate(walk.start);
  const to = formatDigestDate(new Date(walk.end.getTime() + HOUR));
  const pattern = digestKeyPattern(walk.location);
  const keys: string[] = [];
  for await (const key of walk.store.listKeys(bucket, digestListPrefix(walk.location), digestStartMarker(walk.location, walk.start))) {
    if (!pattern.test(key)) continue;
    const date = digestKeyDate(key);
    if (date > to) break;
    if (date < from) continue;
    if (isBackfillDigestKey(key) === walk.backfill) keys.push(key);
  }
  return keys;
}

/** Pops the newest key older than `before` (or the newest of all), with its key date. */
function popOlder(keys: string[], before?: string): { key?: string; date?: Date } {
  const limit = before === undefined ? undefined : digestKeyDate(before);
  while (keys.length > 0) {
    const key = keys.pop() as string;
    const date = digestKeyDate(key);
    if (limit === undefined || date < limit) return { key, date: parseDigestDate(date) };
  }
  return {};
}

class ChainBreak extends Error {
  constructor(public readonly reason: string) {
    super(reason);
  }
}

/**
 * Walks the chain and yields each digest's result, newest first.
 *
 * @throws NoPublicKeysError when CloudTrail has no public key for the range (regular digests).
 */
export async function* walkDigestChain(walk: ChainWalk): AsyncGenerator<ChainEvent> {
  let bucket = walk.bucket;
  let keys = await keysInRange(walk, bucket);
  const keyCache = new Map<string, PublicKey>();
  const addKeys = (list: readonly PublicKey[]) => list.forEach((k) => keyCache.set(k.fingerprint, k));
  if (!walk.backfill) {
    const until = new Date(walk.end.getTime() + 2 * HOUR);
    const list = await walk.publicKeys.keysBetween(walk.start, until);
    if (list.length === 0) throw new NoPublicKeysError(walk.start, until);
    addKeys(list);
  }
  const backfill = walk.backfill;

  let { key, date: lastStart } = popOlder(keys);
  while (key !== undefined && lastStart !== undefined && walk.start.getTime() <= lastStart.getTime()) {
    const current: string = key;
    let digest: DigestFile;
    try {
      const object = await walk.store.getObject(bucket, current);
      if (object === undefined) {
        yield { kind: 'missing', bucket, key: current, backfill };
        ({ key } = popOlder(keys, current));
        continue;
      }
      digest = await checkDigest(walk, bucket, current, object, keyCache, addKeys);
    } catch (e) {
      if (!(e instanceof ChainBreak)) throw e;
      yield { kind: 'invalid', bucket, key: current, reason: e.reason, backfill };
      ({ key } = popOlder(keys, current));
      continue;
    }
    lastStart = new Date(Date.parse(digest.digestStartTime));
    yield { kind: 'valid', bucket, key: current, digest, backfill };
    const previousBucket = digest.previousDigestS3Bucket;
    const previousKey = digest.previousDigestS3Object;
    if (previousBucket == null || previousKey == null) {
      const next = popOlder(keys, current);
      if (next.key !== undefined && next.date !== undefined) {
        yield { kind: 'gap', from: next.date, to: lastStart, backfill };
      }
      key = next.key;
    } else {
      key = previousKey;
      if (previousBucket !== bucket) {
        bucket = previousBucket;
        keys = await keysInRange(walk, bucket);
      }
    }
  }
}

async function checkDigest(
  walk: ChainWalk, bucket: string, key: string, object: StoredObject,
  keyCache: Map<string, PublicKey>, addKeys: (list: readonly PublicKey[]) => void,
): Promise<DigestFile> {
  let inflated: Buffer;
  let digest: DigestFile;
  try {
    inflated = gunzipSync(object.body);
    digest = parseDigestFile(inflated);
  } catch (e) {
    if (e instanceof DigestFormatError || (e instanceof Error && 'errno' in e)) throw new ChainBreak('invalid format');
    throw e;
  }
  const signature = object.metadata[SIGNATURE_METADATA];
  if (signature === undefined || object.metadata[SIGNATURE_ALGORITHM_METADATA] === undefined) {
    throw new ChainBreak('signature verification failed');
  }
  if (walk.backfill && object.metadata['backfill-generation-timestamp'] === undefined) throw new ChainBreak('invalid format');
  if (digest.digestS3Bucket !== bucket || digest.digestS3Object !== key) {
    throw new ChainBreak('has been moved from its original location');
  }
  const fingerprint = digest.digestPublicKeyFingerprint;
  if (!keyCache.has(fingerprint) && walk.backfill) {
    const generated = Date.parse(object.metadata['backfill-generation-timestamp']);
    addKeys(await walk.publicKeys.keysBetween(new Date(generated - HOUR), new Date(generated + HOUR)));
  }
  const publicKey = keyCache.get(fingerprint);
  if (publicKey === undefined) {
    throw new ChainBreak(`public key not found in region ${walk.location.homeRegion} for fingerprint ${fingerprint}`);
  }
  const signedAt = Date.parse(digest.digestEndTime);
  if ((publicKey.validityStart && signedAt < publicKey.validityStart.getTime())
    || (publicKey.validityEnd && signedAt > publicKey.validityEnd.getTime())) {
    throw new ChainBreak(`public key with fingerprint ${fingerprint} was not valid at ${displayDate(new Date(signedAt))}`);
  }
  let valid: boolean;
  try {
    valid = verifyDigestSignature(publicKey.value, signature, stringToSign(digest, inflated));
  } catch (e) {
    if (e instanceof PublicKeyFormatError) throw new ChainBreak(`Unable to load PKCS #1 key with fingerprint ${fingerprint}`);
    throw e;
  }
  if (!valid) throw new ChainBreak('signature verification failed');
  return digest;
}
