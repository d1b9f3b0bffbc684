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
  /**
   * Paths not read, with the reason: a folder or file already read through another path (a
   * symbolic link loop, or two links to one place), a FIFO, a socket or a device.
   */
  readonly skipped: FileError[];
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

/** The walk's state: what was found, and the real paths already visited (each is read once). */
interface Walk {
  readonly found: {
    files: string[]; digestFiles: number; otherFiles: number; skipped: FileError[]; errors: FileError[];
  };
  /** Real path of each folder walked (or being walked) → the path it was first reached by. */
  readonly dirs: Map<string, string>;
  /** Real path of each file listed → the path it was first reached by. */
  readonly files: Map<string, string>;
  /** Real paths of the folders being walked (the current branch): a link back to one is a loop. */
  readonly branch: Set<string>;
}

/**
 * Lists the log files under `paths` (files or folders). Never throws: problems go to `errors`,
 * paths not read to `skipped`.
 *
 * Each real folder and file is visited once, whatever the symbolic links: a link to a folder being
 * walked (a loop) or already walked, or to a file already listed, is skipped and reported. FIFOs,
 * sockets and devices are skipped and reported, never opened (opening a FIFO waits for a writer).
 */
export function findLogFiles(paths: readonly string[]): FoundFiles {
  const w: Walk = {
    found: { files: [], digestFiles: 0, otherFiles: 0, skipped: [], errors: [] },
    dirs: new Map(),
    files: new Map(),
    branch: new Set(),
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      w.found.errors.push({ path: p, reason: reason(e) });
      continue;
    }
    if (stat.isDirectory()) {
      walkDir(p, w);
    } else if (!stat.isFile()) {
      w.found.skipped.push({ path: p, reason: specialFile(stat) });
    } else if (isDigestFile(path.basename(p))) {
      w.found.digestFiles++;
    } else {
      addFile(p, undefined, w);
    }
  }
  return w.found;
}

function walkDir(dir: string, w: Walk): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    w.found.errors.push({ path: dir, reason: reason(e) });
    return;
  }
  const first = w.dirs.get(real);
  if (first !== undefined) {
    w.found.skipped.push({
      path: dir,
      reason: w.branch.has(real)
        ? `symbolic link loop: leads back to ${first}, which is being read`
        : `the same folder as ${first}, already read`,
    });
    return;
  }
  w.dirs.set(real, dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    w.found.errors.push({ path: dir, reason: reason(e) });
    return;
  }
  w.branch.add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let stat: fs.Stats | fs.Dirent = entry;
    if (entry.isSymbolicLink()) {
      try {
        stat = fs.statSync(full);
      } catch (e) {
        w.found.errors.push({ path: full, reason: reason(e) });
        continue;
      }
    }
    if (stat.isDirectory()) {
      if (entry.name === 'CloudTrail-Digest') {
        w.found.digestFiles += countFiles(full);
      } else {
        walkDir(full, w);
      }
    } else if (stat.isFile()) {
      if (isDigestFile(entry.name)) {
        w.found.digestFiles++;
      } else if (!entry.name.startsWith('.') && LOG_FILE_NAME.test(entry.name)) {
        // Not a link: its real path is its folder's real path and its name (no realpath call).
        addFile(full, entry.isSymbolicLink() ? undefined : path.join(real, entry.name), w);
      } else {
        w.found.otherFiles++;
      }
    } else {
      w.found.skipped.push({ path: full, reason: specialFile(stat) });
    }
  }
  w.branch.delete(real);
}

function addFile(file: string, knownReal: string | undefined, w: Walk): void {
  let real = knownReal;
  if (real === undefined) {
    try {
      real = fs.realpathSync(file);
    } catch (e) {
      w.found.errors.push({ path: file, reason: reason(e) });
      return;
    }
  }
  const first = w.files.get(real);
  if (first !== undefined) {
    w.found.skipped.push({ path: file, reason: `the same file as ${first}, already read` });
    return;
  }
  w.files.set(real, file);
  w.found.files.push(file);
}

/** Why a path that is neither a folder nor a regular file is not read. */
function specialFile(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a file: not opened (reading it would wait for a writer)';
  if (stat.isSocket()) return 'a socket, not a file: not read';
  if (stat.isCharacterDevice()) return 'a character device, not a file: not read';
  if (stat.isBlockDevice()) return 'a block device, not a file: not read';
  return 'not a regular file: not read';
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
