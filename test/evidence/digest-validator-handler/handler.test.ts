/**
 * The digest validator handler against a real signed chain built here: an RSA key pair, two
 * digests signed the way CloudTrail signs them (the second linked to the first), gzip log files,
 * S3 and CloudTrail mocked. Each case breaks one thing and asserts the result and the EMF metrics.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { sha256Hex } from '../../../lib/evidence/digest-file';
import { handler } from '../../../lib/evidence/digest-validator-handler';

const BUCKET = 'cloudtrail-archive-111111111111';
const ACCOUNT = '333333333333';
const ORG = 'o-a1b2c3d4e5';
const s3 = mockClient(S3Client);
const cloudTrail = mockClient(CloudTrailClient);
let stdout: jest.SpyInstance;
const env = { ...process.env };

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_DER = keys.publicKey.export({ type: 'pkcs1', format: 'der' });
let fingerprintCounter = 0;

/** An S3 object of the fake archive. */
interface StoredObject { body: Buffer; metadata: Record<string, string> }

function digestKey(time: string, trail = 'organization-trail'): string {
  const ymd = `${time.slice(0, 4)}/${time.slice(4, 6)}/${time.slice(6, 8)}`;
  return `AWSLogs/${ORG}/${ACCOUNT}/CloudTrail-Digest/eu-west-1/${ymd}/${ACCOUNT}_CloudTrail-Digest_eu-west-1_${trail}_us-east-1_${time}.json.gz`;
}

function logKey(n: number): string {
  return `AWSLogs/${ORG}/${ACCOUNT}/CloudTrail/eu-west-1/2026/03/01/${ACCOUNT}_CloudTrail_eu-west-1_20260301T01${String(n).padStart(2, '0')}Z_abc${n}.json.gz`;
}

/** The archive: two signed digests (the second links to the first), three log files each. */
function buildArchive(fingerprint: string) {
  const objects = new Map<string, StoredObject>();
  const logFiles = (from: number) => [0, 1, 2].map((i) => {
    const content = Buffer.from(JSON.stringify({ Records: [{ eventName: `Event${from + i}`, eventID: `${from + i}` }] }));
    const s3Object = logKey(from + i);
    objects.set(s3Object, { body: gzipSync(content), metadata: {} });
    return { s3Bucket: BUCKET, s3Object, hashValue: sha256Hex(content), hashAlgorithm: 'SHA-256' };
  });
  const signDigest = (fields: Record<string, unknown>) => {
    const inflated = Buffer.from(JSON.stringify(fields));
    const previous = (fields.previousDigestSignature as string | null) ?? 'null';
    const toSign = `${fields.digestEndTime}\n${BUCKET}/${fields.digestS3Object}\n${sha256Hex(inflated)}\n${previous}`;
    const signature = sign('sha256', Buffer.from(toSign), keys.privateKey).toString('hex');
    objects.set(fields.digestS3Object as string, {
      body: gzipSync(inflated),
      metadata: { 'signature': signature, 'signature-algorithm': 'SHA256withRSA' },
    });
    return { inflated, signature };
  };
  const firstKey = digestKey('20260301T010000Z');
  const first = signDigest({
    awsAccountId: ACCOUNT,
    digestStartTime: '2026-03-01T00:00:00Z',
    digestEndTime: '2026-03-01T01:00:00Z',
    digestS3Bucket: BUCKET,
    digestS3Object: firstKey,
    digestPublicKeyFingerprint: fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: logFiles(0),
  });
  const secondKey = digestKey('20260301T020000Z');
  const secondFields = {
    awsAccountId: ACCOUNT,
    digestStartTime: '2026-03-01T01:00:00Z',
    digestEndTime: '2026-03-01T02:00:00Z',
    digestS3Bucket: BUCKET,
    digestS3Object: secondKey,
    digestPublicKeyFingerprint: fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    previousDigestS3Bucket: BUCKET,
    previousDigestS3Object: firstKey,
    previousDigestHashValue: sha256Hex(first.inflated),
    previousDigestHashAlgorithm: 'SHA-256',
    previousDigestSignature: first.signature,
    logFiles: logFiles(10),
  };
  signDigest(secondFields);
  return { objects, firstKey, secondKey, secondFields, signDigest };
}

/** A GetObject body: a stream that can also be read whole, as the SDK's is. */
function body(bytes: Buffer) {
  return Object.assign(Readable.from([bytes]), { transformToByteArray: async () => new Uint8Array(bytes) });
}

let archive: ReturnType<typeof buildArchive>;
let fingerprint: string;

function serve(objects: Map<string, StoredObject>) {
  s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const object = input.Bucket === BUCKET ? objects.get(input.Key) : undefined;
    if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: body(object.body), Metadata: object.metadata };
  });
}

beforeEach(() => {
  s3.reset();
  cloudTrail.reset();
  // A new fingerprint per test: the handler caches public keys per execution environment.
  fingerprint = `fp${++fingerprintCounter}`;
  archive = buildArchive(fingerprint);
  serve(archive.objects);
  cloudTrail.on(ListPublicKeysCommand).resolves({
    PublicKeyList: [{ Value: new Uint8Array(PUBLIC_DER), Fingerprint: fingerprint, ValidityStartTime: new Date('2026-02-01'), ValidityEndTime: new Date('2026-04-01') }],
  });
  process.env.ARCHIVE_BUCKET_NAME = BUCKET;
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  process.env = { ...env };
  stdout.mockRestore();
});

const event = (key: string, bucket = BUCKET) => ({ detail: { bucket: { name: bucket }, object: { key } } });

/** The one EMF line the handler wrote. */
function emf(): any {
  const lines = stdout.mock.calls.map(([c]) => String(c)).flatMap((t) => t.split('\n')).filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

/** The metric values of the EMF line. */
function metrics() {
  const line = emf();
  return {
    DigestFilesValid: line.DigestFilesValid,
    DigestFilesInvalid: line.DigestFilesInvalid,
    LogFilesValid: line.LogFilesValid,
    LogFilesInvalid: line.LogFilesInvalid,
    LogFilesMissing: line.LogFilesMissing,
  };
}

describe('a valid chain', () => {
  test('valid digest: signature, previous digest and the three log files check out', async () => {
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'valid', previousChecked: true, logFiles: { valid: 3, invalid: 0, missing: 0 }, problems: [], accountId: ACCOUNT, region: 'eu-west-1' });
    expect(metrics()).toEqual({ DigestFilesValid: 1, DigestFilesInvalid: 0, LogFilesValid: 3, LogFilesInvalid: 0, LogFilesMissing: 0 });
    // The public key is asked for in the trail's home region (from the key), around the digest's time.
    const [call] = cloudTrail.commandCalls(ListPublicKeysCommand);
    expect(await call.thisValue.config.region()).toBe('us-east-1');
    expect(call.args[0].input.StartTime).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(call.args[0].input.EndTime).toEqual(new Date('2026-03-01T04:00:00Z'));
    // The previous digest and every log file were read.
    const read = s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key);
    expect(read).toEqual(expect.arrayContaining([archive.secondKey, archive.firstKey, logKey(10), logKey(11), logKey(12)]));
  });

  test('the EMF line: namespace CloudTrailBaseline/Evidence, no dimension, five Count metrics', async () => {
    await handler(event(archive.secondKey));
    const line = emf();
    expect(line._aws.CloudWatchMetrics).toEqual([{
      Namespace: 'CloudTrailBaseline/Evidence',
      Dimensions: [[]],
      Metrics: ['DigestFilesValid', 'DigestFilesInvalid', 'LogFilesValid', 'LogFilesInvalid', 'LogFilesMissing'].map((Name) => ({ Name, Unit: 'Count' })),
    }]);
    expect(typeof line._aws.Timestamp).toBe('number');
    expect(line).toMatchObject({ DigestKey: archive.secondKey, AccountId: ACCOUNT, Region: 'eu-west-1', Result: 'valid', ProblemCount: 0 });
  });

  test('first digest of a chain (previous null) is valid; no previous digest is read', async () => {
    const result = await handler(event(archive.firstKey));
    expect(result).toMatchObject({ digest: 'valid', previousChecked: false, logFiles: { valid: 3, invalid: 0, missing: 0 } });
    expect(metrics()).toMatchObject({ DigestFilesValid: 1, DigestFilesInvalid: 0, LogFilesValid: 3 });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).not.toContain(archive.secondKey);
  });

  test('a URL-encoded key in the event is decoded', async () => {
    const result = await handler(event(archive.secondKey.replace(/\//g, '%2F')));
    expect(result.digest).toBe('valid');
  });
});

describe('log files', () => {
  test('a log file changed: hash mismatch, counted invalid', async () => {
    archive.objects.get(logKey(11))!.body = gzipSync(Buffer.from('{"Records":[]}'));
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'valid', logFiles: { valid: 2, invalid: 1, missing: 0 } });
    expect(result.problems).toEqual([{ file: 'log file', s3Object: logKey(11), result: 'invalid', reason: 'hash value does not match' }]);
    expect(metrics()).toEqual({ DigestFilesValid: 1, DigestFilesInvalid: 0, LogFilesValid: 2, LogFilesInvalid: 1, LogFilesMissing: 0 });
    expect(emf().Result).toBe('invalid');
  });

  test('a log file that is not gzip: invalid format', async () => {
    archive.objects.get(logKey(12))!.body = Buffer.from('not gzip');
    const result = await handler(event(archive.secondKey));
    expect(result.problems).toEqual([expect.objectContaining({ s3Object: logKey(12), result: 'invalid', reason: expect.stringMatching(/^invalid format/) })]);
    expect(metrics()).toMatchObject({ LogFilesValid: 2, LogFilesInvalid: 1 });
  });

  test('a log file missing (NoSuchKey): counted missing', async () => {
    archive.objects.delete(logKey(10));
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'valid', logFiles: { valid: 2, invalid: 0, missing: 1 } });
    expect(result.problems).toEqual([expect.objectContaining({ file: 'log file', s3Object: logKey(10), result: 'missing' })]);
    expect(metrics()).toEqual({ DigestFilesValid: 1, DigestFilesInvalid: 0, LogFilesValid: 2, LogFilesInvalid: 0, LogFilesMissing: 1 });
  });

  test('access denied on a log file is thrown (Lambda retries, then the dead-letter queue)', async () => {
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: logKey(11) }).rejects(new S3ServiceException({ name: 'AccessDenied', message: 'Access Denied', $fault: 'client', $metadata: { httpStatusCode: 403 } }));
    await expect(handler(event(archive.secondKey))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(stdout).not.toHaveBeenCalled();
  });

  test('at most 8 log files are read at once', async () => {
    const many = Array.from({ length: 40 }, (_, i) => {
      const content = Buffer.from(`{"Records":[{"n":${i}}]}`);
      archive.objects.set(logKey(50 + i), { body: gzipSync(content), metadata: {} });
      return { s3Bucket: BUCKET, s3Object: logKey(50 + i), hashValue: sha256Hex(content) };
    });
    archive.signDigest({ ...archive.secondFields, logFiles: many });
    let inFlight = 0;
    let peak = 0;
    s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      const object = archive.objects.get(input.Key)!;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight -= 1;
      return { Body: body(object.body), Metadata: object.metadata };
    });
    const result = await handler(event(archive.secondKey));
    expect(result.logFiles).toEqual({ valid: 40, invalid: 0, missing: 0 });
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
  });
});

describe('the digest itself', () => {
  test('digest rewritten without re-signing: signature verification fails, log files not checked', async () => {
    const fields = { ...archive.secondFields, logFiles: archive.secondFields.logFiles.slice(0, 1) };
    archive.objects.get(archive.secondKey)!.body = gzipSync(Buffer.from(JSON.stringify(fields)));
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'signature verification failed', logFiles: { valid: 0, invalid: 0, missing: 0 } });
    expect(metrics()).toEqual({ DigestFilesValid: 0, DigestFilesInvalid: 1, LogFilesValid: 0, LogFilesInvalid: 0, LogFilesMissing: 0 });
    expect(emf().Reason).toBe('signature verification failed');
  });

  test('signature metadata removed: invalid', async () => {
    archive.objects.get(archive.secondKey)!.metadata = {};
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: expect.stringMatching(/^no signature metadata/) });
    expect(metrics()).toMatchObject({ DigestFilesInvalid: 1 });
  });

  test('digest moved: digestS3Object differs from its key', async () => {
    const moved = digestKey('20260301T020000Z', 'other-trail');
    archive.objects.set(moved, archive.objects.get(archive.secondKey)!);
    const result = await handler(event(moved));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'has been moved from its original location' });
    expect(metrics()).toMatchObject({ DigestFilesValid: 0, DigestFilesInvalid: 1 });
  });

  test('not gzip: invalid format', async () => {
    archive.objects.get(archive.secondKey)!.body = Buffer.from('{}');
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'invalid format: not gzip' });
  });

  test('public key not found in the home region', async () => {
    cloudTrail.on(ListPublicKeysCommand).resolves({ PublicKeyList: [{ Value: new Uint8Array(PUBLIC_DER), Fingerprint: 'another' }] });
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: `public key not found in region us-east-1 for fingerprint ${fingerprint}` });
    expect(metrics()).toMatchObject({ DigestFilesInvalid: 1, LogFilesValid: 0 });
  });

  test('public keys are read over every page of ListPublicKeys', async () => {
    cloudTrail.on(ListPublicKeysCommand)
      .resolvesOnce({ PublicKeyList: [{ Value: new Uint8Array([1]), Fingerprint: 'older' }], NextToken: 'page2' })
      .resolvesOnce({ PublicKeyList: [{ Value: new Uint8Array(PUBLIC_DER), Fingerprint: fingerprint }] });
    const result = await handler(event(archive.secondKey));
    expect(result.digest).toBe('valid');
    expect(cloudTrail.commandCalls(ListPublicKeysCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'page2']);
  });

  test('a key signed by another key pair fails', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'der' });
    cloudTrail.on(ListPublicKeysCommand).resolves({ PublicKeyList: [{ Value: new Uint8Array(other), Fingerprint: fingerprint }] });
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'signature verification failed' });
  });

  test('an object that is not a digest key under CloudTrail-Digest/ is invalid', async () => {
    const key = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/eu-west-1/notes.txt`;
    const result = await handler(event(key));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'not the key of a CloudTrail digest file' });
    expect(metrics()).toMatchObject({ DigestFilesInvalid: 1 });
  });

  test('an event of another bucket is refused', async () => {
    await expect(handler(event(archive.secondKey, 'other-bucket'))).rejects.toThrow(/not an Object Created event of the archive bucket/);
  });
});

describe('the link to the previous digest', () => {
  test('previous digest missing: the digest is invalid, its log files still checked', async () => {
    archive.objects.delete(archive.firstKey);
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: 'previous digest missing', previousChecked: true, logFiles: { valid: 3, invalid: 0, missing: 0 } });
    expect(result.problems).toEqual([expect.objectContaining({ file: 'previous digest', s3Object: archive.firstKey, result: 'missing' })]);
    expect(metrics()).toEqual({ DigestFilesValid: 0, DigestFilesInvalid: 1, LogFilesValid: 3, LogFilesInvalid: 0, LogFilesMissing: 0 });
  });

  test('previous digest hash mismatch (the previous digest was replaced)', async () => {
    const previous = archive.objects.get(archive.firstKey)!;
    previous.body = gzipSync(Buffer.from('{"tampered":true}'));
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: expect.stringMatching(/previous digest's hash/) });
    expect(metrics()).toMatchObject({ DigestFilesValid: 0, DigestFilesInvalid: 1 });
  });

  test('previous digest re-signed with another signature: mismatch with previousDigestSignature', async () => {
    archive.objects.get(archive.firstKey)!.metadata.signature = 'ab'.repeat(256);
    const result = await handler(event(archive.secondKey));
    expect(result).toMatchObject({ digest: 'invalid', reason: expect.stringMatching(/previous digest's signature/) });
  });
});
