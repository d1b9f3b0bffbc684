/**
 * `cdk-cloudtrail-baseline validate`: the digest chain of one trail, account and region over a
 * time range, then every log file the valid digests list, with the output of `aws cloudtrail
 * validate-logs` (the same lines on the same streams, the same summary, the same exit status).
 *
 * The AWS calls are behind `ValidateServices` (./aws.ts implements it with the AWS SDK v3).
 * Internal module: not public API.
 */
import { ValidateArgs } from './args';
import { ChainEvent, displayDate, DigestStore, NoPublicKeysError, PublicKeySource, walkDigestChain } from '../digest-chain';
import { DigestLocation, DigestLogFile } from '../digest-file';
import { hashLogFile } from '../log-file-hash';
import { mapLimit } from '../map-limit';

/** What DescribeTrails says about the trail. */
export interface TrailInfo {
  readonly s3BucketName: string;
  readonly s3KeyPrefix?: string;
  readonly isOrganizationTrail: boolean;
}

/** The AWS calls `validate` makes. */
export interface ValidateServices {
  readonly store: DigestStore;
  readonly publicKeys: PublicKeySource;
  /** DescribeTrails in the trail's home region; undefined when there is no such trail. */
  describeTrail(trailArn: string): Promise<TrailInfo | undefined>;
  /** DescribeOrganization: the organization id (o-...). */
  organizationId(): Promise<string>;
  /** A log file's compressed bytes, or undefined when it does not exist (NoSuchKey). */
  getLogFile(bucket: string, key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
}

/** A stream the command writes to. */
export interface OutputStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Where the command writes. */
export interface ValidateIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

/** An invalid or missing file, or a gap, in the JSON report. */
export interface ReportProblem {
  readonly type: 'digest' | 'backfill digest' | 'log' | 'gap';
  readonly uri?: string;
  readonly reason: string;
}

/** The `--json` report. */
export interface ValidateReport {
  readonly trailArn: string;
  readonly requested: { readonly start: string; readonly end: string };
  /** The time range the valid digests cover (within the requested one), or null. */
  readonly found: { readonly start: string; readonly end: string } | null;
  readonly digestFiles: { readonly valid: number; readonly invalid: number };
  readonly backfillDigestFiles: { readonly valid: number; readonly invalid: number };
  readonly logFiles: { readonly valid: number; readonly invalid: number };
  readonly problems: readonly ReportProblem[];
  /** True when every digest and log file in range is valid (exit status 0). */
  readonly valid: boolean;
}

/** Exit codes. */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A usage problem found once the trail is known (e.g. `--account-id` missing for an organization trail). */
export class ValidateUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidateUsageError';
    Object.setPrototypeOf(this, ValidateUsageError.prototype);
  }
}

/**
 * Validates and writes the results.
 *
 * @returns 0 when every digest and log file in range is valid, 1 otherwise.
 * @throws ValidateUsageError for a usage problem found from the trail (exit 2);
 *   NoPublicKeysError when CloudTrail has no key for the range (exit 1); AWS SDK errors.
 */
export async function runValidate(args: ValidateArgs, services: ValidateServices, io: ValidateIo): Promise<number> {
  let bucket = args.s3Bucket;
  let prefix = args.s3Prefix;
  let organizationId = args.organizationId;
  if (bucket === undefined) {
    const trail = await services.describeTrail(args.trailArn);
    if (trail === undefined) throw new ValidateUsageError(`--trail-arn: no trail ${args.trailArn} (DescribeTrails in ${args.homeRegion})`);
    bucket = trail.s3BucketName;
    prefix = prefix ?? trail.s3KeyPrefix;
    if (trail.isOrganizationTrail) {
      if (args.accountId === undefined) throw new ValidateUsageError("Missing required parameter for organization trail: '--account-id'");
      organizationId = organizationId ?? await services.organizationId();
    }
  }
  const location: DigestLocation = {
    prefix,
    organizationId,
    accountId: args.accountId ?? args.trailAccountId,
    region: args.region ?? args.homeRegion,
    trailName: args.trailName,
    homeRegion: args.homeRegion,
  };

  const out = new Output(args, io);
  out.startup();
  const progress = out.startProgress();
  try {
    for (const backfill of [false, true]) {
      const walk = walkDigestChain({
        store: services.store, publicKeys: services.publicKeys, bucket, location, start: args.start, end: args.end, backfill,
      });
      try {
        for await (const event of walk) {
          out.digestEvent(event);
          if (event.kind === 'valid') {
            const results = await mapLimit(event.digest.logFiles ?? [], args.concurrency, (log) => checkLogFile(services, log));
            event.digest.logFiles.forEach((log, i) => out.logResult(log, results[i]));
          }
        }
      } catch (e) {
        // validate-logs stops with this error when the range has no public key at all.
        if (!(e instanceof NoPublicKeysError)) throw e;
        out.fatal(e.message);
      }
    }
  } finally {
    clearInterval(progress);
  }
  return out.summary();
}

/** A log file's check: undefined when valid, else the reason. */
async function checkLogFile(services: ValidateServices, log: DigestLogFile): Promise<string | undefined> {
  let body: AsyncIterable<Uint8Array> | undefined;
  try {
    body = await services.getLogFile(log.s3Bucket, log.s3Object);
  } catch (e) {
    return `could not be read: ${e instanceof Error ? e.name : String(e)}`;
  }
  if (body === undefined) return 'not found';
  const hash = await hashLogFile(body);
  if (hash.kind === 'invalid-format') return 'invalid format';
  return hash.hex === log.hashValue ? undefined : "hash value doesn't match";
}

/** The output of validate-logs: status lines, errors on stderr, the summary, the JSON report. */
class Output {
  private validDigests = 0;
  private invalidDigests = 0;
  private validBackfill = 0;
  private invalidBackfill = 0;
  private validLogs = 0;
  private invalidLogs = 0;
  private failed = false;
  private foundStart?: Date;
  private foundEnd?: Date;
  private lastDoubleSpace = true;
  private readonly problems: ReportProblem[] = [];

  constructor(private readonly args: ValidateArgs, private readonly io: ValidateIo) {}

  startup(): void {
    if (this.args.json) return;
    this.io.stdout.write(`Validating log files for trail ${this.args.trailArn} between ${displayDate(this.args.start)} and ${displayDate(this.args.end)}\n\n`);
  }

  /** Progress on stderr every 2 s when it is a terminal (not with --json). */
  startProgress(): ReturnType<typeof setInterval> | undefined {
    if (this.args.json || this.io.stderr.isTTY !== true) return undefined;
    const timer = setInterval(() => {
      this.io.stderr.write(`\r${this.validDigests + this.invalidDigests + this.validBackfill + this.invalidBackfill} digest files, `
        + `${this.validLogs + this.invalidLogs} log files checked\x1b[K\r`);
    }, 2000);
    timer.unref();
    return timer;
  }

  digestEvent(event: ChainEvent): void {
    const label = event.backfill ? '(backfill) ' : '';
    const type = event.backfill ? 'backfill digest' : 'digest';
    switch (event.kind) {
      case 'valid':
        if (event.backfill) this.validBackfill++; else this.validDigests++;
        this.track(new Date(Date.parse(event.digest.digestStartTime)), new Date(Date.parse(event.digest.digestEndTime)));
        this.status(`${label}Digest file\ts3://${event.digest.digestS3Bucket}/${event.digest.digestS3Object}\tvalid`);
        return;
      case 'invalid':
      case 'missing': {
        if (event.backfill) this.invalidBackfill++; else this.invalidDigests++;
        const reason = event.kind === 'missing' ? 'not found' : event.reason;
        this.problems.push({ type, uri: `s3://${event.bucket}/${event.key}`, reason });
        this.status(`${label}Digest file\ts3://${event.bucket}/${event.key}\tINVALID: ${reason}`, true);
        return;
      }
      case 'gap': {
        const reason = `No log files were delivered by CloudTrail between ${displayDate(event.from)} and ${displayDate(event.to)}`;
        this.problems.push({ type: 'gap', reason });
        this.status(`${label}${reason}`, true);
        return;
      }
    }
  }

  logResult(log: DigestLogFile, reason: string | undefined): void {
    const uri = `s3://${log.s3Bucket}/${log.s3Object}`;
    if (reason === undefined) {
      this.validLogs++;
      this.status(`Log file\t${uri}\tvalid`);
    } else {
      this.invalidLogs++;
      this.problems.push({ type: 'log', uri, reason });
      this.status(`Log file\t${uri}\tINVALID: ${reason}`, true);
    }
  }

  fatal(message: string): void {
    this.failed = true;
    this.problems.push({ type: 'digest', reason: message });
    if (!this.args.json) this.io.stderr.write(`${message}\n`);
  }

  /** Writes the summary and returns the exit code. */
  summary(): number {
    const valid = !this.failed && this.invalidDigests + this.invalidBackfill + this.invalidLogs === 0;
    const found = this.foundStart && this.foundEnd ? { start: displayDate(this.foundStart), end: displayDate(this.foundEnd) } : null;
    if (this.args.json) {
      const report: ValidateReport = {
        trailArn: this.args.trailArn,
        requested: { start: displayDate(this.args.start), end: displayDate(this.args.end) },
        found,
        digestFiles: { valid: this.validDigests, invalid: this.invalidDigests },
        backfillDigestFiles: { valid: this.validBackfill, invalid: this.invalidBackfill },
        logFiles: { valid: this.validLogs, invalid: this.invalidLogs },
        problems: this.problems,
        valid,
      };
      this.io.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
      return valid ? EXIT_VALID : EXIT_INVALID;
    }
    const w = (text: string) => this.io.stdout.write(text);
    if (!this.lastDoubleSpace) w('\n');
    w(`Results requested for ${displayDate(this.args.start)} to ${displayDate(this.args.end)}\n`);
    const total = this.validDigests + this.invalidDigests + this.validBackfill + this.invalidBackfill;
    if (total === 0) {
      w('No digests found\n');
      return valid ? EXIT_VALID : EXIT_INVALID;
    }
    if (found === null) w('No valid digests found in range\n');
    else w(`Results found for ${found.start} to ${found.end}:\n`);
    this.ratio(this.validDigests, this.invalidDigests, 'digest');
    this.ratio(this.validBackfill, this.invalidBackfill, 'backfill digest');
    this.ratio(this.validLogs, this.invalidLogs, 'log');
    w('\n');
    return valid ? EXIT_VALID : EXIT_INVALID;
  }

  private ratio(valid: number, invalid: number, name: string): void {
    const total = valid + invalid;
    if (total === 0) return;
    this.io.stdout.write(`\n${valid}/${total} ${name} files valid`);
    if (invalid > 0) this.io.stdout.write(`, ${invalid}/${total} ${name} files INVALID`);
  }

  private track(start: Date, end: Date): void {
    const s = start.getTime() < this.args.start.getTime() ? this.args.start : start;
    if (this.foundStart === undefined || s.getTime() < this.foundStart.getTime()) this.foundStart = s;
    const e = end.getTime() > this.args.end.getTime() ? this.args.end : end;
    if (this.foundEnd === undefined || e.getTime() > this.foundEnd.getTime()) this.foundEnd = e;
  }

  private status(message: string, isError = false): void {
    if (this.args.json) return;
    if (isError) {
      this.io.stderr.write(this.lastDoubleSpace ? `${message}\n\n` : `\n${message}\n\n`);
      this.lastDoubleSpace = true;
    } else if (this.args.verbose) {
      this.lastDoubleSpace = false;
      this.io.stdout.write(`${message}\n`);
    }
  }
}
