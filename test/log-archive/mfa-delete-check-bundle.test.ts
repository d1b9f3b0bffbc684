// The MFA delete check Lambda handler is bundled at library build time (`npx projen bundle`, part
// of `npx projen build`) into assets/mfa-delete-check/index.js, which is committed and published.
// This test fails when the committed bundle no longer matches the handler's source, or when the
// projen bundle task no longer builds it the way this test does (same checks as the notifier's,
// test/alarm-actions/notifier-bundle.test.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { BuildOptions, buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRYPOINT = 'lib/log-archive/mfa-delete-check-handler/index.ts';
const OUTFILE = 'assets/mfa-delete-check/index.js';

/**
 * The esbuild command line of the projen task that bundles the handler (`bundle:mfa-delete-check`
 * in .projenrc.ts, spawned by `bundle`). The first test checks that .projen/tasks.json runs exactly this.
 */
const ESBUILD_ARGS = [
  'esbuild',
  '--bundle',
  ENTRYPOINT,
  '--target=node22',
  '--platform=node',
  `--outfile=${OUTFILE}`,
  '--external:@aws-sdk/*',
];

const FIX = 'Run `npx projen bundle` and commit assets/.';

/** The same build as `ESBUILD_ARGS`, through the API (run from the project root, like the task). */
function esbuildOptions(args: string[]): BuildOptions {
  const options: BuildOptions = { absWorkingDir: ROOT, entryPoints: [], external: [], write: false, logLevel: 'silent' };
  for (const arg of args.slice(1)) {
    const [flag, value] = arg.split(/[=:](.*)/s, 2);
    if (arg === '--bundle') {
      options.bundle = true;
    } else if (!arg.startsWith('-')) {
      (options.entryPoints as string[]).push(arg);
    } else if (flag === '--target') {
      options.target = value;
    } else if (flag === '--platform') {
      options.platform = value as BuildOptions['platform'];
    } else if (flag === '--outfile') {
      options.outfile = value;
    } else if (flag === '--external') {
      options.external!.push(value);
    } else {
      throw new Error(`esbuild flag ${arg} is not mirrored by this test: add it to esbuildOptions()`);
    }
  }
  return options;
}

interface ProjenStep {
  readonly exec?: string;
  readonly execArgs?: string[];
  readonly spawn?: string;
}

interface ProjenTask {
  readonly steps?: ProjenStep[];
}

/** The command line of a task step: `execArgs` as-is, `exec` split on spaces (shell quotes removed). */
function commandLine(step: ProjenStep): string[] | undefined {
  if (step.execArgs) {
    return step.execArgs;
  }
  return step.exec?.trim().split(/\s+/).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
}

/** The names of the tasks `root` spawns, directly or not, and `root` itself. */
function reachableFrom(tasks: Record<string, ProjenTask>, root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) {
      return;
    }
    seen.add(name);
    for (const step of tasks[name]?.steps ?? []) {
      if (step.spawn) {
        visit(step.spawn);
      }
    }
  };
  visit(root);
  return seen;
}

describe('MFA delete check bundle (assets/mfa-delete-check/index.js)', () => {
  test('the projen bundle task runs exactly this esbuild command', () => {
    const tasks: Record<string, ProjenTask> = JSON.parse(readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
    const reachable = reachableFrom(tasks, 'bundle');
    const found = Object.entries(tasks).flatMap(([name, task]) => (task.steps ?? [])
      .map(commandLine)
      .filter((args): args is string[] => args !== undefined && args[0] === 'esbuild' && args.includes(ENTRYPOINT) && !args.includes('--watch'))
      .map((args) => ({ name, args, spawnedByBundle: reachable.has(name) })));
    expect(found).toEqual([{ name: 'bundle:mfa-delete-check', args: ESBUILD_ARGS, spawnedByBundle: true }]);
  });

  test('is up to date with the handler source', () => {
    const result = buildSync(esbuildOptions(ESBUILD_ARGS));
    expect(result.errors).toEqual([]);
    expect(result.outputFiles).toHaveLength(1);
    expect(result.outputFiles![0].path).toBe(path.join(ROOT, OUTFILE));
    const built = Buffer.from(result.outputFiles![0].contents);
    let committed: Buffer;
    try {
      committed = readFileSync(path.join(ROOT, OUTFILE));
    } catch (e) {
      throw new Error(`${OUTFILE} is missing (${(e as Error).message}). ${FIX}`);
    }
    if (!built.equals(committed)) {
      throw new Error(`${OUTFILE} is out of date with lib/log-archive/mfa-delete-check-handler/ (${committed.length} bytes committed, ${built.length} bytes built). ${FIX}`);
    }
  });

  test('contains no absolute paths of the build machine and requires only the S3 client', () => {
    const bundle = readFileSync(path.join(ROOT, OUTFILE), 'utf-8');
    expect(bundle).not.toContain(ROOT);
    expect(bundle).not.toMatch(/\/(work|home|Users|tmp)\//);
    expect(bundle).not.toContain('node_modules/');
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toEqual(['@aws-sdk/client-s3']);
  });

  test('exports the handler as CommonJS for the Lambda Node.js runtime', () => {
    const bundle = readFileSync(path.join(ROOT, OUTFILE), 'utf-8');
    expect(bundle.startsWith('"use strict";\n')).toBe(true);
    expect(bundle).toMatch(/module\.exports = __toCommonJS\(/);
    expect(bundle).toMatch(/\n {2}handler: \(\) => handler\n/);
  });

  test('the committed bundle reports MFA delete off as 0 (smoke test)', async () => {
    const s3 = mockClient(S3Client);
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    const env = { ...process.env };
    process.env.VAULT_BUCKET_NAME = 'cloudtrail-vault';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, OUTFILE));
      await expect(bundle.handler()).resolves.toEqual({ bucket: 'cloudtrail-vault', versioning: 'Enabled', mfaDelete: 'Disabled', mfaDeleteEnabled: 0 });
      expect(JSON.parse(String(write.mock.calls[0][0])).MfaDeleteEnabled).toBe(0);
    } finally {
      process.env = env;
      s3.restore();
      write.mockRestore();
    }
  });
});
