// The MFA delete check Lambda handler is bundled at library build time (`npx projen bundle`, part
// of `npx projen build`) into assets/mfa-delete-check/index.js, which is committed and published.
// This test fails when the committed bundle no longer matches the handler's source, or when the
// projen bundle task no longer builds it the way this test does (same checks as the notifier's,
// test/alarm-actions/notifier-bundle.test.ts).
import * as path from 'node:path';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { bundleTests, LambdaBundle, ROOT } from '../support/lambda-bundle';

const BUNDLE: LambdaBundle = {
  entrypoint: 'lib/log-archive/mfa-delete-check-handler/index.ts',
  outfile: 'assets/mfa-delete-check/index.js',
  task: 'bundle:mfa-delete-check',
  sdkClients: ['@aws-sdk/client-s3'],
};

describe('MFA delete check bundle (assets/mfa-delete-check/index.js)', () => {
  bundleTests(BUNDLE);

  test('the committed bundle reports MFA delete off as 0 (smoke test)', async () => {
    const s3 = mockClient(S3Client);
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    const env = { ...process.env };
    process.env.VAULT_BUCKET_NAME = 'cloudtrail-vault';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, BUNDLE.outfile));
      await expect(bundle.handler()).resolves.toEqual({ bucket: 'cloudtrail-vault', versioning: 'Enabled', mfaDelete: 'Disabled', mfaDeleteEnabled: 0 });
      expect(JSON.parse(String(write.mock.calls[0][0])).MfaDeleteEnabled).toBe(0);
    } finally {
      process.env = env;
      s3.restore();
      write.mockRestore();
    }
  });
});
