// `cdk-cloudtrail-baseline validate` runs from assets/validate/index.js (committed), bundled with
// the AWS SDK v3 at library build time: this test fails when the bundle is stale, reaches outside
// Node's own modules, or no longer validates a chain against a real S3-compatible server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { buildChain, publicKeysJson, signingKey } from './chain-builder';
import { S3RVER_CREDENTIALS, startS3 } from './s3-server';
import { ROOT } from '../support/lambda-bundle';

const ENTRY = 'lib/evidence/validate/index.ts';
const OUTFILE = 'assets/validate/index.js';
const COMMAND = `esbuild --bundle ${ENTRY} --target=node20 --platform=node --minify --legal-comments=eof --outfile=${OUTFILE}`;
const FIX = 'Run `npx projen bundle` and commit assets/.';

interface Task { readonly steps?: { readonly exec?: string; readonly spawn?: string }[] }

describe('validate bundle (assets/validate/index.js)', () => {
  test('the projen task bundle:validate runs this esbuild command and bundle spawns it', () => {
    const tasks: Record<string, Task> = JSON.parse(readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
    expect(tasks['bundle:validate'].steps).toEqual([{ exec: COMMAND }, { exec: 'node scripts/validate-bundle-licenses.mjs' }]);
    expect(tasks.bundle.steps).toContainEqual({ spawn: 'bundle:validate' });
  });

  test('is up to date with lib/evidence/', () => {
    const result = buildSync({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      target: 'node20',
      platform: 'node',
      minify: true,
      legalComments: 'eof',
      outfile: OUTFILE,
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const built = Buffer.from(result.outputFiles[0].contents);
    const committed = readFileSync(path.join(ROOT, OUTFILE));
    if (!built.equals(committed)) {
      throw new Error(`${OUTFILE} is out of date (${committed.length} bytes committed, ${built.length} bytes built). ${FIX}`);
    }
  });

  test('THIRD-PARTY-LICENSES.md names each bundled package with its version and license text', () => {
    const result = buildSync({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      target: 'node20',
      platform: 'node',
      metafile: true,
      outfile: OUTFILE,
      write: false,
      logLevel: 'silent',
    });
    const dirs = new Set(Object.keys(result.metafile.inputs).flatMap((i) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1] ?? []));
    const notices = readFileSync(path.join(ROOT, 'assets/validate/THIRD-PARTY-LICENSES.md'), 'utf-8');
    const rows = [...notices.matchAll(/^\| (\S+) \| (\S+) \| (\S+) \|$/gm)].map((m) => `${m[1]}@${m[2]} ${m[3]}`).filter((r) => !r.startsWith('Package@'));
    const expected = [...dirs].map((d) => JSON.parse(readFileSync(path.join(ROOT, d, 'package.json'), 'utf-8')))
      .map((pkg) => `${pkg.name}@${pkg.version} ${pkg.license}`).sort();
    expect(rows.sort()).toEqual(expected);
    expect(expected.some((r) => r.startsWith('@aws-sdk/client-s3@'))).toBe(true);
    expect(notices).toContain('Apache License');
  });

  test('needs only Node\'s own modules and holds no path of the build machine', () => {
    const code = readFileSync(path.join(ROOT, OUTFILE), 'utf-8');
    // Not `[require("@aws-sdk/signature-v4-crt");]`: the SDK's error message for SigV4a, which validate never signs.
    const required = [...new Set([...code.matchAll(/(?<!\[)require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, '')))];
    expect(required.filter((r) => !builtinModules.includes(r))).toEqual([]);
    expect(code).not.toContain(ROOT);
    expect(code).not.toMatch(/\/(work|home|Users)\//);
  });

  test('the committed bundle validates a chain on an S3-compatible server (smoke test)', async () => {
    const s3 = await startS3();
    const dir = mkdtempSync(path.join(tmpdir(), 'validate-bundle-'));
    const env = { ...process.env };
    try {
      const key = signingKey();
      const keysFile = path.join(dir, 'keys.json');
      writeFileSync(keysFile, publicKeysJson([key], new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')));
      await s3.createBucket('archive');
      const chain = buildChain({ bucket: 'archive', account: '111111111111', region: 'us-east-1', trailName: 'trail1', homeRegion: 'us-east-1', start: new Date('2026-11-30T00:00:00Z'), hours: 2, key });
      await s3.put('archive', chain.objects);
      process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
      let stdout = '';
      const io = { stdout: { write: (t: string) => { stdout += t; } }, stderr: { write: () => undefined } };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, OUTFILE));
      const code = await bundle.main(['--trail-arn', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/trail1', '--start-time', '2026-11-30T00:00:00Z',
        '--end-time', '2026-11-30T02:00:00Z', '--s3-bucket', 'archive', '--public-keys', keysFile, '--endpoint-url', s3.endpoint], io, { env: {} });
      expect(stdout).toContain('\n2/2 digest files valid\n4/4 log files valid\n');
      expect(code).toBe(0);
    } finally {
      process.env = env;
      await s3.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
