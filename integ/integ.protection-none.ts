/**
 * Log archive protection mode "none": versioning, SSE-KMS and the evidence-protection bucket
 * policy only (the synth warning says what is lost). Asserts the shared checks and the lifecycle.
 * See "Integration tests" in README.md for how to run it against a sandbox account.
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { protectionModeTest } from './support';
import { TamperProtection } from '../lib';

const app = protectionModeTest({
  mode: 'none',
  logArchiveProps: { tamperProtection: TamperProtection.none() },
  assertProtection: (integ, logArchive) => {
    // GetObjectLockConfiguration would fail (ObjectLockConfigurationNotFoundError) and an
    // assertion cannot expect a failure: the absence of Object Lock is checked on the template
    // (test/log-archive). Here: the lifecycle to Glacier is in place.
    integ.assertions
      .awsApiCall('S3', 'getBucketLifecycleConfiguration', { Bucket: logArchive.bucket.bucketName })
      .expect(ExpectedResult.objectLike({ Rules: [Match.objectLike({ ID: 'ArchiveCloudTrailLogs', Status: 'Enabled' })] }));
  },
});
app.synth();
