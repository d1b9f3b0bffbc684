/**
 * Hostile inputs of `replay` (issue 12 §3): symbolic link loops, a gzip bomb, a bad JSON line, a
 * FIFO and a socket. Each is read once or skipped, and reported in the text and JSON reports.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { cleanUp, cloudTrailLogFile, labelledRecords, run, tempDir, writeFile } from './helpers';

const records = labelledRecords().map((r) => r.record);
const event = (i: number) => records[i % records.length];

afterAll(cleanUp);

/** The JSON report and the text report of the same replay. */
async function reports(args: string[]) {
  const json = await run(['replay', '--json', ...args]);
  const text = await run(['replay', ...args]);
  expect(json.code).toBe(0);
  expect(text.code).toBe(0);
  return { report: JSON.parse(json.stdout.text), text: text.stdout.text, stderr: json.stderr.text };
}

describe('symbolic links: each real folder and file is read once', () => {
  test('a folder with a link to itself: its files once, the loop skipped and reported', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'a.json.gz'), cloudTrailLogFile([event(0), event(1)]));
    fs.symlinkSync('.', path.join(dir, 'self'));
    const { report, text, stderr } = await reports([dir]);
    expect(report.events).toBe(2);
    expect(report.files).toMatchObject({ read: 1, skipped: 1 });
    const reason = `symbolic link loop: leads back to ${dir}, which is being read`;
    expect(report.skippedFiles).toEqual([{ path: path.join(dir, 'self'), reason }]);
    expect(text).toMatch(/^Files: 1 read, .*, 1 path skipped \(listed below\)$/m);
    expect(text).toContain(`Skipped paths (not read):\n  ${path.join(dir, 'self')}: ${reason}\n`);
    expect(stderr).toContain(`skipped: ${path.join(dir, 'self')}: ${reason}`);
  });

  test('two folders linking to each other: each read once, in bounded time', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'a', 'x.json'), JSON.stringify({ Records: [event(0)] }));
    writeFile(path.join(dir, 'b', 'y.json'), JSON.stringify({ Records: [event(1)] }));
    fs.symlinkSync(path.join('..', 'b'), path.join(dir, 'a', 'to-b'));
    fs.symlinkSync(path.join('..', 'a'), path.join(dir, 'b', 'to-a'));
    const { report } = await reports([dir]);
    expect(report.events).toBe(2);
    expect(report.files).toMatchObject({ read: 2, skipped: 2 });
    expect(report.skippedFiles).toEqual([
      { path: path.join(dir, 'a', 'to-b', 'to-a'), reason: `symbolic link loop: leads back to ${path.join(dir, 'a')}, which is being read` },
      { path: path.join(dir, 'b'), reason: `the same folder as ${path.join(dir, 'a', 'to-b')}, already read` },
    ]);
  }, 10_000);

  test('a file reached twice (a link to it, or named twice) is read once', async () => {
    const dir = tempDir();
    const file = writeFile(path.join(dir, 'a.json'), JSON.stringify({ Records: [event(0)] }));
    fs.symlinkSync('a.json', path.join(dir, 'b.json'));
    const { report } = await reports([dir, file]);
    expect(report.events).toBe(1);
    expect(report.skippedFiles.map((s: any) => s.reason)).toEqual([
      `the same file as ${file}, already read`, `the same file as ${file}, already read`,
    ]);
  });
});

describe('special files are reported, never opened', () => {
  test('a FIFO in a folder or named on the command line is skipped (opening it would block)', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'a.json'), JSON.stringify({ Records: [event(0)] }));
    const fifo = path.join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { report, text } = await reports([dir, fifo]);
    expect(report.events).toBe(1);
    const reason = 'a named pipe (FIFO), not a file: not opened (reading it would wait for a writer)';
    expect(report.skippedFiles).toEqual([{ path: fifo, reason }, { path: fifo, reason }]);
    expect(text).toContain(`  ${fifo}: ${reason}`);
  }, 10_000);

  test('a socket is skipped and reported', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'a.json'), JSON.stringify({ Records: [event(0)] }));
    const socket = path.join(dir, 'listening.json');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const { report } = await reports([dir]);
      expect(report.events).toBe(1);
      expect(report.skippedFiles).toEqual([{ path: socket, reason: 'a socket, not a file: not read' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('bad content: the file, or the line, is reported and the run goes on', () => {
  test('a bad line of a JSON lines file: skipped and reported with its number, the other lines counted', async () => {
    const dir = tempDir();
    const file = writeFile(path.join(dir, 'export.jsonl'), `${JSON.stringify(event(0))}\n{"eventName": "Trunc\n${JSON.stringify(event(1))}\n`);
    const { report, text, stderr } = await reports([dir]);
    expect(report.events).toBe(2);
    expect(report.files).toMatchObject({ read: 1, unreadable: 0 });
    expect(report.linesSkipped).toBe(1);
    expect(report.skippedLines).toEqual([{ path: file, line: 2, reason: expect.stringMatching(/^invalid JSON: /) }]);
    expect(text).toMatch(/^ {6}1 line of JSON lines files skipped, not a JSON object \(listed below\)$/m);
    expect(text).toContain(`  ${file}:2: invalid JSON: `);
    expect(stderr).toContain(`line skipped: ${file}:2: invalid JSON: `);
  });

  test('a gzip bomb over --max-file-bytes: refused with a clear message, the next file read', async () => {
    const dir = tempDir();
    // 8 MiB of spaces inside a Records array compress to about 8 KiB.
    const bomb = writeFile(path.join(dir, 'a-bomb.json.gz'), gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(8 * 1024 ** 2, 0x20)])));
    writeFile(path.join(dir, 'b-good.json.gz'), cloudTrailLogFile([event(0)]));
    const { report, text } = await reports(['--max-file-bytes', '1MiB', dir]);
    expect(report.events).toBe(1);
    expect(report.files).toMatchObject({ read: 1, unreadable: 1 });
    const reason = 'decompresses to more than 1,048,576 bytes, the limit per file: not read (raise the limit with --max-file-bytes)';
    expect(report.unreadableFiles).toEqual([{ path: bomb, reason }]);
    expect(text).toContain(`Unreadable files (not counted):\n  ${bomb}: ${reason}\n`);
  });

  test('--max-file-bytes and --workers are checked', async () => {
    for (const [argv, message] of [
      [['--max-file-bytes', 'lots'], /--max-file-bytes needs a size in bytes/],
      [['--max-file-bytes', '0'], /--max-file-bytes needs a size in bytes/],
      [['--workers', '0'], /--workers needs a whole number from 1 to 1024/],
      [['--workers=two'], /--workers needs a whole number from 1 to 1024/],
    ] as const) {
      const { code, stderr } = await run(['replay', ...argv, 'x']);
      expect(code).toBe(2);
      expect(stderr.text).toMatch(message);
    }
  });
});
