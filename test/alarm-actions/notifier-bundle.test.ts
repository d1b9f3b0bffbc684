// The notifier Lambda handler is bundled at library build time (`npx projen bundle`, part of
// `npx projen build`) into assets/notifier/index.js, which is committed and published. This test
// fails when the committed bundle no longer matches the handler's source, or when the projen
// bundle task no longer builds it the way this test does.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { BuildOptions, buildSync } from 'esbuild';
import alarmEvent from './notifier-handler/fixtures/alarm-event.json';
import describeMetricFilters from './notifier-handler/fixtures/describe-metric-filters.json';
import filterLogEvents from './notifier-handler/fixtures/filter-log-events.json';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRYPOINT = 'lib/alarm-actions/notifier-handler/index.ts';
const OUTFILE = 'assets/notifier/index.js';

/**
 * The esbuild command line of the projen task that bundles the handler (`bundle:notifier` in
 * .projenrc.ts, spawned by `bundle`, which `pre-compile` spawns). The first test checks that
 * .projen/tasks.json runs exactly this.
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

describe('notifier bundle (assets/notifier/index.js)', () => {
  test('the projen bundle task runs exactly this esbuild command', () => {
    const tasks: Record<string, ProjenTask> = JSON.parse(readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
    // Every non-watch esbuild step on the handler, wherever it is, with the tasks that reach it from `bundle`.
    const reachable = reachableFrom(tasks, 'bundle');
    const found = Object.entries(tasks).flatMap(([name, task]) => (task.steps ?? [])
      .map(commandLine)
      .filter((args): args is string[] => args !== undefined && args[0] === 'esbuild' && args.includes(ENTRYPOINT) && !args.includes('--watch'))
      .map((args) => ({ name, args, spawnedByBundle: reachable.has(name) })));

    const expected = [{ name: expect.any(String), args: ESBUILD_ARGS, spawnedByBundle: true }];
    if (found.length !== 1 || !found[0].spawnedByBundle || JSON.stringify(found[0].args) !== JSON.stringify(ESBUILD_ARGS)) {
      throw new Error([
        'The projen bundle task (.projen/tasks.json) does not run the esbuild command this test mirrors, so',
        '`npx projen bundle` and this test would disagree about assets/notifier/index.js.',
        `expected one step, spawned by "bundle": ${JSON.stringify(ESBUILD_ARGS)}`,
        `found: ${JSON.stringify(found)}`,
        'Fix .projenrc.ts and run `npx projen`, or update ESBUILD_ARGS here if the change is intended.',
      ].join('\n'));
    }
    expect(found).toEqual(expected);
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
      let offset = 0;
      while (offset < built.length && offset < committed.length && built[offset] === committed[offset]) {
        offset++;
      }
      const line = built.subarray(0, offset).toString('utf-8').split('\n').length;
      throw new Error(
        `${OUTFILE} is out of date with lib/alarm-actions/notifier-handler/ `
        + `(${committed.length} bytes committed, ${built.length} bytes built, first difference at line ${line}). ${FIX}`);
    }
  });

  test('contains no absolute paths of the build machine and keeps the AWS SDK external', () => {
    const bundle = readFileSync(path.join(ROOT, OUTFILE), 'utf-8');
    expect(bundle).not.toContain(ROOT);
    expect(bundle).not.toMatch(/\/(work|home|Users|tmp)\//);
    for (const client of ['client-sns', 'client-cloudwatch-logs', 'client-secrets-manager']) {
      expect(bundle).toContain(`require("@aws-sdk/${client}")`);
    }
    expect(bundle).not.toContain('node_modules/');
    // Only the SDK clients are required at run time, besides Node's own modules.
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.filter((r) => !r.startsWith('node:') && !r.startsWith('@aws-sdk/client-'))).toEqual([]);
  });

  test('exports the handler as CommonJS for the Lambda Node.js runtime', () => {
    const bundle = readFileSync(path.join(ROOT, OUTFILE), 'utf-8');
    expect(bundle.startsWith('"use strict";\n')).toBe(true);
    expect(bundle).toMatch(/module\.exports = __toCommonJS\(/);
    expect(bundle).toMatch(/\n {2}handler: \(\) => handler\n/);
  });

  test('the committed bundle publishes the fixture alarm with its events (smoke test)', async () => {
    const snsMock = mockClient(SNSClient);
    snsMock.on(PublishCommand).resolves({ MessageId: 'bundle-msg' });
    const logsMock = mockClient(CloudWatchLogsClient);
    logsMock.on(DescribeMetricFiltersCommand).resolves(describeMetricFilters);
    logsMock.on(FilterLogEventsCommand).resolves(filterLogEvents);
    const env = { ...process.env };
    process.env.TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:alarms';
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, OUTFILE));
      await expect(bundle.handler(alarmEvent)).resolves.toEqual({
        published: true,
        messageId: 'bundle-msg',
        enrichment: { status: 'complete', matchedEvents: 5, describedEvents: 5 },
      });
      const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
      expect(input.Subject).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
      expect(input.MessageAttributes).toEqual({ baseline_message_type: { DataType: 'String', StringValue: 'notification' } });
      expect(input.Message).toContain('   Who:    IAMUser arn:aws:iam::229654561268:user/christophe\n');
    } finally {
      process.env = env;
      snsMock.restore();
      logsMock.restore();
      jest.restoreAllMocks();
    }
  });
});
