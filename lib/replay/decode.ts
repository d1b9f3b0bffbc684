/**
 * Decoding of CloudTrail log files into events, whatever their shape:
 *   - a CloudTrail log file as S3 stores it: gzip JSON `{"Records": [...]}` (`.json.gz`);
 *   - the same, not compressed (`.json`);
 *   - JSON lines: one event per line (`.jsonl`, `.ndjson`, gzip or not), as exported by Athena,
 *     CloudWatch Logs Insights or `jq -c '.Records[]'`;
 *   - a JSON array of events, or a single event object (one record per file, as in test fixtures).
 *
 * Gzip is detected by its magic bytes (1f 8b), not by the file name.
 *
 * Internal module of the replay tool: not public API.
 */
import { gunzipSync } from 'zlib';

/** Why a file could not be decoded; the message is printed after the file's path. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * Decodes the bytes of one log file into its events.
 *
 * @returns the events, in file order (an empty file has none).
 * @throws DecodeError when the bytes are neither valid gzip nor JSON of a supported shape.
 */
export function decodeLogFile(data: Buffer): unknown[] {
  let bytes = data;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DecodeError(`not a valid gzip file: ${(e as Error).message}`);
    }
  }
  return decodeText(bytes.toString('utf8'));
}

/**
 * Decodes the text of one log file (already decompressed) into its events.
 *
 * @throws DecodeError when the text is not JSON of a supported shape.
 */
export function decodeText(raw: string): unknown[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const start = firstNonSpace(text, 0);
  if (start < 0) {
    return [];
  }
  const first = text[start];
  if (first !== '{' && first !== '[') {
    throw new DecodeError(`not JSON (starts with ${JSON.stringify(text.slice(start, start + 20))})`);
  }
  let documentError: Error;
  try {
    return eventsOf(JSON.parse(text));
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    documentError = e as Error;
  }
  // Not one JSON document: JSON lines, if the first line is a JSON object on its own.
  const lines = text.split('\n');
  const events: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (firstNonSpace(line, 0) < 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      if (events.length === 0) {
        throw new DecodeError(`invalid JSON: ${documentError.message}`);
      }
      throw new DecodeError(`invalid JSON on line ${i + 1}: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DecodeError(`line ${i + 1} of a JSON lines file is not a JSON object`);
    }
    events.push(value);
  }
  return events;
}

function eventsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  if (value === null || typeof value !== 'object') {
    throw new DecodeError('the JSON value is neither an object nor an array');
  }
  const record = value as Record<string, unknown>;
  if ('Records' in record) {
    if (!Array.isArray(record.Records)) {
      throw new DecodeError('"Records" is not an array');
    }
    return record.Records;
  }
  if ('eventName' in record || 'eventSource' in record || 'eventTime' in record) {
    return [record];
  }
  throw new DecodeError('a JSON object with neither a "Records" array nor the fields of a CloudTrail event (eventName, eventSource, eventTime)');
}

function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}
