import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Stack } from 'aws-cdk-lib';
import { assertArchiveBucket, assertEvidenceProtection, assertKeyProtection, assertTrailLogging } from './assertions';
import { BaselineTrail, LogArchive, LogArchiveProps, TrailDescription } from '../../lib';

/** One protection mode of the log archive, as an integration test. */
export interface ProtectionModeTest {
  /** Kebab-case mode name: the file is `integ/integ.protection-<mode>.ts`, the stack `IntegProtection-<mode>`. */
  readonly mode: string;
  /** The log archive's props for this mode (the trail is added by the harness). */
  readonly logArchiveProps: LogArchiveProps;
  /** The mode's own deploy-time assertions, on top of versioning, SSE-KMS and a logging trail. */
  readonly assertProtection: (integ: IntegTest, logArchive: LogArchive) => void;
}

/**
 * The harness of `integ/integ.protection-<mode>.ts`: one env-agnostic stack with a log archive in
 * the given protection mode and an account trail delivering into it (so CloudTrail's own checks of
 * the bucket and key policies run against that mode at trail creation), plus the assertions every
 * mode shares and the mode's own.
 */
export function protectionModeTest(test: ProtectionModeTest): App {
  const app = new App();
  const stack = new Stack(app, `IntegProtection-${test.mode}`, {
    description: `cdk-cloudtrail-baseline integration test: log archive protection mode ${test.mode}`,
  });
  const trail = TrailDescription.accountTrail({
    accountId: Aws.ACCOUNT_ID,
    region: Aws.REGION,
    trailName: `integ-protection-${test.mode}`,
  });
  const logArchive = new LogArchive(stack, 'LogArchive', { ...test.logArchiveProps, trails: [trail] });
  const baselineTrail = new BaselineTrail(stack, 'Trail', { logArchive, description: trail });

  const integ = new IntegTest(app, `Protection-${test.mode}`, {
    testCases: [stack],
    // Also compare asset hashes (the notifier bundle is committed, so they are stable).
    diffAssets: true,
  });
  assertTrailLogging(integ, baselineTrail.trailArn);
  assertArchiveBucket(integ, { bucketName: logArchive.bucket.bucketName, encryptionKeyArn: logArchive.encryptionKey.keyArn });
  assertEvidenceProtection(integ, logArchive.bucket.bucketName);
  assertKeyProtection(integ, logArchive.encryptionKey.keyArn);
  test.assertProtection(integ, logArchive);
  return app;
}
