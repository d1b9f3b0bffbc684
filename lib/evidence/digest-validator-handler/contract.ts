// What the digest validator handler and the construct that deploys it (../digest-validator.ts)
// agree on. Imported by both: keep it free of runtime dependencies.

/** The environment variable that names the archive bucket whose digests the function checks. */
export const ARCHIVE_BUCKET_ENV = 'ARCHIVE_BUCKET_NAME';

/** The CloudWatch namespace of the metrics the handler writes (Embedded Metric Format). */
export const METRIC_NAMESPACE = 'CloudTrailBaseline/Evidence';

/**
 * The metrics of one checked digest, written once per digest without dimensions (one custom
 * metric each, whatever the number of accounts and regions): counts, summed by the alarms.
 */
export const METRICS = {
  /** 1 when the digest's signature and its link to the previous digest are valid, else 0. */
  digestValid: 'DigestFilesValid',
  /** 1 when the digest is invalid (format, signature, moved, public key, previous digest), else 0. */
  digestInvalid: 'DigestFilesInvalid',
  /** The log files the digest lists whose hash matches. */
  logValid: 'LogFilesValid',
  /** The log files whose hash does not match, or that are not gzip. */
  logInvalid: 'LogFilesInvalid',
  /** The log files the digest lists that are not in the archive (NoSuchKey). */
  logMissing: 'LogFilesMissing',
} as const;

/** The digest keys the EventBridge rule matches (`wildcard`): a `CloudTrail-Digest/` folder at any depth. */
export const DIGEST_KEY_WILDCARD = '*/CloudTrail-Digest/*';

/** The CloudTrail API the handler calls (in the trail's home region); it takes no resource. */
export const CLOUDTRAIL_ACTIONS = ['cloudtrail:ListPublicKeys'] as const;

/** How many log files of one digest are read and hashed at once. */
export const LOG_FILE_CONCURRENCY = 8;

/** The number of problems (invalid or missing files) the log line lists in full. */
export const MAX_LISTED_PROBLEMS = 50;
