/**
 * Decoding of every supported file shape, from the real fixture records (test/fixtures/cloudtrail-events,
 * see its README and NOTICE) written to temporary files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { cleanUp, labelledRecords, tempDir, writeFile } from './helpers';
import { decodeLogFile, DecodeError } from '../../lib/replay/decode';

const records = labelledRecords().map((r) => r.record);
const read = (file: string) => decodeLogFile(fs.readFileSync(file));

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
    ['a bad JSON line', Buffer.from(`${JSON.stringify(records[0])}\n${JSON.stringify(records[1])}\n{"eventName": \n`), /invalid JSON on line 3/],
    ['a JSON line that is not an object', Buffer.from(`${JSON.stringify(records[0])}\n[1,2]\n`), /line 2 of a JSON lines file is not a JSON object/],
    ['Records not an array', Buffer.from('{"Records": {"eventName": "x"}}'), /"Records" is not an array/],
    ['an object that is not CloudTrail', Buffer.from('{"AWSTemplateFormatVersion": "2010-09-09"}'), /neither a "Records" array nor the fields of a CloudTrail event/],
  ])('%s is refused with a DecodeError that says why', (_, data, message) => {
    expect(() => decodeLogFile(data)).toThrow(DecodeError);
    expect(() => decodeLogFile(data)).toThrow(message);
  });
});
