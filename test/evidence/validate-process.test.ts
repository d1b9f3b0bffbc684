// `cdk-cloudtrail-baseline validate` as a user runs it: bin/cdk-cloudtrail-baseline (the jsii
// output out/replay/cli.js, which loads the committed assets/validate/index.js) in a child
// process, against an S3-compatible server; exit codes and streams as a shell sees them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildChain, publicKeysJson, signingKey } from './chain-builder';
import { S3RVER_CREDENTIALS, startS3, TestS3 } from './s3-server';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk-cloudtrail-baseline');
const compiled = existsSync(path.join(ROOT, 'out', 'replay', 'cli.js'));

interface Result { code: number; stdout: string; stderr: string }
function run(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startS3();
  dir = mkdtempSync(path.join(tmpdir(), 'validate-process-'));
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

(compiled ? describe : describe.skip)('bin/cdk-cloudtrail-baseline validate (needs out/, from npx projen compile)', () => {
  test('--help prints the usage on stdout, exit 0; the program usage lists validate', async () => {
    const help = await run(['validate', '--help']);
    expect(help.stdout).toMatch(/^Usage: cdk-cloudtrail-baseline validate --trail-arn <arn> --start-time <time>/);
    expect(help.code).toBe(0);
    const program = await run(['--help']);
    expect(program.stdout).toMatch(/^ {2}validate --trail-arn <arn>/m);
  });

  test('an intact chain: exit 0; a changed log file: exit 1 and the file on stderr; bad usage: exit 2', async () => {
    const key = signingKey();
    const keys = path.join(dir, 'keys.json');
    writeFileSync(keys, publicKeysJson([key], new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')));
    await s3.createBucket('archive');
    const chain = buildChain({ bucket: 'archive', account: '111111111111', region: 'us-east-1', trailName: 'trail1', homeRegion: 'us-east-1', start: new Date('2026-11-30T00:00:00Z'), hours: 3, key });
    await s3.put('archive', chain.objects);
    const args = ['validate', '--trail-arn', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/trail1', '--start-time', '2026-11-30T00:00:00Z',
      '--end-time', '2026-11-30T03:00:00Z', '--s3-bucket', 'archive', '--public-keys', keys, '--endpoint-url', s3.endpoint];

    const intact = await run(args);
    expect(intact.stdout).toContain('\n3/3 digest files valid\n6/6 log files valid\n');
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);

    await s3.put('archive', [{ key: chain.logKeys[2], body: Buffer.from('not gzip'), metadata: {} }]);
    const tampered = await run(args);
    expect(tampered.stderr).toBe(`Log file\ts3://archive/${chain.logKeys[2]}\tINVALID: invalid format\n\n`);
    expect(tampered.code).toBe(1);

    const usage = await run(['validate', '--start-time', '2026-11-30T00:00:00Z']);
    expect(usage.stderr).toMatch(/^cdk-cloudtrail-baseline validate: .*--trail-arn/);
    expect(usage.code).toBe(2);
  });
});
