/**
 * `cdk-cloudtrail-baseline replay` run in-process (`main()` with captured streams) over corpora
 * built from the fixture records: exact per-detection statistics, per day, alarm transitions,
 * unreadable and digest files, output formats and exit codes.
 */
import * as path from 'path';
import { gzipSync } from 'zlib';
import { CATEGORY_DETECTION, expectedMatches, topCounts } from './expected';
import { cleanUp, cloudTrailLogFile, labelledRecords, run, tempDir, writeFile } from './helpers';
import { main } from '../../lib/replay/cli';

const records = labelledRecords();
const expected = expectedMatches(records);
const CATALOG_ORDER = [
  'CloudWatch.1', 'CloudWatch.2', 'CloudWatch.3', 'CloudWatch.4', 'CloudWatch.5', 'CloudWatch.6', 'CloudWatch.7',
  'CloudWatch.8', 'CloudWatch.9', 'CloudWatch.10', 'CloudWatch.11', 'CloudWatch.12', 'CloudWatch.13', 'CloudWatch.14', 'CIS.4.15',
];

/** An S3-layout archive of all fixture records: 113 records in 12 gzip log files over 3 day folders. */
function archive(): string {
  const root = tempDir();
  const base = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '05');
  for (let i = 0; i * 10 < records.length; i++) {
    const day = String(1 + (i % 3)).padStart(2, '0');
    const chunk = records.slice(i * 10, i * 10 + 10).map((r) => r.record);
    writeFile(path.join(base, day, `111122223333_CloudTrail_us-east-1_20240501T00${String(i).padStart(2, '0')}Z_x${i}.json.gz`), cloudTrailLogFile(chunk));
  }
  return root;
}

/** A root-user record of the fixtures with another eventTime. */
const rootEvent = (eventTime: string | undefined) => ({ ...records.find((r) => r.file.startsWith('001_root_usage'))!.record, eventTime });
const iamEvent = (eventTime: string) => ({ ...records.find((r) => r.categories.includes('iam_policy_changes'))!.record, eventTime });
const quietEvent = (eventTime: string | undefined) => ({ ...records.find((r) => r.categories.length === 0)!.record, eventTime });

afterAll(cleanUp);

describe('replay over the fixture archive (expected values from LABELS.tsv)', () => {
  let report: any;
  beforeAll(async () => {
    const result = await run(['replay', '--json', archive()]);
    expect(result.code).toBe(0);
    expect(result.stderr.text).toBe('');
    report = JSON.parse(result.stdout.text);
  });

  test('totals: files and events', () => {
    expect(report.files).toEqual({ read: 12, unreadable: 0, skipped: 0, digestFilesSkipped: 0, otherFilesIgnored: 0 });
    expect(report.events).toBe(records.length);
    expect(report.detectionSource).toBe('catalog');
  });

  test('every catalog detection, in catalog order, with the match count of its label', () => {
    expect(report.detections.map((d: any) => d.id)).toEqual(CATALOG_ORDER);
    for (const d of report.detections) {
      expect({ id: d.id, matches: d.matches }).toEqual({ id: d.id, matches: expected.get(d.id)!.length });
    }
    // Spot checks, counted by hand from LABELS.tsv.
    const matches = Object.fromEntries(report.detections.map((d: any) => [d.id, d.matches]));
    expect(matches['CloudWatch.1']).toBe(7);
    expect(matches['CloudWatch.3']).toBe(2);
    expect(matches['CloudWatch.6']).toBe(1);
  });

  test('top principals and top event names of each detection', () => {
    const principal = (e: any) => e.userIdentity?.arn ?? e.userIdentity?.type;
    for (const d of report.detections) {
      const matched = expected.get(d.id)!;
      expect({ id: d.id, top: d.topEventNames }).toEqual({ id: d.id, top: topCounts(matched, (e) => e.eventName) });
      expect({ id: d.id, top: d.topPrincipals }).toEqual({ id: d.id, top: topCounts(matched, principal) });
      expect(d.topPrincipals.length).toBeLessThanOrEqual(5);
    }
    const root = report.detections.find((d: any) => d.id === 'CloudWatch.1');
    expect(root.topPrincipals).toEqual([{ name: 'arn:aws:iam::123456789012:root', count: 7 }]);
    expect(root.topEventNames[0]).toEqual({ name: 'ConsoleLogin', count: 3 });
    // The synthetic failed sign-in has no userIdentity.arn: its principal is the identity type.
    expect(report.detections.find((d: any) => d.id === 'CloudWatch.6').topPrincipals).toEqual([{ name: 'IAMUser', count: 1 }]);
  });

  test('per day divides by the distinct UTC days of all events read', () => {
    const days = new Set(records.map((r) => r.record.eventTime.slice(0, 10)));
    expect(report.days.withEvents).toBe(days.size);
    for (const d of report.detections) {
      expect(d.matchesPerDay).toBe(Math.round((d.matches / days.size) * 100) / 100); // rounded to 2 decimals
    }
  });

  test('the labels cover every category (the statistics test all 15 detections)', () => {
    for (const id of Object.values(CATEGORY_DETECTION)) expect(expected.get(id)!.length).toBeGreaterThan(0);
  });
});

describe('per day and alarm transitions on a known timeline', () => {
  let report: any;
  beforeAll(async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'a.json.gz'), cloudTrailLogFile([
      rootEvent('2024-03-01T00:00:10Z'),
      rootEvent('2024-03-01T00:04:59Z'), // same 5-minute period
      rootEvent('2024-03-01T00:05:00Z'), // next period: the alarm stays in ALARM
      rootEvent('2024-03-01 01:00:00'), // an hour later (time without zone, read as UTC): a new notification
      quietEvent('2024-03-03T12:00:00Z'),
      iamEvent('2024-03-10T23:59:59Z'),
      quietEvent(undefined),
    ]));
    const result = await run(['replay', '--json', dir]);
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout.text);
  });

  test('days with events, span, first and last event', () => {
    expect(report.events).toBe(7);
    expect(report.eventsWithoutTime).toBe(1);
    expect(report.days).toEqual({ withEvents: 3, span: 10, firstEventTime: '2024-03-01T00:00:10Z', lastEventTime: '2024-03-10T23:59:59Z' });
  });

  test('matches per day, breaching periods and alarm transitions', () => {
    const root = report.detections.find((d: any) => d.id === 'CloudWatch.1');
    expect(root).toMatchObject({ matches: 4, matchesPerDay: 1.33, breachingPeriods: 3, alarmTransitions: 2 });
    const iam = report.detections.find((d: any) => d.id === 'CloudWatch.4');
    expect(iam).toMatchObject({ matches: 1, matchesPerDay: 0.33, breachingPeriods: 1, alarmTransitions: 1 });
  });
});

describe('unreadable files and digest files', () => {
  test('unreadable files are counted and reported on stderr, one line each, and the run goes on', async () => {
    const dir = tempDir();
    const good = writeFile(path.join(dir, 'good.json.gz'), cloudTrailLogFile([rootEvent('2024-01-01T00:00:00Z')]));
    const corrupt = writeFile(path.join(dir, 'corrupt.json.gz'), gzipSync('{"Records": []}').subarray(0, 12));
    const notJson = writeFile(path.join(dir, 'z-notes.json'), 'not json at all');
    const missing = path.join(dir, 'missing.json.gz');
    const { code, stdout, stderr } = await run(['replay', '--json', dir, missing]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.text);
    expect(report.files).toMatchObject({ read: 1, unreadable: 3 });
    expect(report.events).toBe(1);
    expect(report.detections[0].matches).toBe(1);
    expect(stderr.lines).toHaveLength(3);
    expect(stderr.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`unreadable: ${escape(corrupt)}: not a valid gzip file`)),
      expect.stringMatching(new RegExp(`unreadable: ${escape(notJson)}: not JSON`)),
      expect.stringMatching(new RegExp(`unreadable: ${escape(missing)}: ENOENT`)),
    ]));
    expect(stderr.text).not.toContain(good);
    expect(report.unreadableFiles.map((f: any) => f.path).sort()).toEqual([corrupt, missing, notJson].sort());
  });

  test('CloudTrail-Digest files are skipped (they are not events), in a digest folder or by name', async () => {
    const dir = tempDir();
    const digest = JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2024-01-01T00:00:00Z', logFiles: [] });
    writeFile(path.join(dir, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1', '2024', '01', '01',
      '111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240101T000000Z.json.gz'), gzipSync(digest));
    const named = writeFile(path.join(dir, 'elsewhere', '111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240101T010000Z.json.gz'), gzipSync(digest));
    writeFile(path.join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '01', '01', 'x.json.gz'),
      cloudTrailLogFile([quietEvent('2024-01-01T00:00:00Z')]));
    writeFile(path.join(dir, 'README.txt'), 'not a log file');
    const { code, stdout, stderr } = await run(['replay', '--json', dir, named]);
    expect(code).toBe(0);
    expect(stderr.text).toBe('');
    const report = JSON.parse(stdout.text);
    expect(report.files).toEqual({ read: 1, unreadable: 0, skipped: 0, digestFilesSkipped: 3, otherFilesIgnored: 1 });
    expect(report.events).toBe(1);
  });
});

describe('exit codes and usage', () => {
  test('0 and the usage on stdout for --help', async () => {
    for (const argv of [['--help'], ['replay', '--help'], ['replay', '-h']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(0);
      expect(stdout.text).toMatch(/^Usage: cdk-cloudtrail-baseline/);
      expect(stderr.text).toBe('');
    }
  });

  test.each([
    [[], /no command given/],
    [['audit'], /unknown command 'audit'/],
    [['replay'], /no file or folder given/],
    [['replay', '--frobnicate', 'x'], /unknown option '--frobnicate'/],
    [['replay', 'x', '--template'], /--template needs a file/],
    [['replay', '--template', 't.json', '--variants', 'x'], /--variants applies to the catalog detections/],
  ])('2 and the usage on stderr for bad usage: %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.text).toMatch(message);
    expect(stderr.text).toContain('Usage: cdk-cloudtrail-baseline');
  });

  test('2 when the template cannot be read', async () => {
    const { code, stderr } = await run(['replay', '--template', '/nonexistent/x.template.json', 'x']);
    expect(code).toBe(2);
    expect(stderr.text).toMatch(/--template \/nonexistent\/x.template.json: ENOENT/);
  });

  test('1 when no file could be read: all unreadable, or no log file found', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'bad.json.gz'), Buffer.from([0x1f, 0x8b, 0, 1, 2]));
    const bad = await run(['replay', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.text).toMatch(/no file could be read \(1 unreadable/);
    const empty = await run(['replay', tempDir()]);
    expect(empty.code).toBe(1);
  });
});

describe('output', () => {
  test('--json: the report shape', async () => {
    const { stdout } = await run(['replay', '--json', archive()]);
    const report = JSON.parse(stdout.text);
    expect(Object.keys(report).sort()).toEqual([
      'days', 'detectionSource', 'detections', 'elapsedSeconds', 'events', 'eventsPerSecond', 'eventsWithoutTime',
      'files', 'linesSkipped', 'skippedFiles', 'skippedLines', 'unreadableFiles', 'warnings',
    ]);
    expect(typeof report.elapsedSeconds).toBe('number');
    expect(typeof report.eventsPerSecond).toBe('number');
    expect(report.detections[0]).toEqual({
      id: 'CloudWatch.1',
      title: 'Root user activity',
      metricName: 'RootAccountUsage',
      matches: 7,
      matchesPerDay: expect.any(Number),
      breachingPeriods: expect.any(Number),
      alarmTransitions: expect.any(Number),
      topPrincipals: [{ name: 'arn:aws:iam::123456789012:root', count: 7 }],
      topEventNames: expect.any(Array),
    });
  });

  test('the table: totals, one row per detection, top lists of the detections that matched', async () => {
    const { code, stdout } = await run(['replay', archive()]);
    expect(code).toBe(0);
    const lines = stdout.text.split('\n');
    expect(lines[0]).toBe('Files: 12 read, 0 unreadable, 0 digest files skipped (not events), 0 other files ignored');
    expect(lines[1]).toMatch(new RegExp(`^Events: ${records.length} in \\d+\\.\\d\\d s \\([\\d,]+ events/s\\)$`));
    expect(lines).toContainEqual(expect.stringMatching(/^CloudWatch\.1 +RootAccountUsage +7 +[\d.]+ +\d+ +Root user activity$/));
    expect(lines).toContainEqual('CloudWatch.1 Root user activity: 7 matches');
    expect(lines).toContainEqual('  top principals:  arn:aws:iam::123456789012:root (7)');
    expect(lines).toContainEqual('CloudWatch.6 Console authentication failures: 1 match');
  });

  test('progress on stderr with --progress, or when stderr is a terminal; never otherwise', async () => {
    const root = archive();
    let t = 0;
    const clock = () => (t += 1000);
    const capture = (tty: boolean) => ({ text: '', isTTY: tty, write(s: string) { this.text += s; return true; } });
    const withFlag = { stdout: capture(false), stderr: capture(false), now: clock };
    expect(await main(['replay', '--workers', '1', '--progress', root], withFlag)).toBe(0);
    expect(withFlag.stderr.text).toMatch(/^cdk-cloudtrail-baseline replay: \d+\/12 files, [\d,]+ events, \d+ s$/m);
    const tty = { stdout: capture(false), stderr: capture(true), now: clock };
    await main(['replay', '--workers', '1', root], tty);
    expect(tty.stderr.text).toMatch(/\/12 files/);
    const quiet = { stdout: capture(false), stderr: capture(false), now: clock };
    await main(['replay', '--workers', '1', root], quiet);
    expect(quiet.stderr.text).toBe('');
  });

  test('--variants adds the catalog variants to the 15 defaults', async () => {
    const plain = await run(['replay', '--json', archive()]);
    const { code, stdout, stderr } = await run(['replay', '--json', '--variants', archive()]);
    expect(code).toBe(0);
    expect(stderr.text).not.toMatch(/warning/);
    const report = JSON.parse(stdout.text);
    const defaults = JSON.parse(plain.stdout.text);
    expect(report.detectionSource).toBe('catalog+variants');
    expect(defaults.detections.map((d: any) => d.id)).toHaveLength(15);
    expect(report.detections.map((d: any) => d.id)).toEqual(expect.arrayContaining(
      [...defaults.detections.map((d: any) => d.id), 'CIS.4.1', 'CIS.4.2', 'CIS.4.10', 'Baseline.RootUserUsageAnyInvoker']));
    const matches = (id: string) => report.detections.find((d: any) => d.id === id).matches;
    // Record 015 (root CreateAccessKey with invokedBy signin.amazonaws.com) is a root action the
    // published CloudWatch.1 text misses and the any-invoker variant counts.
    expect(matches('Baseline.RootUserUsageAnyInvoker')).toBeGreaterThan(matches('CloudWatch.1'));
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
