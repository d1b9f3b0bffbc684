/**
 * The SHA-256 of a CloudTrail log file as its digest lists it: of the *decompressed* bytes,
 * computed while the gzip stream is read (bounded memory whatever the file's size).
 *
 * Internal module: not public API.
 */
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';

/** The outcome of hashing one log file. */
export type LogFileHash =
  | { readonly kind: 'hash'; readonly hex: string }
  /**
   * Not gzip, truncated, or bytes after the end of the gzip stream ("invalid format";
   * `validate-logs` says "unexpected data after end of compressed stream" for the last).
   */
  | { readonly kind: 'invalid-format'; readonly reason: string };

/**
 * Hashes the decompressed content of a gzip stream.
 *
 * A gzip file of several members (concatenated streams) is read as Node's zlib reads it: all
 * members (so their hash differs from the digest's); bytes after the last member that do not start
 * another fail it. `validate-logs` reads one member and calls the rest trailing data; CloudTrail
 * writes one member, so both agree on the files it writes.
 *
 * @param body the compressed bytes (an S3 GetObject body, a file stream, or a buffer).
 */
export async function hashLogFile(body: AsyncIterable<Uint8Array> | Uint8Array): Promise<LogFileHash> {
  const hash = createHash('sha256');
  const gunzip = createGunzip();
  const done = new Promise<void>((resolve, reject) => {
    gunzip.on('data', (chunk: Buffer) => hash.update(chunk));
    gunzip.on('end', resolve);
    gunzip.on('error', reject);
  });
  done.catch(() => undefined); // observed below; never an unhandled rejection
  try {
    const chunks = body instanceof Uint8Array ? [body] : body;
    for await (const chunk of chunks) {
      if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once('drain', resolve));
    }
    gunzip.end();
    await done;
  } catch (e) {
    return { kind: 'invalid-format', reason: e instanceof Error ? e.message : String(e) };
  } finally {
    gunzip.destroy();
  }
  return { kind: 'hash', hex: hash.digest('hex') };
}
