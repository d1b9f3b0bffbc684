// The trail logging remediation handler is bundled at library build time into
// assets/trail-logging-remediation/index.js (committed): this test fails when the bundle is stale
// (same checks as the other handlers', test/support/lambda-bundle.ts).
import * as path from 'node:path';
import { CloudTrailClient, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { bundleTests, LambdaBundle, ROOT } from '../support/lambda-bundle';

const BUNDLE: LambdaBundle = {
  entrypoint: 'lib/trail/trail-logging-remediation-handler/index.ts',
  outfile: 'assets/trail-logging-remediation/index.js',
  task: 'bundle:trail-logging-remediation',
  sdkClients: ['@aws-sdk/client-cloudtrail'],
};

describe('trail logging remediation bundle (assets/trail-logging-remediation/index.js)', () => {
  bundleTests(BUNDLE);

  test('the committed bundle restarts a stopped trail (smoke test)', async () => {
    const cloudtrail = mockClient(CloudTrailClient);
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    const env = { ...process.env };
    const trail = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/t1';
    process.env.TRAIL_ARNS = JSON.stringify([trail]);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, BUNDLE.outfile));
      await expect(bundle.handler({ detail: { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 't1' } } }))
        .resolves.toMatchObject({ trailArn: trail, action: 'restarted' });
      expect(cloudtrail.commandCalls(StartLoggingCommand)).toHaveLength(1);
    } finally {
      process.env = env;
      cloudtrail.restore();
      log.mockRestore();
    }
  });
});
