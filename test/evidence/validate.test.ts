// `cdk-cloudtrail-baseline validate` against a real S3-compatible server (s3rver on 127.0.0.1)
// holding a digest chain signed in the test: the same output, ratios and exit codes as
// `aws cloudtrail validate-logs` for an intact archive and for each kind of tampering.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CopyObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { BuiltChain, buildChain, ChainSpec, publicKeysJson, signedDigest, signingKey } from './chain-builder';
import { S3RVER_CREDENTIALS, startS3, TestS3 } from './s3-server';
import { parseValidateArgs } from '../../lib/evidence/validate/args';
import { awsServices } from '../../lib/evidence/validate/aws';
import { ValidateReport } from '../../lib/evidence/validate/command';
import { main } from '../../lib/evidence/validate/index';

const ACCOUNT = '111111111111';
const MEMBER = '333333333333';
const ORG = 'o-abc123def4';
const REGION = 'eu-west-1';
const HOME = 'us-east-1';
const TRAIL_ARN = `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/organization-trail`;
const START = new Date('2026-11-30T00:00:00Z');
const HOURS = 6;
const NOW = new Date('2026-12-01T00:00:00Z');

const key = signingKey();
const otherKey = signingKey();
let s3: TestS3;
let dir: string;
let keysFile: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startS3();
  dir = mkdtempSync(path.join(tmpdir(), 'validate-'));
  keysFile = path.join(dir, 'public-keys.json');
  writeFileSync(keysFile, publicKeysJson([key], new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')));
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
});

afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
  process.env = savedEnv;
});

let bucketCount = 0;
/** A fresh bucket holding the chain of `spec`. */
async function archive(spec: Partial<ChainSpec> = {}): Promise<{ bucket: string; chain: BuiltChain }> {
  const bucket = `archive-${++bucketCount}`;
  await s3.createBucket(bucket);
  const chain = buildChain({
    bucket,
    account: MEMBER,
    organizationId: ORG,
    region: REGION,
    trailName: 'organization-trail',
    homeRegion: HOME,
    start: START,
    hours: HOURS,
    key,
    ...spec,
  });
  await s3.put(bucket, chain.objects);
  return { bucket, chain };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(bucket: string, extra: string[] = [], keys = keysFile): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: (t: string) => { stderr += t; } } };
  const argv = [
    '--trail-arn', TRAIL_ARN, '--start-time', '2026-11-30T00:00:00Z', '--end-time', '2026-11-30T06:00:00Z',
    '--s3-bucket', bucket, '--account-id', MEMBER, '--organization-id', ORG, '--region', REGION,
    '--public-keys', keys, '--endpoint-url', s3.endpoint, ...extra,
  ];
  const code = await main(argv, io, { now: () => NOW, env: {} });
  return { code, stdout, stderr };
}

const uri = (bucket: string, k: string) => `s3://${bucket}/${k}`;

describe('an intact archive', () => {
  test('every digest and log file valid: the summary of validate-logs, exit 0', async () => {
    const { bucket } = await archive();
    const run = await validate(bucket);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `Validating log files for trail ${TRAIL_ARN} between 2026-11-30T00:00:00Z and 2026-11-30T06:00:00Z\n\n`
      + 'Results requested for 2026-11-30T00:00:00Z to 2026-11-30T06:00:00Z\n'
      + 'Results found for 2026-11-30T00:00:00Z to 2026-11-30T06:00:00Z:\n'
      + '\n6/6 digest files valid'
      + '\n12/12 log files valid\n',
    );
    expect(run.code).toBe(0);
  });

  test('--verbose lists each digest and log file, newest digest first', async () => {
    const { bucket, chain } = await archive();
    const run = await validate(bucket, ['--verbose']);
    const lines = run.stdout.split('\n').filter((l) => l.endsWith('\tvalid'));
    expect(lines).toHaveLength(18);
    expect(lines[0]).toBe(`Digest file\t${uri(bucket, chain.digestKeys[5])}\tvalid`);
    expect(lines[1]).toBe(`Log file\t${uri(bucket, chain.logKeys[10])}\tvalid`);
    expect(lines[17]).toBe(`Log file\t${uri(bucket, chain.logKeys[1])}\tvalid`);
    expect(run.code).toBe(0);
  });

  test('the account layout (no organization id) with the trail\'s own account', async () => {
    const bucket = `archive-${++bucketCount}`;
    await s3.createBucket(bucket);
    const chain = buildChain({ bucket, prefix: 'trails', account: ACCOUNT, region: HOME, trailName: 'organization-trail', homeRegion: HOME, start: START, hours: 3, key });
    await s3.put(bucket, chain.objects);
    let stdout = '';
    const io = { stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: () => undefined } };
    const code = await main(['--trail-arn', TRAIL_ARN, '--start-time', '2026-11-30T00:00:00Z', '--end-time', '2026-11-30T03:00:00Z',
      '--s3-bucket', bucket, '--s3-prefix', 'trails', '--public-keys', keysFile, '--endpoint-url', s3.endpoint], io, { now: () => NOW, env: {} });
    expect(stdout).toContain('\n3/3 digest files valid\n6/6 log files valid\n');
    expect(code).toBe(0);
  });

  test('--json: one report on stdout, nothing else', async () => {
    const { bucket } = await archive();
    const run = await validate(bucket, ['--json']);
    const report = JSON.parse(run.stdout) as ValidateReport;
    expect(report).toEqual({
      trailArn: TRAIL_ARN,
      requested: { start: '2026-11-30T00:00:00Z', end: '2026-11-30T06:00:00Z' },
      found: { start: '2026-11-30T00:00:00Z', end: '2026-11-30T06:00:00Z' },
      digestFiles: { valid: 6, invalid: 0 },
      backfillDigestFiles: { valid: 0, invalid: 0 },
      logFiles: { valid: 12, invalid: 0 },
      problems: [],
      valid: true,
    });
    expect(run.stderr).toBe('');
  });

  test('a narrower range validates only the digests that cover it', async () => {
    const { bucket } = await archive();
    const run = await validate(bucket, ['--json', '--start-time', '2026-11-30T02:00:00Z', '--end-time', '2026-11-30T04:00:00Z']);
    const report = JSON.parse(run.stdout) as ValidateReport;
    // Digests written at 03:05, 04:05 and 05:05 (key dates up to end + 1 h) cover 02:00-05:00.
    expect(report.digestFiles).toEqual({ valid: 3, invalid: 0 });
    expect(report.found).toEqual({ start: '2026-11-30T02:00:00Z', end: '2026-11-30T04:00:00Z' });
    expect(run.code).toBe(0);
  });
});

describe('tampering is found', () => {
  test('a log file changed after delivery: hash value doesn\'t match, exit 1', async () => {
    const { bucket, chain } = await archive();
    const changed = chain.objects.find((o) => o.key === chain.logKeys[4])!;
    const records = JSON.parse(gunzipSync(changed.body).toString('utf8'));
    records.Records[0].eventName = 'DeleteTrail';
    await s3.put(bucket, [{ ...changed, body: gzipSync(Buffer.from(JSON.stringify(records))) }]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Log file\t${uri(bucket, chain.logKeys[4])}\tINVALID: hash value doesn't match\n\n`);
    expect(run.stdout).toContain('\n6/6 digest files valid\n11/12 log files valid, 1/12 log files INVALID\n');
    expect(run.code).toBe(1);
  });

  test('a log file deleted: not found', async () => {
    const { bucket, chain } = await archive();
    await s3.remove(bucket, chain.logKeys[7]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Log file\t${uri(bucket, chain.logKeys[7])}\tINVALID: not found\n\n`);
    expect(run.code).toBe(1);
  });

  test('a log file that is not gzip: invalid format', async () => {
    const { bucket, chain } = await archive();
    await s3.put(bucket, [{ key: chain.logKeys[0], body: Buffer.from('{"Records":[]}'), metadata: {} }]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Log file\t${uri(bucket, chain.logKeys[0])}\tINVALID: invalid format\n\n`);
    expect(run.code).toBe(1);
  });

  test('a digest deleted: not found, and the older chain still validated', async () => {
    const { bucket, chain } = await archive();
    await s3.remove(bucket, chain.digestKeys[3]);
    const run = await validate(bucket, ['--json']);
    const report = JSON.parse(run.stdout) as ValidateReport;
    expect(report.problems).toEqual([{ type: 'digest', uri: uri(bucket, chain.digestKeys[3]), reason: 'not found' }]);
    expect(report.digestFiles).toEqual({ valid: 5, invalid: 1 });
    expect(report.logFiles).toEqual({ valid: 10, invalid: 0 });
    expect(report.valid).toBe(false);
    expect(run.code).toBe(1);
  });

  test('a digest rewritten without the private key (a log file dropped from its list): signature verification failed', async () => {
    const { bucket, chain } = await archive();
    const original = chain.objects.find((o) => o.key === chain.digestKeys[2])!;
    const digest = JSON.parse(gunzipSync(original.body).toString('utf8'));
    digest.logFiles = digest.logFiles.slice(1);
    await s3.put(bucket, [{ ...original, body: gzipSync(Buffer.from(JSON.stringify(digest))) }]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Digest file\t${uri(bucket, chain.digestKeys[2])}\tINVALID: signature verification failed\n\n`);
    expect(run.stdout).toContain('\n5/6 digest files valid, 1/6 digest files INVALID\n10/10 log files valid\n');
    expect(run.code).toBe(1);
  });

  test('a digest re-signed with a key that is not CloudTrail\'s: public key not found', async () => {
    const { bucket, chain } = await archive();
    const original = chain.objects.find((o) => o.key === chain.digestKeys[1])!;
    const digest = JSON.parse(gunzipSync(original.body).toString('utf8'));
    digest.digestPublicKeyFingerprint = otherKey.fingerprint;
    await s3.put(bucket, [signedDigest(otherKey, bucket, chain.digestKeys[1], digest).object]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Digest file\t${uri(bucket, chain.digestKeys[1])}\tINVALID: public key not found in region ${HOME} for fingerprint ${otherKey.fingerprint}\n\n`);
    expect(run.code).toBe(1);
  });

  test('a digest copied over another one: has been moved from its original location', async () => {
    const { bucket, chain } = await archive();
    await s3.client.send(new CopyObjectCommand({
      Bucket: bucket, Key: chain.digestKeys[4], CopySource: `${bucket}/${chain.digestKeys[3]}`, MetadataDirective: 'COPY',
    }));
    const copied = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: chain.digestKeys[4] }));
    expect(copied.Metadata?.signature).toBeDefined();
    const run = await validate(bucket);
    expect(run.stderr).toContain(`Digest file\t${uri(bucket, chain.digestKeys[4])}\tINVALID: has been moved from its original location\n\n`);
    expect(run.code).toBe(1);
  });

  test('a digest without its signature metadata: signature verification failed', async () => {
    const { bucket, chain } = await archive();
    const original = chain.objects.find((o) => o.key === chain.digestKeys[0])!;
    await s3.put(bucket, [{ ...original, metadata: {} }]);
    const run = await validate(bucket);
    expect(run.stderr).toBe(`Digest file\t${uri(bucket, chain.digestKeys[0])}\tINVALID: signature verification failed\n\n`);
    expect(run.code).toBe(1);
  });

  test('a public key not valid when the digest was signed is refused', async () => {
    const { bucket, chain } = await archive();
    const expired = path.join(dir, 'expired-keys.json');
    writeFileSync(expired, publicKeysJson([key], new Date('2026-11-30T00:00:00Z'), new Date('2026-11-30T03:30:00Z')));
    const run = await validate(bucket, ['--json'], expired);
    const report = JSON.parse(run.stdout) as ValidateReport;
    expect(report.problems.map((p) => p.uri)).toEqual([chain.digestKeys[5], chain.digestKeys[4], chain.digestKeys[3]].map((k) => uri(bucket, k)));
    expect(report.problems[0].reason).toBe(`public key with fingerprint ${key.fingerprint} was not valid at 2026-11-30T06:00:00Z`);
    expect(report.digestFiles).toEqual({ valid: 3, invalid: 3 });
    expect(run.code).toBe(1);
  });
});

describe('gaps and empty ranges', () => {
  test('logging stopped for two hours: the gap is reported, exit 0 as validate-logs', async () => {
    const { bucket } = await archive({ stoppedHours: [2, 3] });
    const run = await validate(bucket);
    expect(run.stderr).toBe('No log files were delivered by CloudTrail between 2026-11-30T02:05:17Z and 2026-11-30T04:00:00Z\n\n');
    expect(run.stdout).toContain('\n4/4 digest files valid\n8/8 log files valid\n');
    expect(run.code).toBe(0);
  });

  test('no digest in range: No digests found', async () => {
    const bucket = `archive-${++bucketCount}`;
    await s3.createBucket(bucket);
    const run = await validate(bucket);
    expect(run.stdout).toBe(
      `Validating log files for trail ${TRAIL_ARN} between 2026-11-30T00:00:00Z and 2026-11-30T06:00:00Z\n\n`
      + 'Results requested for 2026-11-30T00:00:00Z to 2026-11-30T06:00:00Z\nNo digests found\n',
    );
    expect(run.code).toBe(0);
  });

  test('no public key for the range: the error of validate-logs, exit 1', async () => {
    const { bucket } = await archive();
    const none = path.join(dir, 'no-keys.json');
    writeFileSync(none, JSON.stringify({ PublicKeyList: [] }));
    const run = await validate(bucket, [], none);
    expect(run.stderr).toBe('No public keys found between 2026-11-30T00:00:00Z and 2026-11-30T08:00:00Z\n');
    expect(run.code).toBe(1);
  });

  test('another member account\'s files are not read for this one', async () => {
    const { bucket } = await archive();
    const run = await validate(bucket, ['--account-id', '444444444444']);
    expect(run.stdout).toContain('No digests found');
  });
});

describe('the trail from DescribeTrails', () => {
  const parsed = (argv: string[]) => {
    const p = parseValidateArgs(argv, NOW, {});
    if (p.kind !== 'validate') throw new Error(`not parsed: ${JSON.stringify(p)}`);
    return p.args;
  };

  test('an organization trail needs --account-id (exit 2) and finds its organization id', async () => {
    const { bucket } = await archive();
    const base = ['--trail-arn', TRAIL_ARN, '--start-time', '2026-11-30T00:00:00Z', '--end-time', '2026-11-30T06:00:00Z',
      '--region', REGION, '--public-keys', keysFile, '--endpoint-url', s3.endpoint];
    const calls: string[] = [];
    const services = (argv: string[]) => ({
      ...awsServices(parsed(argv)),
      describeTrail: async (arn: string) => { calls.push(`DescribeTrails ${arn}`); return { s3BucketName: bucket, isOrganizationTrail: true }; },
      organizationId: async () => { calls.push('DescribeOrganization'); return ORG; },
    });
    let stderr = '';
    let stdout = '';
    const io = { stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: (t: string) => { stderr += t; } } };
    expect(await main(base, io, { now: () => NOW, env: {}, services: services(base) })).toBe(2);
    expect(stderr).toBe("cdk-cloudtrail-baseline validate: Missing required parameter for organization trail: '--account-id'\n");

    const withAccount = [...base, '--account-id', MEMBER];
    expect(await main(withAccount, io, { now: () => NOW, env: {}, services: services(withAccount) })).toBe(0);
    expect(calls).toEqual([`DescribeTrails ${TRAIL_ARN}`, `DescribeTrails ${TRAIL_ARN}`, 'DescribeOrganization']);
    expect(stdout).toContain('\n6/6 digest files valid\n12/12 log files valid\n');
  });

  test('an unknown trail is a usage error naming it', async () => {
    const argv = ['--trail-arn', TRAIL_ARN, '--start-time', '2026-11-30T00:00:00Z', '--public-keys', keysFile, '--endpoint-url', s3.endpoint];
    let stderr = '';
    const io = { stdout: { write: () => undefined }, stderr: { write: (t: string) => { stderr += t; } } };
    const services = { ...awsServices(parsed(argv)), describeTrail: async () => undefined };
    expect(await main(argv, io, { now: () => NOW, env: {}, services })).toBe(2);
    expect(stderr).toBe(`cdk-cloudtrail-baseline validate: --trail-arn: no trail ${TRAIL_ARN} (DescribeTrails in us-east-1)\n`);
  });

  test('an S3 error (no such bucket) is exit 1 with the error\'s name', async () => {
    const run = await validate('no-such-bucket');
    expect(run.stderr).toMatch(/^cdk-cloudtrail-baseline validate: NoSuchBucket: /);
    expect(run.code).toBe(1);
  });
});
