/**
 * Finds the log files to replay: walks folders recursively (the S3 layout
 * `AWSLogs/<account or o-org/account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`), leaves out
 * CloudTrail digest files, and files that are not log files.
 *
 * Internal module of the replay tool: not public API.
 */
import * as fs from 'fs';
import * as path from 'path';

/** File names read when walking a folder (a file named on the command line is always read). */
const LOG_FILE_NAME = /\.(json|jsonl|ndjson)(\.gz)?$/i;

/** What was found under the paths given. */
export interface FoundFiles {
  /** The log files to read, folders walked in name order (chronological in the S3 layout). */
  readonly files: string[];
  /**
   * CloudTrail digest files left out: they hold hashes and signatures of the log files
   * (log file integrity validation), not events.
   */
  readonly digestFiles: number;
  /** Files under the folders whose names are not log file names (e.g. `.txt`, hidden files). */
  readonly otherFiles: number;
  /** Paths that could not be listed or do not exist, with the reason. */
  readonly errors: FileError[];
}

/** A path that could not be listed or read, and why. */
export interface FileError {
  readonly path: string;
  readonly reason: string;
}

/**
 * Whether a path is a CloudTrail digest file: its name has `CloudTrail-Digest`
 * (`<account>_CloudTrail-Digest_<region>_<trail>_<region>_<time>.json.gz`) or it sits under a
 * `CloudTrail-Digest` folder (`AWSLogs/<account>/CloudTrail-Digest/<region>/...`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */
export function isDigestFile(file: string): boolean {
  return file.includes('CloudTrail-Digest');
}

/** Lists the log files under `paths` (files or folders). Never throws: problems go to `errors`. */
export function findLogFiles(paths: readonly string[]): FoundFiles {
  const found = { files: [] as string[], digestFiles: 0, otherFiles: 0, errors: [] as FileError[] };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      found.errors.push({ path: p, reason: reason(e) });
      continue;
    }
    if (stat.isDirectory()) {
      walk(p, found);
    } else if (isDigestFile(path.basename(p))) {
      found.digestFiles++;
    } else {
      found.files.push(p);
    }
  }
  return found;
}

function walk(dir: string, found: { files: string[]; digestFiles: number; otherFiles: number; errors: FileError[] }): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    found.errors.push({ path: dir, reason: reason(e) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch (e) {
        found.errors.push({ path: full, reason: reason(e) });
        continue;
      }
    }
    if (isDir) {
      if (entry.name === 'CloudTrail-Digest') {
        found.digestFiles += countFiles(full);
      } else {
        walk(full, found);
      }
    } else if (isFile) {
      if (isDigestFile(entry.name)) {
        found.digestFiles++;
      } else if (!entry.name.startsWith('.') && LOG_FILE_NAME.test(entry.name)) {
        found.files.push(full);
      } else {
        found.otherFiles++;
      }
    }
  }
}

/** Counts the files under a digest folder (reported, not read). */
function countFiles(dir: string): number {
  let n = 0;
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
    }
  } catch {
    // An unlistable digest folder holds no events either.
  }
  return n;
}

/** A short reason for a file system error: the error code and message (`ENOENT: no such file ...`). */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && typeof err.message === 'string' ? err.message : String(e);
}
