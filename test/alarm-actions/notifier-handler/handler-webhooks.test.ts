// The handler end to end with chat webhooks: CloudWatch Logs, SNS and Secrets Manager mocked, the
// webhooks a real HTTP server on 127.0.0.1.
import { CloudWatchLogsClient, DescribeMetricFiltersCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import alarmEvent from './fixtures/alarm-event.json';
import describeMetricFilters from './fixtures/describe-metric-filters.json';
import filterLogEvents from './fixtures/filter-log-events.json';
import { startWebhookServer, WebhookServer } from './webhook-server';
import { handler } from '../../../lib/alarm-actions/notifier-handler/index';
import { clearWebhookUrlCache } from '../../../lib/alarm-actions/notifier-handler/secrets';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:cloudtrail-baseline-alarms';
const SECRET_PREFIX = 'arn:aws:secretsmanager:us-east-1:222222222222:secret:cloudtrail-baseline/';
const SLACK = `${SECRET_PREFIX}slack-AbCdEf`;
const TEAMS = `${SECRET_PREFIX}teams-GhIjKl`;
const GENERIC = `${SECRET_PREFIX}generic-MnOpQr`;

const snsMock = mockClient(SNSClient);
const logsMock = mockClient(CloudWatchLogsClient);
const smMock = mockClient(SecretsManagerClient);
const savedEnv = { ...process.env };
let server: WebhookServer;

/** Points the three secrets at paths of the test server (Teams as JSON `{"url": ...}`). */
function secretsPointingAt(base: string) {
  smMock.on(GetSecretValueCommand, { SecretId: SLACK }).resolves({ SecretString: `${base}/services/T0/B0/slack-token` });
  smMock.on(GetSecretValueCommand, { SecretId: TEAMS }).resolves({ SecretString: JSON.stringify({ url: `${base}/workflows/teams-sig` }) });
  smMock.on(GetSecretValueCommand, { SecretId: GENERIC }).resolves({ SecretString: `${base}/generic` });
}

function webhooks(...entries: Array<[string, string]>): string {
  return JSON.stringify(entries.map(([kind, secretArn]) => ({ kind, secretArn })));
}

beforeEach(async () => {
  server = await startWebhookServer();
  snsMock.reset();
  logsMock.reset();
  smMock.reset();
  clearWebhookUrlCache();
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  logsMock.on(DescribeMetricFiltersCommand).resolves(describeMetricFilters);
  logsMock.on(FilterLogEventsCommand).resolves(filterLogEvents);
  secretsPointingAt(server.baseUrl);
  process.env = {
    ...savedEnv,
    TOPIC_ARN,
    LOG_GROUP_NAME: 'aws-cloudtrail-logs/org',
    CHAT_WEBHOOKS: webhooks(['slack', SLACK], ['teams', TEAMS], ['generic', GENERIC]),
  };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Backoff without jitter: 500 ms, then 1,000 ms.
  jest.spyOn(Math, 'random').mockReturnValue(0);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await server.stop();
});

afterAll(() => {
  process.env = savedEnv;
});

/** Everything the handler logged, as one string. */
function logged(): string {
  return [console.log, console.warn, console.error].flatMap((f) => jest.mocked(f).mock.calls.flat()).map(String).join('\n');
}

describe('notifier handler: chat webhooks', () => {
  test('posts the Slack, Teams and generic bodies after publishing to SNS', async () => {
    const result = await handler(alarmEvent);

    expect(result.published).toBe(true);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(result.webhooks).toEqual([
      { kind: 'slack', secretArn: SLACK, delivered: true, attempts: 1, status: 200, error: undefined },
      { kind: 'teams', secretArn: TEAMS, delivered: true, attempts: 1, status: 200, error: undefined },
      { kind: 'generic', secretArn: GENERIC, delivered: true, attempts: 1, status: 200, error: undefined },
    ]);

    const slack = JSON.parse(server.on('/services/T0/B0/slack-token')[0].body);
    expect(slack.text).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: ALARM: CloudWatch.1 Root user activity', emoji: true } });
    expect(slack.blocks.filter((b: { text?: { text: string } }) => /^\*\d+\. /.test(b.text?.text ?? ''))).toHaveLength(5);

    const teams = JSON.parse(server.on('/workflows/teams-sig')[0].body);
    expect(teams.type).toBe('message');
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0].content.type).toBe('AdaptiveCard');
    expect(teams.attachments[0].content.body.filter((b: { type: string }) => b.type === 'Container')).toHaveLength(5);

    const generic = JSON.parse(server.on('/generic')[0].body);
    expect(generic.alarm).toMatchObject({ name: 'CloudTrailBaseline-CloudWatch.1-RootAccountUsage', state: 'ALARM' });
    expect(generic.enrichment).toMatchObject({ status: 'complete', matchedEvents: 5 });
    expect(generic.events.map((e: { eventName: string }) => e.eventName)).toEqual(
      ['PutBucketVersioning', 'ConsoleLogin', 'AttachUserPolicy', 'StopLogging', 'AssumeRole']);
    expect(generic.text).toBe(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message);
  });

  test('OK state: posts without enrichment', async () => {
    const ok = { ...alarmEvent, alarmData: { ...alarmEvent.alarmData, state: { ...alarmEvent.alarmData.state, value: 'OK' } } };

    const result = await handler(ok);

    expect(result.webhooks?.every((w) => w.delivered)).toBe(true);
    expect(JSON.parse(server.on('/generic')[0].body)).toMatchObject({ enrichment: null, events: [] });
    expect(logsMock.calls()).toHaveLength(0);
  });

  test('a 500 then a success: retried, delivered on the second attempt', async () => {
    server.script('/services/T0/B0/slack-token', [{ status: 500, body: 'internal_error' }, { status: 200, body: 'ok' }]);

    const result = await handler(alarmEvent);

    expect(result.webhooks![0]).toMatchObject({ kind: 'slack', delivered: true, attempts: 2, status: 200 });
    const [first, second] = server.on('/services/T0/B0/slack-token');
    expect(second.body).toBe(first.body);
    expect(second.at - first.at).toBeGreaterThanOrEqual(450);
  });

  test('a webhook that always fails: 3 attempts, SNS published, the others delivered, no throw, URL never logged', async () => {
    server.script('/workflows/teams-sig', [{ status: 502, body: 'Bad Gateway' }]);

    const result = await handler(alarmEvent);

    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(server.on('/workflows/teams-sig')).toHaveLength(3);
    expect(result.webhooks).toEqual([
      expect.objectContaining({ kind: 'slack', delivered: true }),
      { kind: 'teams', secretArn: TEAMS, delivered: false, attempts: 3, status: 502, error: 'HTTP 502: Bad Gateway' },
      expect.objectContaining({ kind: 'generic', delivered: true }),
    ]);
    expect(console.error).toHaveBeenCalledTimes(1);
    const line = JSON.parse(jest.mocked(console.error).mock.calls[0][0] as string);
    expect(line).toMatchObject({ level: 'ERROR', message: 'Chat webhook delivery failed', kind: 'teams', secretArn: TEAMS, attempts: 3 });
    expect(logged()).not.toContain('teams-sig');
    expect(logged()).not.toContain(server.baseUrl);
  });

  test('429 with Retry-After: waits as asked, then delivers', async () => {
    server.script('/generic', [{ status: 429, body: 'slow down', headers: { 'retry-after': '1' } }, { status: 204 }]);

    const result = await handler(alarmEvent);

    expect(result.webhooks![2]).toMatchObject({ kind: 'generic', delivered: true, attempts: 2, status: 204 });
    const [first, second] = server.on('/generic');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  test('a webhook that never answers is aborted after WEBHOOK_TIMEOUT_MS, and SNS is published', async () => {
    process.env.WEBHOOK_TIMEOUT_MS = '200';
    process.env.CHAT_WEBHOOKS = webhooks(['slack', SLACK]);
    server.script('/services/T0/B0/slack-token', ['hang']);
    const started = Date.now();

    const result = await handler(alarmEvent);

    expect(Date.now() - started).toBeLessThan(5000);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(result.webhooks).toEqual([
      { kind: 'slack', secretArn: SLACK, delivered: false, attempts: 3, status: undefined, error: 'timed out after 200 ms' },
    ]);
    expect(server.on('/services/T0/B0/slack-token')).toHaveLength(3);
  });

  test('an unreadable secret fails that webhook only', async () => {
    smMock.on(GetSecretValueCommand, { SecretId: SLACK })
      .rejects(Object.assign(new Error('Secrets Manager can\'t find the specified secret.'), { name: 'ResourceNotFoundException' }));
    smMock.on(GetSecretValueCommand, { SecretId: GENERIC }).resolves({ SecretString: 'http://hooks.example.com/plain-http' });

    const result = await handler(alarmEvent);

    expect(result.webhooks).toEqual([
      {
        kind: 'slack',
        secretArn: SLACK,
        delivered: false,
        attempts: 0,
        error: 'webhook URL from Secrets Manager: ResourceNotFoundException: Secrets Manager can\'t find the specified secret.',
      },
      expect.objectContaining({ kind: 'teams', delivered: true }),
      {
        kind: 'generic',
        secretArn: GENERIC,
        delivered: false,
        attempts: 0,
        error: 'webhook URL from Secrets Manager: the webhook URL must use https: (got http:)',
      },
    ]);
    expect(logged()).not.toContain('plain-http');
  });

  test('reads each secret once per container', async () => {
    await handler(alarmEvent);
    await handler(alarmEvent);

    expect(smMock.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    expect(server.received).toHaveLength(6);
  });

  test('SNS failing: throws before posting to any chat (a Lambda retry will not duplicate chat messages)', async () => {
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('KMS key is disabled'), { name: 'KMSDisabledException' }));

    await expect(handler(alarmEvent)).rejects.toThrow('KMS key is disabled');
    expect(server.received).toHaveLength(0);
    expect(smMock.calls()).toHaveLength(0);
  });
});

describe('notifier handler: webhooks routed per detection and per severity', () => {
  const withDescription = (description: string, metricName = 'RootAccountUsage') => ({
    ...alarmEvent,
    alarmData: {
      ...alarmEvent.alarmData,
      configuration: {
        ...alarmEvent.alarmData.configuration,
        description,
        metrics: [{ ...alarmEvent.alarmData.configuration.metrics[0], metricStat: { ...alarmEvent.alarmData.configuration.metrics[0].metricStat, metric: { namespace: 'CISBenchmark', name: metricName, dimensions: {} } } }],
      },
    },
  });
  const routed = () => JSON.stringify([
    { kind: 'slack', secretArn: SLACK, metricNames: ['RootAccountUsage'] },
    { kind: 'teams', secretArn: TEAMS, severities: ['HIGH', 'MEDIUM'] },
    { kind: 'generic', secretArn: GENERIC },
  ]);

  test('the root-user alarm reaches the webhook of its detection and the unfiltered one, not the HIGH/MEDIUM one', async () => {
    process.env.CHAT_WEBHOOKS = routed();
    const result = await handler(withDescription('Root user activity [CloudWatch.1] (severity CRITICAL). The root user signed in.'));
    expect(result.published).toBe(true);
    expect(result.webhooks?.map((w) => w.secretArn)).toEqual([SLACK, GENERIC]);
    expect(server.on('/workflows/teams-sig')).toHaveLength(0);
  });

  test('a HIGH detection on another metric reaches the severity webhook and the unfiltered one', async () => {
    process.env.CHAT_WEBHOOKS = routed();
    const result = await handler(withDescription('CloudTrail configuration changes [CloudWatch.5] (severity HIGH). A trail changed.', 'CloudTrailEventCount'));
    expect(result.webhooks?.map((w) => w.secretArn)).toEqual([TEAMS, GENERIC]);
    expect(server.on('/services/T0/B0/slack-token')).toHaveLength(0);
  });

  test('an alarm without severity (self-monitoring) reaches only the unfiltered webhook; no webhook left: SNS only', async () => {
    process.env.CHAT_WEBHOOKS = routed();
    const result = await handler(withDescription('No CloudTrail event arrived for 2 hours.', 'IncomingLogEvents'));
    expect(result.webhooks?.map((w) => w.secretArn)).toEqual([GENERIC]);

    process.env.CHAT_WEBHOOKS = JSON.stringify([{ kind: 'slack', secretArn: SLACK, severities: ['CRITICAL'] }]);
    const none = await handler(withDescription('No CloudTrail event arrived for 2 hours.', 'IncomingLogEvents'));
    expect(none.published).toBe(true);
    expect(none.webhooks).toBeUndefined();
    expect(server.on('/services/T0/B0/slack-token')).toHaveLength(0);
  });

  test('a malformed filter is reported and ignored (the webhook receives every alarm)', async () => {
    process.env.CHAT_WEBHOOKS = JSON.stringify([{ kind: 'slack', secretArn: SLACK, severities: 'CRITICAL' }]);
    const result = await handler(withDescription('x (severity LOW).', 'Other'));
    expect(result.webhooks?.map((w) => w.secretArn)).toEqual([SLACK]);
    expect(logged()).toContain('CHAT_WEBHOOKS[0].severities must be an array of strings; the filter is ignored');
  });
});
