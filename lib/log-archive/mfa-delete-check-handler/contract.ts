// What the MFA delete check handler and the construct that deploys it (../mfa-delete-check.ts)
// agree on. Imported by both: keep it free of runtime dependencies.

/** The environment variable that names the vault bucket to check. */
export const VAULT_BUCKET_ENV = 'VAULT_BUCKET_NAME';

/** The CloudWatch namespace of the metric the handler writes (Embedded Metric Format). */
export const METRIC_NAMESPACE = 'CloudTrailBaseline/LogArchive';

/** 1 when MFA delete is enabled on the vault bucket (and versioning too), else 0. */
export const METRIC_NAME = 'MfaDeleteEnabled';

/** The metric's one dimension: the vault bucket's name. */
export const BUCKET_DIMENSION = 'BucketName';

/** The only AWS API the handler calls. */
export const CHECK_ACTIONS = ['s3:GetBucketVersioning'] as const;
