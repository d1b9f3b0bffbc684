// Checks that MFA delete is enabled on the log archive's vault bucket and writes the metric
// MfaDeleteEnabled (1 or 0) in CloudWatch Embedded Metric Format (EMF) to its own log: CloudWatch
// Logs extracts the metric, so the function needs no cloudwatch:PutMetricData permission.
// Errors (e.g. access denied) are thrown: the invocation fails, no data point is written, and the
// alarm, which treats missing data as breaching, fires.
// See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { BUCKET_DIMENSION, METRIC_NAME, METRIC_NAMESPACE, VAULT_BUCKET_ENV } from './contract';

const s3 = new S3Client({});

/** What one check found (also the function's result). */
export interface CheckResult {
  readonly bucket: string;
  /** `Status` of GetBucketVersioning: 'Enabled', 'Suspended' or 'absent' (never versioned). */
  readonly versioning: string;
  /** `MFADelete` of GetBucketVersioning: 'Enabled', 'Disabled' or 'absent' (never configured). */
  readonly mfaDelete: string;
  /** The metric value: 1 when both are 'Enabled', else 0. */
  readonly mfaDeleteEnabled: 0 | 1;
}

/** The EMF log line for one check (one JSON object on one line). */
export function emfRecord(result: CheckResult, timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: METRIC_NAMESPACE,
        Dimensions: [[BUCKET_DIMENSION]],
        Metrics: [{ Name: METRIC_NAME, Unit: 'None' }],
      }],
    },
    [BUCKET_DIMENSION]: result.bucket,
    [METRIC_NAME]: result.mfaDeleteEnabled,
    Versioning: result.versioning,
    MFADelete: result.mfaDelete,
  });
}

export async function handler(): Promise<CheckResult> {
  const bucket = process.env[VAULT_BUCKET_ENV];
  if (!bucket) {
    throw new Error(`${VAULT_BUCKET_ENV} is not set`);
  }
  const response = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const versioning = response.Status ?? 'absent';
  const mfaDelete = response.MFADelete ?? 'absent';
  const result: CheckResult = {
    bucket,
    versioning,
    mfaDelete,
    mfaDeleteEnabled: versioning === 'Enabled' && mfaDelete === 'Enabled' ? 1 : 0,
  };
  // Written raw to stdout: the Node.js runtime's console.log prefixes each line (time, request ID,
  // level), and EMF needs the line to be the JSON object alone.
  process.stdout.write(`${emfRecord(result, Date.now())}\n`);
  return result;
}
