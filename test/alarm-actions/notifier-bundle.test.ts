// The notifier Lambda handler is bundled at library build time (`npx projen bundle`, part of
// `npx projen build`) into assets/notifier/index.js, which is committed and published. This test
// fails when the committed bundle no longer matches the handler's source, or when the projen
// bundle task no longer builds it the way this test does.
import * as path from 'node:path';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { bundleTests, LambdaBundle, ROOT } from '../support/lambda-bundle';
import alarmEvent from './notifier-handler/fixtures/alarm-event.json';
import describeMetricFilters from './notifier-handler/fixtures/describe-metric-filters.json';
import filterLogEvents from './notifier-handler/fixtures/filter-log-events.json';

const BUNDLE: LambdaBundle = {
  entrypoint: 'lib/alarm-actions/notifier-handler/index.ts',
  outfile: 'assets/notifier/index.js',
  task: 'bundle:notifier',
  sdkClients: ['@aws-sdk/client-sns', '@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-secrets-manager'],
};

describe('notifier bundle (assets/notifier/index.js)', () => {
  bundleTests(BUNDLE);

  test('the committed bundle publishes the fixture alarm with its events (smoke test)', async () => {
    const snsMock = mockClient(SNSClient);
    snsMock.on(PublishCommand).resolves({ MessageId: 'bundle-msg' });
    const logsMock = mockClient(CloudWatchLogsClient);
    logsMock.on(DescribeMetricFiltersCommand).resolves(describeMetricFilters);
    logsMock.on(FilterLogEventsCommand).resolves(filterLogEvents);
    const env = { ...process.env };
    process.env.TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:alarms';
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(ROOT, BUNDLE.outfile));
      await expect(bundle.handler(alarmEvent)).resolves.toEqual({
        published: true,
        messageId: 'bundle-msg',
        enrichment: { status: 'complete', matchedEvents: 5, describedEvents: 5 },
      });
      const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
      expect(input.Subject).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
      expect(input.MessageAttributes).toEqual({ baseline_message_type: { DataType: 'String', StringValue: 'notification' } });
      expect(input.Message).toContain('   Who:    IAMUser arn:aws:iam::229654561268:user/christophe\n');
    } finally {
      process.env = env;
      snsMock.restore();
      logsMock.restore();
      jest.restoreAllMocks();
    }
  });
});
