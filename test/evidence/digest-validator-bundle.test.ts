// The digest validator Lambda handler is bundled at library build time (`npx projen bundle`, part
// of `npx projen build`) into assets/digest-validator/index.js, which is committed and published.
// This test fails when the committed bundle no longer matches the handler's source, or when the
// projen bundle task no longer builds it the way this test does (the checks of
// test/support/lambda-bundle.ts).
import * as path from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { bundleTests, LambdaBundle, ROOT } from '../support/lambda-bundle';

const BUNDLE: LambdaBundle = {
  entrypoint: 'lib/evidence/digest-validator-handler/index.ts',
  outfile: 'assets/digest-validator/index.js',
  task: 'bundle:digest-validator',
  sdkClients: ['@aws-sdk/client-cloudtrail', '@aws-sdk/client-s3'],
};

describe('digest validator bundle (assets/digest-validator/index.js)', () => {
  bundleTests(BUNDLE);

  test('the committed bundle reports a deleted digest as invalid (smoke test)', async () => {
    const s3 = mockClient(S3Client);
    const cloudTrail = mockClient(CloudTrailClient);
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    const env = { ...process.env };
    process.env.ARCHIVE_BUCKET_NAME = 'cloudtrail-archive';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const key = 'AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/03/01/111111111111_CloudTrail-Digest_us-east-1_trail_us-east-1_20260301T010000Z.json.gz';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, BUNDLE.outfile));
      await expect(bundle.handler({ detail: { bucket: { name: 'cloudtrail-archive' }, object: { key } } }))
        .resolves.toMatchObject({ digest: 'invalid', reason: 'the digest is no longer in the archive' });
      expect(JSON.parse(String(write.mock.calls[0][0])).DigestFilesInvalid).toBe(1);
    } finally {
      process.env = env;
      s3.restore();
      cloudTrail.restore();
      write.mockRestore();
    }
  });
});
