/**
 * Log archive protection mode "Object Lock" (the default): the bucket is created with Object Lock
 * and a GOVERNANCE default retention of 365 days, and an account trail delivers into it.
 * See "Integration tests" in README.md for how to run it against a sandbox account.
 */
import { Duration } from 'aws-cdk-lib';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { assertObjectLock, protectionModeTest } from './support';
import { TamperProtection } from '../lib';

const app = protectionModeTest({
  mode: 'object-lock',
  logArchiveProps: { tamperProtection: TamperProtection.objectLock({ mode: ObjectLockMode.GOVERNANCE, retention: Duration.days(365) }) },
  assertProtection: (integ, logArchive) => {
    assertObjectLock(integ, logArchive.bucket.bucketName, { mode: ObjectLockMode.GOVERNANCE, days: 365 });
  },
});
app.synth();
