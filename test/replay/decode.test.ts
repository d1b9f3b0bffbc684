/**
 * Decoding of every supported file shape, from the real fixture records (test/fixtures/cloudtrail-events,
 * see its README and NOTICE) written to temporary files: whole files (JSON.parse) and, with a low
 * streaming threshold, the streaming path (@streamparser/json, JSON lines line by line); the limit
 * of decompressed bytes per file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { cleanUp, labelledRecords, tempDir, writeFile } from './helpers';
import { decodeLogFile, DecodeError, readLogFile, ReadLimits } from '../../lib/replay/decode';

const records = labelledRecords().map((r) => r.record);
const read = (file: string) => decodeLogFile(fs.readFileSync(file)).events;

/** readLogFile's events and content. */
async function readStreamed(file: string, limits: ReadLimits) {
  const events: object[] = [];
  const content = await readLogFile(file, (e) => events.push(e), limits);
  return { events, content };
}
/** A threshold low enough that every test file is streamed (lines up to 10,000 bytes). */
const STREAMED: ReadLimits = { maxFileBytes: 1024 ** 3, streamThresholdBytes: 64, maxLineBytes: 10_000 };

afterAll(cleanUp);

describe('decodeLogFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  test('gzip JSON with a Records array (.json.gz, as S3 stores CloudTrail log files)', () => {
    const file = writeFile(path.join(dir, 'a.json.gz'), gzipSync(JSON.stringify({ Records: records })));
    expect(read(file)).toEqual(records);
  });

  test('plain JSON with a Records array', () => {
    const file = writeFile(path.join(dir, 'a.json'), JSON.stringify({ Records: records }, null, 2));
    expect(read(file)).toEqual(records);
  });

  test('JSON lines, plain and gzip; blank lines and CRLF are ignored', () => {
    const lines = records.map((r) => JSON.stringify(r)).join('\r\n') + '\r\n\r\n';
    expect(read(writeFile(path.join(dir, 'a.jsonl'), lines))).toEqual(records);
    expect(read(writeFile(path.join(dir, 'a.jsonl.gz'), gzipSync(lines)))).toEqual(records);
  });

  test('gzip is detected by its magic bytes, not the file name', () => {
    const file = writeFile(path.join(dir, 'misnamed.json'), gzipSync(JSON.stringify({ Records: records.slice(0, 3) })));
    expect(read(file)).toEqual(records.slice(0, 3));
  });

  test('a single event object (one pretty-printed record per file, as in the fixtures) and a JSON array', () => {
    const fixture = path.join(__dirname, '..', 'fixtures', 'cloudtrail-events', 'events', '001_root_usage__panther_PutBucketVersioning.json');
    expect(read(fixture)).toEqual([JSON.parse(fs.readFileSync(fixture, 'utf8'))]);
    expect(read(writeFile(path.join(dir, 'array.json'), JSON.stringify(records.slice(0, 2))))).toEqual(records.slice(0, 2));
  });

  test('an empty file has no events; a UTF-8 byte order mark is ignored', () => {
    expect(read(writeFile(path.join(dir, 'empty.json'), ''))).toEqual([]);
    expect(read(writeFile(path.join(dir, 'bom.json'), '\ufeff' + JSON.stringify({ Records: [records[0]] })))).toEqual([records[0]]);
  });

  test.each([
    ['truncated gzip', gzipSync(JSON.stringify({ Records: records })).subarray(0, 200), /not a valid gzip file/],
    ['not JSON', Buffer.from('hello world'), /not JSON/],
    ['truncated JSON', Buffer.from(JSON.stringify({ Records: records }).slice(0, 500)), /invalid JSON/],
    ['Records not an array', Buffer.from('{"Records": {"eventName": "x"}}'), /"Records" is not an array/],
    ['an object that is not CloudTrail', Buffer.from('{"AWSTemplateFormatVersion": "2010-09-09"}'), /neither a "Records" array nor the fields of a CloudTrail event/],
  ])('%s is refused with a DecodeError that says why', (_, data, message) => {
    expect(() => decodeLogFile(data)).toThrow(DecodeError);
    expect(() => decodeLogFile(data)).toThrow(message);
  });

  test('a bad line of a JSON lines file is skipped and reported with its number; the other lines are read', () => {
    const text = `${JSON.stringify(records[0])}\n{"eventName": \n[1,2]\n\n${JSON.stringify(records[1])}\n`;
    const decoded = decodeLogFile(Buffer.from(text));
    expect(decoded.events).toEqual([records[0], records[1]]);
    expect(decoded.badLines).toBe(2);
    expect(decoded.listedBadLines).toEqual([
      { line: 2, reason: expect.stringMatching(/^invalid JSON: /) },
      { line: 3, reason: 'not a JSON object' },
    ]);
  });

  test('a JSON lines file whose first line is bad is still read as JSON lines', () => {
    const decoded = decodeLogFile(Buffer.from(`{"eventName": \n${JSON.stringify(records[0])}\n`));
    expect(decoded.events).toEqual([records[0]]);
    expect(decoded.listedBadLines.map((l) => l.line)).toEqual([1]);
  });

  test('a JSON line may be a whole {"Records": [...]} document (concatenated log files)', () => {
    const text = `${JSON.stringify({ Records: records.slice(0, 2) })}\n${JSON.stringify({ Records: records.slice(2, 3) })}\n`;
    expect(decodeLogFile(Buffer.from(text)).events).toEqual(records.slice(0, 3));
  });
});

describe('readLogFile: streaming (files over the threshold) gives the same events', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  const lines = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

  test.each([
    ['gzip {"Records": [...]}', () => gzipSync(JSON.stringify({ Records: records }))],
    ['plain {"Records": [...]}, pretty-printed', () => Buffer.from(JSON.stringify({ Records: records }, null, 2))],
    ['a top-level array', () => Buffer.from(JSON.stringify(records))],
    ['"Records" after another key', () => Buffer.from(JSON.stringify({ digest: 'x', Records: records }))],
    ['JSON lines, gzip', () => gzipSync(lines)],
    ['JSON lines with a byte order mark and CRLF', () => Buffer.from('\ufeff' + lines.replace(/\n/g, '\r\n'))],
  ])('%s', async (_, data) => {
    const file = writeFile(path.join(dir, 'streamed.json'), data());
    const { events, content } = await readStreamed(file, STREAMED);
    expect(content.streamed).toBe(true);
    expect(events).toEqual(records);
    expect(content.events).toBe(records.length);
    expect(content.badLines).toBe(0);
    // Below the threshold: read whole, same events.
    const whole = await readStreamed(file, { maxFileBytes: 1024 ** 3, streamThresholdBytes: 16 * 1024 ** 2 });
    expect(whole.content.streamed).toBe(false);
    expect(whole.events).toEqual(records);
  });

  test('streamed JSON lines: bad lines skipped with their numbers, an over-long line skipped without holding it', async () => {
    const long = `{"eventName": "${'x'.repeat(600_000)}"}`; // over the line limit of STREAMED, and over several chunks
    const text = `${JSON.stringify(records[0])}\n{"eventName": \n${long}\n${JSON.stringify(records[1])}\n[1]`;
    const { events, content } = await readStreamed(writeFile(path.join(dir, 'bad.jsonl'), gzipSync(text)), STREAMED);
    expect(events).toEqual([records[0], records[1]]);
    expect(content.listedBadLines).toEqual([
      { line: 2, reason: expect.stringMatching(/^invalid JSON: /) },
      { line: 3, reason: 'longer than 10,000 bytes' },
      { line: 5, reason: 'not a JSON object' },
    ]);
  });

  test.each([
    ['truncated gzip', () => gzipSync(JSON.stringify({ Records: records })).subarray(0, 2000), /not a valid gzip file/],
    ['truncated JSON', () => Buffer.from(JSON.stringify({ Records: records }).slice(0, 5000)), /invalid JSON/],
    ['Records not an array', () => Buffer.from(JSON.stringify({ Records: { a: records[0], b: records[1] } })), /"Records" is not an array/],
    ['an object without Records', () => Buffer.from(JSON.stringify({ Resources: { a: 'x'.repeat(100) } })), /without events in a "Records" array/],
    ['not JSON', () => Buffer.from('x'.repeat(200)), /not JSON/],
  ])('streamed, %s is refused with a DecodeError that says why', async (_, data, message) => {
    const file = writeFile(path.join(dir, 'refused.json'), data());
    await expect(readStreamed(file, STREAMED)).rejects.toThrow(DecodeError);
    await expect(readStreamed(file, STREAMED)).rejects.toThrow(message);
  });
});

describe('readLogFile: the limit of decompressed bytes per file', () => {
  // A small gzip bomb: 4 MiB of spaces after '{"Records":[' compress to about 4 KiB.
  const bomb = () => gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(4 * 1024 ** 2, 0x20)]));

  test('a gzip file that decompresses past the limit is refused, read whole or streamed, without inflating it all', async () => {
    const file = writeFile(path.join(tempDir(), 'bomb.json.gz'), bomb());
    expect(fs.statSync(file).size).toBeLessThan(64 * 1024);
    const message = /^decompresses to more than 1,048,576 bytes, the limit per file: not read \(raise the limit with --max-file-bytes\)$/;
    await expect(readStreamed(file, { maxFileBytes: 1024 ** 2, streamThresholdBytes: 16 * 1024 ** 2 })).rejects.toThrow(message);
    await expect(readStreamed(file, { maxFileBytes: 1024 ** 2, streamThresholdBytes: 64 })).rejects.toThrow(message);
  });

  test('a plain file over the limit is refused before it is read; at the limit it is read', async () => {
    const data = JSON.stringify({ Records: records });
    const file = writeFile(path.join(tempDir(), 'big.json'), data);
    await expect(readStreamed(file, { maxFileBytes: data.length - 1, streamThresholdBytes: 64 }))
      .rejects.toThrow(`${data.length.toLocaleString('en-US')} bytes, over the limit per file of ${(data.length - 1).toLocaleString('en-US')} bytes`);
    expect((await readStreamed(file, { maxFileBytes: data.length, streamThresholdBytes: 64 })).events).toHaveLength(records.length);
  });
});
