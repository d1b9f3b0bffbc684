/**
 * Decoding of CloudTrail log files into events, whatever their shape:
 *   - a CloudTrail log file as S3 stores it: gzip JSON `{"Records": [...]}` (`.json.gz`);
 *   - the same, not compressed (`.json`);
 *   - JSON lines: one event per line (`.jsonl`, `.ndjson`, gzip or not), as exported by Athena,
 *     CloudWatch Logs Insights or `jq -c '.Records[]'` (a line may also be a whole `{"Records": [...]}`);
 *   - a JSON array of events, or a single event object (one record per file, as in test fixtures).
 *
 * Gzip is detected by its magic bytes (1f 8b), not by the file name.
 *
 * Memory stays bounded whatever the file size:
 *   - a file of at most `streamThresholdBytes` (16 MiB) once decompressed is read whole and parsed
 *     with `JSON.parse` (the fastest way); gunzip stops at that size (`maxOutputLength`);
 *   - a larger one is decompressed as a stream and parsed as a stream: the `Records` array (or a
 *     top-level array) element by element with @streamparser/json, JSON lines line by line;
 *   - no file is read past `maxFileBytes` decompressed bytes (1 GiB): it is refused (a gzip bomb, or
 *     not a log file), and the next file is read.
 *
 * A bad line of a JSON lines file is skipped and reported with its line number; the other lines
 * are read.
 *
 * Internal module of the replay tool: not public API.
 */
import * as fs from 'fs';
import { Readable, pipeline } from 'stream';
import { createGunzip, gunzipSync } from 'zlib';
import { JSONParser } from '@streamparser/json';

/** The default limit of decompressed bytes per file (1 GiB). */
export const DEFAULT_MAX_FILE_BYTES = 1024 ** 3;
/** Files larger than this once decompressed (16 MiB) are parsed as a stream. */
export const STREAM_THRESHOLD_BYTES = 16 * 1024 ** 2;
/** How many bad lines are listed per file (all are counted). */
export const LISTED_BAD_LINES = 10;
/** How many leading lines may be tried to tell JSON lines from one JSON document. */
const JSON_LINES_PROBE = 10;
/** How much of a streamed file is looked at to tell its shape (1 MiB). */
const STREAM_PROBE_BYTES = 1024 ** 2;

/** Why a file could not be decoded; the message is printed after the file's path. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** The limits of {@link readLogFile}. */
export interface ReadLimits {
  /** Decompressed bytes read per file at most; a larger file is refused. @default DEFAULT_MAX_FILE_BYTES */
  readonly maxFileBytes: number;
  /** Files larger than this once decompressed are parsed as a stream. @default STREAM_THRESHOLD_BYTES */
  readonly streamThresholdBytes: number;
  /** A line of a streamed JSON lines file longer than this is skipped as a bad line. @default STREAM_THRESHOLD_BYTES */
  readonly maxLineBytes?: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: DEFAULT_MAX_FILE_BYTES, streamThresholdBytes: STREAM_THRESHOLD_BYTES };

/** A line of a JSON lines file that was skipped, and why. */
export interface BadLine {
  /** 1-based line number. */
  readonly line: number;
  readonly reason: string;
}

/** What was read from one file. */
export interface FileContent {
  /** Events passed to the sink. */
  readonly events: number;
  /** Decompressed bytes read. */
  readonly bytes: number;
  /** Whether the file was parsed as a stream (over `streamThresholdBytes`). */
  readonly streamed: boolean;
  /** Lines of a JSON lines file skipped because they are not a JSON object. */
  readonly badLines: number;
  /** The first {@link LISTED_BAD_LINES} of them. */
  readonly listedBadLines: BadLine[];
}

/** Receives the events of a file, in file order; only JSON objects (or arrays) are passed. */
export type EventSink = (event: object) => void;

/**
 * Reads one log file and passes its events to `sink`.
 *
 * @throws DecodeError when the file is neither valid gzip nor JSON of a supported shape, is larger
 * than `limits.maxFileBytes` once decompressed, or cannot be read. The sink may have received some
 * events of a file that then fails: the caller discards them (a file counts whole or not at all).
 */
export async function readLogFile(file: string, sink: EventSink, limits: ReadLimits = DEFAULT_LIMITS): Promise<FileContent> {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO (named pipe) does not wait for a writer; it is refused below.
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new DecodeError((e as Error).message);
  }
  // A stream that reads the file owns (and closes) the descriptor: it may still have a read pending
  // when it is destroyed, and closing it here could then hit a reused descriptor number.
  let owned = false;
  const stream = (highWaterMark: number) => {
    owned = true;
    return fs.createReadStream('', { fd, start: 0, autoClose: true, highWaterMark });
  };
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new DecodeError('not a regular file');
    const head = Buffer.alloc(2);
    const headLength = fs.readSync(fd, head, 0, 2, 0);
    const gzip = headLength === 2 && head[0] === 0x1f && head[1] === 0x8b;
    const whole = Math.min(limits.streamThresholdBytes, limits.maxFileBytes);
    const result = new Content(limits);
    if (!gzip) {
      if (stat.size > limits.maxFileBytes) throw new DecodeError(overLimit(limits.maxFileBytes, stat.size));
      if (stat.size <= whole) {
        const data = readWhole(fd, stat.size);
        result.bytes = data.length;
        decodeWhole(data, sink, result);
        return result.done(false);
      }
      await decodeStream(stream(1024 * 1024), false, sink, result);
      return result.done(true);
    }
    if (stat.size <= whole) {
      const data = readWhole(fd, stat.size);
      let inflated: Buffer | undefined;
      try {
        inflated = gunzipSync(data, { maxOutputLength: whole });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw new DecodeError(`not a valid gzip file: ${(e as Error).message}`);
        if (whole === limits.maxFileBytes) throw new DecodeError(overLimit(limits.maxFileBytes, undefined));
      }
      if (inflated !== undefined) {
        result.bytes = inflated.length;
        decodeWhole(inflated, sink, result);
        return result.done(false);
      }
    }
    const inflating = pipeline(stream(256 * 1024), createGunzip({ chunkSize: 256 * 1024 }), () => { /* errors surface in the iteration */ });
    await decodeStream(inflating, true, sink, result);
    return result.done(true);
  } finally {
    if (!owned) fs.closeSync(fd);
  }
}

/**
 * Decodes the bytes of one whole log file (gzip or not) into its events: the synchronous form of
 * {@link readLogFile} for bytes already in memory, without its limits.
 *
 * @throws DecodeError as readLogFile.
 */
export function decodeLogFile(data: Buffer): { events: object[]; badLines: number; listedBadLines: BadLine[] } {
  let bytes = data;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DecodeError(`not a valid gzip file: ${(e as Error).message}`);
    }
  }
  const events: object[] = [];
  const result = new Content({ maxFileBytes: Infinity, streamThresholdBytes: Infinity });
  decodeWhole(bytes, (e) => events.push(e), result);
  return { events, badLines: result.badLines, listedBadLines: result.listedBadLines };
}

class Content {
  public events = 0;
  public bytes = 0;
  public badLines = 0;
  public readonly listedBadLines: BadLine[] = [];
  constructor(public readonly limits: ReadLimits) {}

  public badLine(line: number, reason: string): void {
    this.badLines++;
    if (this.listedBadLines.length < LISTED_BAD_LINES) this.listedBadLines.push({ line, reason });
  }

  public done(streamed: boolean): FileContent {
    return { events: this.events, bytes: this.bytes, streamed, badLines: this.badLines, listedBadLines: this.listedBadLines };
  }
}

/** A whole file in memory: one JSON document, else JSON lines. */
function decodeWhole(data: Buffer, sink: EventSink, result: Content): void {
  const raw = data.toString('utf8');
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const start = firstNonSpace(text);
  if (start < 0) return;
  const first = text[start];
  if (first !== '{' && first !== '[') {
    throw new DecodeError(`not JSON (starts with ${JSON.stringify(text.slice(start, start + 20))})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    const lines = text.split('\n');
    if (!looksLikeJsonLines(lines)) throw new DecodeError(`invalid JSON: ${(e as Error).message}`);
    for (let i = 0; i < lines.length; i++) jsonLine(lines[i], i + 1, sink, result);
    return;
  }
  documentEvents(document, sink, result);
}

/** JSON lines when one of the first non-blank lines is a JSON object on its own. */
function looksLikeJsonLines(lines: readonly string[]): boolean {
  let tried = 0;
  for (let i = 0; i < lines.length && tried < JSON_LINES_PROBE; i++) {
    if (firstNonSpace(lines[i]) < 0) continue;
    tried++;
    try {
      const value = JSON.parse(lines[i]);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    } catch {
      // not this one
    }
  }
  return false;
}

/** One line of a JSON lines file: an event, a `{"Records": [...]}` document, or a bad line. */
function jsonLine(line: string, number: number, sink: EventSink, result: Content): void {
  if (firstNonSpace(line) < 0) return;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    result.badLine(number, `invalid JSON: ${(e as Error).message}`);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    result.badLine(number, 'not a JSON object');
    return;
  }
  const records = (value as Record<string, unknown>).Records;
  if (Array.isArray(records)) {
    emitAll(records, sink, result);
  } else {
    result.events++;
    sink(value);
  }
}

function documentEvents(value: unknown, sink: EventSink, result: Content): void {
  if (Array.isArray(value)) {
    emitAll(value, sink, result);
    return;
  }
  if (value === null || typeof value !== 'object') {
    throw new DecodeError('the JSON value is neither an object nor an array');
  }
  const record = value as Record<string, unknown>;
  if ('Records' in record) {
    if (!Array.isArray(record.Records)) throw new DecodeError('"Records" is not an array');
    emitAll(record.Records, sink, result);
    return;
  }
  if ('eventName' in record || 'eventSource' in record || 'eventTime' in record) {
    result.events++;
    sink(record);
    return;
  }
  throw new DecodeError('a JSON object with neither a "Records" array nor the fields of a CloudTrail event (eventName, eventSource, eventTime)');
}

function emitAll(values: readonly unknown[], sink: EventSink, result: Content): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && typeof v === 'object') {
      result.events++;
      sink(v);
    }
  }
}

/**
 * A file over the threshold, as a stream of decompressed chunks: its shape is told from its first
 * MiB, then it is parsed element by element (a document) or line by line (JSON lines).
 */
async function decodeStream(chunks: Readable, gzip: boolean, sink: EventSink, result: Content): Promise<void> {
  let consumer: ((chunk: Buffer) => void) | undefined;
  let finish: (() => void) | undefined;
  let probe: Buffer[] = [];
  let probeBytes = 0;
  const max = result.limits.maxFileBytes;

  const decide = (final: boolean) => {
    let head = Buffer.concat(probe);
    probe = [];
    if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
    let start = 0;
    while (start < head.length && isSpace(head[start])) start++;
    if (start === head.length) {
      if (final) return; // only whitespace: no events
      throw new DecodeError(`not JSON (${num(head.length)} bytes of whitespace)`);
    }
    const first = head[start];
    if (first !== 0x7b && first !== 0x5b) { // { [
      throw new DecodeError(`not JSON (starts with ${JSON.stringify(head.subarray(start, start + 20).toString('utf8'))})`);
    }
    const lines = first === 0x7b ? completeLines(head) : [];
    if (looksLikeJsonLines(lines)) {
      [consumer, finish] = jsonLinesConsumer(sink, result);
    } else {
      [consumer, finish] = documentConsumer(first === 0x5b ? '$.*' : '$.Records.*', sink, result);
    }
    consumer(head);
  };

  try {
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      result.bytes += chunk.length;
      if (result.bytes > max) throw new DecodeError(overLimit(max, undefined));
      if (consumer) {
        consumer(chunk);
      } else {
        probe.push(chunk);
        probeBytes += chunk.length;
        if (probeBytes >= STREAM_PROBE_BYTES) decide(false);
      }
    }
  } catch (e) {
    chunks.destroy();
    if (e instanceof DecodeError) throw e;
    throw new DecodeError(gzip ? `not a valid gzip file: ${(e as Error).message}` : (e as Error).message);
  }
  if (!consumer) decide(true);
  finish?.();
}

/** The complete lines of a probe (the last, cut, one left out). */
function completeLines(head: Buffer): string[] {
  const end = head.lastIndexOf(0x0a);
  return end < 0 ? [] : head.subarray(0, end).toString('utf8').split('\n');
}

function jsonLinesConsumer(sink: EventSink, result: Content): [(chunk: Buffer) => void, () => void] {
  // A line longer than this is skipped as a bad line, without holding it in memory.
  const maxLine = result.limits.maxLineBytes ?? STREAM_THRESHOLD_BYTES;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let tooLong = false;
  let line = 0;
  const endLine = (piece: Buffer) => {
    line++;
    if (tooLong || partialBytes + piece.length > maxLine) {
      result.badLine(line, `longer than ${num(maxLine)} bytes`);
    } else {
      const bytes = partial.length === 0 ? piece : Buffer.concat([...partial, piece]);
      jsonLine(bytes.toString('utf8'), line, sink, result);
    }
    partial = [];
    partialBytes = 0;
    tooLong = false;
  };
  const consume = (chunk: Buffer) => {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, pos);
      if (nl < 0) {
        if (!tooLong && pos < chunk.length) {
          partial.push(chunk.subarray(pos));
          partialBytes += chunk.length - pos;
          if (partialBytes > maxLine) {
            tooLong = true;
            partial = [];
            partialBytes = 0;
          }
        }
        return;
      }
      endLine(chunk.subarray(pos, nl));
      pos = nl + 1;
    }
  };
  const finish = () => {
    if (tooLong || partialBytes > 0) endLine(Buffer.alloc(0));
  };
  return [consume, finish];
}

function documentConsumer(path: string, sink: EventSink, result: Content): [(chunk: Buffer) => void, () => void] {
  const parser = new JSONParser({ paths: [path], keepStack: false });
  let error: Error | undefined;
  let emitted = 0;
  parser.onValue = ({ value, key }) => {
    if (typeof key !== 'number') {
      error ??= new DecodeError('"Records" is not an array');
      return;
    }
    emitted++;
    if (value !== null && typeof value === 'object') {
      result.events++;
      sink(value);
    }
  };
  parser.onError = (e) => {
    error ??= e;
  };
  const check = () => {
    if (error instanceof DecodeError) throw error;
    if (error) throw new DecodeError(`invalid JSON: ${error.message}`);
  };
  const consume = (chunk: Buffer) => {
    parser.write(chunk);
    check();
  };
  const finish = () => {
    if (!parser.isEnded) parser.end();
    check();
    if (emitted === 0 && path === '$.Records.*') {
      throw new DecodeError(`a JSON object over ${num(result.limits.streamThresholdBytes)} bytes without events in a "Records" array `
        + '(files that large are read as a stream and must be {"Records": [...]}, an array of events or JSON lines)');
    }
  };
  return [consume, finish];
}

/** Reads a file of known size (fs.readFileSync(fd) reads in pieces and concatenates them). */
function readWhole(fd: number, size: number): Buffer {
  const data = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = fs.readSync(fd, data, got, size - got, got);
    if (n === 0) break; // the file shrank while read
    got += n;
  }
  return got === size ? data : data.subarray(0, got);
}

function overLimit(max: number, size: number | undefined): string {
  const what = size === undefined
    ? `decompresses to more than ${num(max)} bytes, the limit per file`
    : `${num(size)} bytes, over the limit per file of ${num(max)} bytes`;
  return `${what}: not read (raise the limit with --max-file-bytes)`;
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}
