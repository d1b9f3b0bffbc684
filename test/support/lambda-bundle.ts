// Checks shared by the tests of the Lambda handlers that are bundled at library build time
// (`npx projen bundle`, part of `npx projen build`) into committed assets: the projen task runs the
// esbuild command these checks mirror, the committed bundle matches the handler's source, holds no
// path of the build machine, requires only the AWS SDK clients it names, and exports the handler
// as CommonJS. Each handler's test adds its own smoke test of the committed bundle.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BuildOptions, buildSync } from 'esbuild';

/** The project root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A bundled handler: its entry point, its committed bundle and the projen task that builds it. */
export interface LambdaBundle {
  /** The handler's entry point, relative to the project root. */
  readonly entrypoint: string;
  /** The committed bundle, relative to the project root. */
  readonly outfile: string;
  /** The projen task that runs esbuild on it, spawned by `bundle`. */
  readonly task: string;
  /** The AWS SDK v3 client packages the bundle requires (the Lambda runtime provides them). */
  readonly sdkClients: string[];
}

/** The esbuild command line of a bundle task, as `.projenrc.ts` writes it. */
export function esbuildArgs(bundle: LambdaBundle): string[] {
  return ['esbuild', '--bundle', bundle.entrypoint, '--target=node22', '--platform=node', `--outfile=${bundle.outfile}`, '--external:@aws-sdk/*'];
}

/** The same build as `args`, through the esbuild API (run from the project root, like the task). */
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
  if (step.execArgs) return step.execArgs;
  return step.exec?.trim().split(/\s+/).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
}

/** The names of the tasks `root` spawns, directly or not, and `root` itself. */
function reachableFrom(tasks: Record<string, ProjenTask>, root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const step of tasks[name]?.steps ?? []) {
      if (step.spawn) visit(step.spawn);
    }
  };
  visit(root);
  return seen;
}

/** Defines the shared tests of a bundled handler (call inside a `describe`). */
export function bundleTests(bundle: LambdaBundle): void {
  const args = esbuildArgs(bundle);
  const fix = 'Run `npx projen bundle` and commit assets/.';

  test('the projen bundle task runs exactly this esbuild command', () => {
    const tasks: Record<string, ProjenTask> = JSON.parse(readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf-8')).tasks;
    // Every non-watch esbuild step on the handler, wherever it is, with the tasks that reach it from `bundle`.
    const reachable = reachableFrom(tasks, 'bundle');
    const found = Object.entries(tasks).flatMap(([name, task]) => (task.steps ?? [])
      .map(commandLine)
      .filter((a): a is string[] => a !== undefined && a[0] === 'esbuild' && a.includes(bundle.entrypoint) && !a.includes('--watch'))
      .map((a) => ({ name, args: a, spawnedByBundle: reachable.has(name) })));
    expect(found).toEqual([{ name: bundle.task, args, spawnedByBundle: true }]);
  });

  test('is up to date with the handler source', () => {
    const result = buildSync(esbuildOptions(args));
    expect(result.errors).toEqual([]);
    expect(result.outputFiles).toHaveLength(1);
    expect(result.outputFiles![0].path).toBe(path.join(ROOT, bundle.outfile));
    const built = Buffer.from(result.outputFiles![0].contents);
    let committed: Buffer;
    try {
      committed = readFileSync(path.join(ROOT, bundle.outfile));
    } catch (e) {
      throw new Error(`${bundle.outfile} is missing (${(e as Error).message}). ${fix}`);
    }
    if (!built.equals(committed)) {
      let offset = 0;
      while (offset < built.length && offset < committed.length && built[offset] === committed[offset]) offset++;
      const line = built.subarray(0, offset).toString('utf-8').split('\n').length;
      throw new Error(`${bundle.outfile} is out of date with ${path.dirname(bundle.entrypoint)}/ `
        + `(${committed.length} bytes committed, ${built.length} bytes built, first difference at line ${line}). ${fix}`);
    }
  });

  test('contains no absolute paths of the build machine and requires only its AWS SDK clients', () => {
    const code = readFileSync(path.join(ROOT, bundle.outfile), 'utf-8');
    expect(code).not.toContain(ROOT);
    expect(code).not.toMatch(/\/(work|home|Users|tmp)\//);
    expect(code).not.toContain('node_modules/');
    // Only the SDK clients are required at run time, besides Node's own modules.
    const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
    expect(required.filter((r) => !r.startsWith('node:')).sort()).toEqual([...bundle.sdkClients].sort());
  });

  test('exports the handler as CommonJS for the Lambda Node.js runtime', () => {
    const code = readFileSync(path.join(ROOT, bundle.outfile), 'utf-8');
    expect(code.startsWith('"use strict";\n')).toBe(true);
    expect(code).toMatch(/module\.exports = __toCommonJS\(/);
    expect(code).toMatch(/\n {2}handler: \(\) => handler,?\n/);
  });
}
