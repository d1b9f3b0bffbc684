// The digest file primitives shared by `validate` and the DigestValidator, against the CloudTrail
// user guide ("CloudTrail digest file structure", "Custom implementations of CloudTrail log file
// integrity validation") and the key layout CloudTrail writes; and the arguments of `validate`.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { documentedStringToSign, signedDigest, signingKey } from './chain-builder';
import {
  DigestFormatError, digestKeyDate, digestKeyPattern, digestListPrefix, digestStartMarker, isBackfillDigestKey, parseDigestFile,
  parseDigestKey, PublicKeyFormatError, stringToSign, verifyDigestSignature,
} from '../../lib/evidence/digest-file';
import { hashLogFile } from '../../lib/evidence/log-file-hash';
import { parseValidateArgs } from '../../lib/evidence/validate/args';

const ORG_KEY = 'logs/AWSLogs/o-abc123def4/333333333333/CloudTrail-Digest/eu-west-1/2026/11/30/333333333333_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_20261130T010517Z.json.gz';
const LOCATION = { prefix: 'logs', organizationId: 'o-abc123def4', accountId: '333333333333', region: 'eu-west-1', trailName: 'org_trail', homeRegion: 'us-east-1' };

describe('digest keys', () => {
  test('an organization trail\'s key: prefix, organization, account, region, trail name with underscores, home region, time', () => {
    expect(parseDigestKey(ORG_KEY)).toEqual({ ...LOCATION, time: new Date('2026-11-30T01:05:17Z'), backfill: false });
    expect(parseDigestKey(ORG_KEY.replace('.json.gz', '_backfill.json.gz'))).toMatchObject({ backfill: true, trailName: 'org_trail' });
    expect(isBackfillDigestKey(ORG_KEY.replace('.json.gz', '_backfill.json.gz'))).toBe(true);
    expect(digestKeyDate(ORG_KEY.replace('.json.gz', '_backfill.json.gz'))).toBe('20261130T010517Z');
  });

  test.each([
    ['another account in the file name than in the folder', ORG_KEY.replace('/333333333333_', '/444444444444_')],
    ['another region in the file name than in the folder', ORG_KEY.replace('_eu-west-1_', '_eu-west-2_')],
    ['a log file, not a digest', ORG_KEY.replace(/CloudTrail-Digest/g, 'CloudTrail')],
    ['not gzip', ORG_KEY.replace('.json.gz', '.json')],
  ])('refused: %s', (_, key) => {
    expect(parseDigestKey(key)).toBeUndefined();
  });

  test('listing: the prefix, the marker a minute before the start, the pattern of this trail only', () => {
    expect(digestListPrefix(LOCATION)).toBe('logs/AWSLogs/o-abc123def4/333333333333/CloudTrail-Digest/eu-west-1');
    expect(digestStartMarker(LOCATION, new Date('2026-11-30T00:00:00Z')))
      .toBe('logs/AWSLogs/o-abc123def4/333333333333/CloudTrail-Digest/eu-west-1/2026/11/29/333333333333_CloudTrail-Digest_eu-west-1_org_trail_us-east-1_20261129T235900Z.json.gz');
    const pattern = digestKeyPattern(LOCATION);
    expect(pattern.test(ORG_KEY)).toBe(true);
    expect(pattern.test(ORG_KEY.replace('_org_trail_', '_other_'))).toBe(false);
    expect(pattern.test(ORG_KEY.replace('_us-east-1_', '_us-west-2_'))).toBe(false);
  });
});

describe('the string to sign and the signature', () => {
  const key = signingKey();
  const digest = {
    awsAccountId: '333333333333',
    digestStartTime: '2026-11-30T00:00:00Z',
    digestEndTime: '2026-11-30T01:00:00Z',
    digestS3Bucket: 'archive',
    digestS3Object: ORG_KEY,
    digestPublicKeyFingerprint: key.fingerprint,
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: null,
    oldestEventTime: null,
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: [],
  };

  test('end time, bucket/key, SHA-256 of the inflated digest, previous signature ("null" for the first digest), one per line', () => {
    const signed = signedDigest(key, 'archive', ORG_KEY, digest);
    const parsed = parseDigestFile(signed.inflated);
    const toSign = stringToSign(parsed, signed.inflated);
    expect(toSign).toBe(documentedStringToSign('2026-11-30T01:00:00Z', 'archive', ORG_KEY, signed.inflated, null));
    expect(toSign.split('\n')).toEqual(['2026-11-30T01:00:00Z', `archive/${ORG_KEY}`, createHash('sha256').update(signed.inflated).digest('hex'), 'null']);
    expect(verifyDigestSignature(key.publicDer, signed.signature, toSign)).toBe(true);
    expect(verifyDigestSignature(key.publicDer.toString('base64'), signed.signature, toSign)).toBe(true);
    expect(verifyDigestSignature(key.publicDer, signed.signature, toSign.replace('archive/', 'other/'))).toBe(false);
    expect(verifyDigestSignature(signingKey().publicDer, signed.signature, toSign)).toBe(false);
    expect(() => verifyDigestSignature(Buffer.from('not a key'), signed.signature, toSign)).toThrow(PublicKeyFormatError);
  });

  test('a digest without its required fields is a format error, not a crash', () => {
    expect(() => parseDigestFile(Buffer.from('{"digestEndTime": 3}'))).toThrow(DigestFormatError);
    expect(() => parseDigestFile(Buffer.from('[]'))).toThrow(DigestFormatError);
    expect(() => parseDigestFile(Buffer.from('not json'))).toThrow(DigestFormatError);
  });
});

describe('log file hash', () => {
  test('the SHA-256 of the inflated log file, streamed; not gzip is an invalid format', async () => {
    const body = Buffer.from('{"Records":[{"eventName":"ListUsers"}]}');
    const gz = gzipSync(body);
    const chunks = async function* () {
      for (let i = 0; i < gz.length; i += 7) yield gz.subarray(i, i + 7);
    };
    expect(await hashLogFile(chunks())).toEqual({ kind: 'hash', hex: createHash('sha256').update(body).digest('hex') });
    expect(await hashLogFile(gz)).toEqual({ kind: 'hash', hex: createHash('sha256').update(body).digest('hex') });
    expect((await hashLogFile(body)).kind).toBe('invalid-format');
    expect((await hashLogFile(gz.subarray(0, gz.length - 5))).kind).toBe('invalid-format');
  });
});

describe('validate arguments', () => {
  const NOW = new Date('2026-12-01T00:00:00Z');
  const ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail';
  const parse = (...argv: string[]) => parseValidateArgs(argv, NOW, { AWS_REGION: 'eu-west-1' });

  test('the trail ARN gives the home region, account and name; the end defaults to now; the region to AWS_REGION', () => {
    expect(parse('--trail-arn', ARN, '--start-time', '2026-11-30')).toEqual({
      kind: 'validate',
      args: expect.objectContaining({
        partition: 'aws',
        homeRegion: 'us-east-1',
        trailAccountId: '111111111111',
        trailName: 'organization-trail',
        start: new Date('2026-11-30T00:00:00Z'),
        end: NOW,
        region: 'eu-west-1',
        concurrency: 8,
        verbose: false,
        json: false,
      }),
    });
    expect(parse('--trail-arn', ARN, '--start-time', '2026-11-30T05:00:00+02:00', '--s3-prefix', '/logs/')).toMatchObject({
      args: { start: new Date('2026-11-30T03:00:00Z'), s3Prefix: 'logs' },
    });
  });

  test.each([
    [[], '--trail-arn is required'],
    [['--trail-arn', 'organization-trail', '--start-time', '2026-11-30'], '--trail-arn must be a trail ARN'],
    [['--trail-arn', ARN], '--start-time is required'],
    [['--trail-arn', ARN, '--start-time', 'yesterday'], '--start-time must be an ISO 8601 time'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--end-time', '2026-11-29'], 'start-time must occur before end-time'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--account-id', '1234'], '--account-id must be 12 digits'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--organization-id', 'o-abc123def4'], '--organization-id needs --account-id'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--s3-bucket', 'Bad_Bucket'], '--s3-bucket must be an S3 bucket name'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--endpoint-url', 'ftp://x'], '--endpoint-url must be an http(s) URL'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--concurrency', '0'], '--concurrency must be a whole number from 1 to 64'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--region', 'Europe'], '--region must be an AWS region'],
    [['--trail-arn', ARN, '--start-time', '2026-11-30', '--bogus'], "Unknown option '--bogus'"],
  ])('%j: %s', (argv, message) => {
    const parsed = parse(...argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });
});
