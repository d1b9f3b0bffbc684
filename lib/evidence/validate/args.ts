/**
 * Arguments of `cdk-cloudtrail-baseline validate`, compatible with `aws cloudtrail validate-logs`
 * (same flags, same meaning) plus the offline and machine-readable options.
 *
 * Internal module: not public API.
 */
import { parseArgs as parseNodeArgs } from 'node:util';

export const PROGRAM = 'cdk-cloudtrail-baseline';

export const VALIDATE_USAGE = `Usage: ${PROGRAM} validate --trail-arn <arn> --start-time <time> [options]

Validates CloudTrail log files with their digest files: each digest's signature (CloudTrail's
public key), the chain from digest to digest, and the SHA-256 of every log file a digest lists.
The same checks, flags and output as 'aws cloudtrail validate-logs', so scripts can switch.

Options (as validate-logs):
  --trail-arn <arn>       The trail (arn:<partition>:cloudtrail:<home region>:<account>:trail/<name>)
  --start-time <time>     Validate log files delivered on or after this UTC time (ISO 8601,
                          e.g. 2026-01-08T05:21:42Z)
  --end-time <time>       ... and on or before this time (default: now)
  --s3-bucket <name>      The bucket of the digest files (default: the trail's, from DescribeTrails)
  --s3-prefix <prefix>    Their key prefix (default: the trail's)
  --account-id <id>       The account whose files to validate (required for an organization
                          trail: the member account; default: the trail's account)
  --verbose               Print each valid digest and log file too
Options (this tool):
  --region <region>       The region whose digest files to validate (default: AWS_REGION,
                          AWS_DEFAULT_REGION, else the trail's home region)
  --organization-id <id>  The organization (o-...) of an organization trail, instead of calling
                          organizations:DescribeOrganization (needed with --s3-bucket)
  --public-keys <file>    CloudTrail's public keys as 'aws cloudtrail list-public-keys' prints them
                          (JSON with PublicKeyList[].Value base64 DER, Fingerprint, validity),
                          instead of calling cloudtrail:ListPublicKeys in the home region
  --endpoint-url <url>    An S3-compatible endpoint (path-style addressing), e.g. a private
                          endpoint or a test server
  --json                  Print one JSON report on stdout instead of the text lines
  --concurrency <n>       Log files read at once (default: 8; 1 to 64)
  -h, --help              Print this help

Credentials and region come from the AWS SDK's standard chain (environment, shared config and
credentials files, SSO, container and instance roles). Needs s3:ListBucket and s3:GetObject on
the bucket (and kms:Decrypt on its key), cloudtrail:DescribeTrails without --s3-bucket,
cloudtrail:ListPublicKeys without --public-keys, organizations:DescribeOrganization for an
organization trail without --organization-id.

Exit codes: 0 every digest and log file in range is valid; 1 any is invalid or missing (or no
public key was found) or an AWS call failed; 2 bad usage. See docs/evidence-integrity.md.
`;

/** The options of `validate`. */
export interface ValidateArgs {
  readonly trailArn: string;
  readonly partition: string;
  readonly homeRegion: string;
  readonly trailAccountId: string;
  readonly trailName: string;
  readonly start: Date;
  readonly end: Date;
  readonly s3Bucket?: string;
  readonly s3Prefix?: string;
  readonly accountId?: string;
  readonly verbose: boolean;
  readonly region?: string;
  readonly organizationId?: string;
  readonly publicKeysFile?: string;
  readonly endpointUrl?: string;
  readonly json: boolean;
  readonly concurrency: number;
}

export type ParsedValidateArgs =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'validate'; readonly args: ValidateArgs };

const TRAIL_ARN = /^arn:([a-z-]+):cloudtrail:([a-z0-9-]+):(\d{12}):trail\/([A-Za-z0-9._-]{3,128})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses a time as validate-logs accepts it in practice: ISO 8601, UTC unless an offset is given. */
export function parseTime(text: string): Date | undefined {
  if (!ISO_TIME.test(text.trim())) return undefined;
  let t = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Parses the arguments after `validate`.
 *
 * @param now the current time (the default end time).
 * @param env the environment (AWS_REGION / AWS_DEFAULT_REGION for the default region).
 */
export function parseValidateArgs(argv: readonly string[], now: Date, env: Readonly<Record<string, string | undefined>> = {}): ParsedValidateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseNodeArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        'trail-arn': { type: 'string' },
        'start-time': { type: 'string' },
        'end-time': { type: 'string' },
        's3-bucket': { type: 'string' },
        's3-prefix': { type: 'string' },
        'account-id': { type: 'string' },
        'verbose': { type: 'boolean' },
        'region': { type: 'string' },
        'organization-id': { type: 'string' },
        'public-keys': { type: 'string' },
        'endpoint-url': { type: 'string' },
        'json': { type: 'boolean' },
        'concurrency': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { kind: 'help', text: VALIDATE_USAGE };
  const str = (name: string) => values[name] as string | undefined;
  const error = (message: string): ParsedValidateArgs => ({ kind: 'error', message });

  const trailArn = str('trail-arn');
  if (trailArn === undefined) return error('--trail-arn is required');
  const arn = TRAIL_ARN.exec(trailArn);
  if (!arn) return error(`--trail-arn must be a trail ARN (arn:aws:cloudtrail:<region>:<12-digit account>:trail/<name>), got ${JSON.stringify(trailArn)}`);

  const startText = str('start-time');
  if (startText === undefined) return error('--start-time is required');
  const start = parseTime(startText);
  if (!start) return error(`--start-time must be an ISO 8601 time such as 2026-01-08T05:21:42Z, got ${JSON.stringify(startText)}`);
  const endText = str('end-time');
  const end = endText === undefined ? now : parseTime(endText);
  if (!end) return error(`--end-time must be an ISO 8601 time such as 2026-01-08T12:31:41Z, got ${JSON.stringify(endText)}`);
  if (start.getTime() > end.getTime()) return error('Invalid time range specified: start-time must occur before end-time');

  const accountId = str('account-id');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) return error(`--account-id must be 12 digits, got ${JSON.stringify(accountId)}`);
  const organizationId = str('organization-id');
  if (organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
    return error(`--organization-id must be an organization id (o- and 10 to 32 lowercase letters or digits), got ${JSON.stringify(organizationId)}`);
  }
  if (organizationId !== undefined && accountId === undefined) {
    return error('--organization-id needs --account-id (the member account whose files to validate)');
  }
  const s3Bucket = str('s3-bucket');
  if (s3Bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s3Bucket)) {
    return error(`--s3-bucket must be an S3 bucket name, got ${JSON.stringify(s3Bucket)}`);
  }
  const rawPrefix = str('s3-prefix');
  const s3Prefix = rawPrefix === undefined ? undefined : rawPrefix.replace(/^\/+|\/+$/g, '') || undefined;
  const region = str('region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return error(`--region must be an AWS region such as eu-west-1, got ${JSON.stringify(region)}`);
  const endpointUrl = str('endpoint-url');
  if (endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpointUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return error(`--endpoint-url must be an http(s) URL, got ${JSON.stringify(endpointUrl)}`);
  }
  const concurrencyText = str('concurrency') ?? '8';
  if (!/^\d+$/.test(concurrencyText) || Number(concurrencyText) < 1 || Number(concurrencyText) > 64) {
    return error(`--concurrency must be a whole number from 1 to 64, got ${JSON.stringify(concurrencyText)}`);
  }
  return {
    kind: 'validate',
    args: {
      trailArn,
      partition: arn[1],
      homeRegion: arn[2],
      trailAccountId: arn[3],
      trailName: arn[4],
      start,
      end,
      s3Bucket,
      s3Prefix,
      accountId,
      verbose: values.verbose === true,
      region,
      organizationId,
      publicKeysFile: str('public-keys'),
      endpointUrl,
      json: values.json === true,
      concurrency: Number(concurrencyText),
    },
  };
}
