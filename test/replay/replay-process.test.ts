/**
 * The command line in a real process: exit code, stdout and stderr as a shell sees them.
 *   - the TypeScript sources through ts-node (always);
 *   - the published entry point bin/cdk-cloudtrail-baseline, which loads the jsii output
 *     out/replay/cli.js: only when the library was compiled (`npx projen compile`, which `npm test`
 *     runs first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanUp, cloudTrailLogFile, labelledRecords, tempDir, writeFile } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const records = labelledRecords().map((r) => r.record);

afterAll(cleanUp);

function corpus(): string {
  const dir = tempDir();
  writeFile(path.join(dir, 'a.json.gz'), cloudTrailLogFile(records));
  writeFile(path.join(dir, 'broken.json.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
  return dir;
}

const TS_MAIN = `require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
require('./lib/replay/cli.ts').main(process.argv.slice(1)).then((code) => { process.exitCode = code; });`;

describe('replay in a child process', () => {
  test('the TypeScript CLI: exit code 0, JSON on stdout, the unreadable file on stderr', () => {
    const dir = corpus();
    const result = spawnSync(process.execPath, ['-e', TS_MAIN, 'replay', '--json', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^cdk-cloudtrail-baseline replay: unreadable: .+: not a valid gzip file: .+$/), '',
    ]);
    expect(result.stderr).toContain(path.join(dir, 'broken.json.gz'));
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.events).toBe(records.length);
    expect(report.files).toMatchObject({ read: 1, unreadable: 1 });
  });

  test('the TypeScript CLI: exit code 2 on bad usage', () => {
    const result = spawnSync(process.execPath, ['-e', TS_MAIN, 'replay'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no file or folder given/);
  });

  const compiled = fs.existsSync(path.join(ROOT, 'out', 'replay', 'cli.js'));
  (compiled ? test : test.skip)('bin/cdk-cloudtrail-baseline runs the compiled CLI (needs out/, from npx projen compile)', () => {
    const dir = corpus();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk-cloudtrail-baseline'), 'replay', dir], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Files: 1 read, 1 unreadable/);
    expect(result.stdout).toMatch(/^CloudWatch\.1 +RootAccountUsage +7 /m);
  });

  (compiled ? test : test.skip)('bin/cdk-cloudtrail-baseline with worker threads: out/replay/worker.js, same report as in one thread', () => {
    const dir = corpus();
    writeFile(path.join(dir, 'b.json.gz'), cloudTrailLogFile(records.slice(0, 20)));
    const replay = (workers: string) => {
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk-cloudtrail-baseline'), 'replay', '--json', '--workers', workers, dir], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const { elapsedSeconds, eventsPerSecond, ...report } = JSON.parse(result.stdout);
      return report;
    };
    const threads = replay('2');
    expect(threads.events).toBe(records.length + 20);
    expect(threads.files).toMatchObject({ read: 2, unreadable: 1 });
    expect(threads).toEqual(replay('1'));
  });
});
