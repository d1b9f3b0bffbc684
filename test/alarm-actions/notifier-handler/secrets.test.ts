import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { CACHE_TTL_MS, clearWebhookUrlCache, parseWebhookSecret, webhookUrl } from '../../../lib/alarm-actions/notifier-handler/secrets';

const SECRET = 'arn:aws:secretsmanager:us-east-1:222222222222:secret:chat/slack-AbCdEf';
const URL_VALUE = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXX';
const smMock = mockClient(SecretsManagerClient);

beforeEach(() => {
  smMock.reset();
  clearWebhookUrlCache();
});

describe('parseWebhookSecret', () => {
  test.each([
    [URL_VALUE, URL_VALUE],
    [`  ${URL_VALUE}\n`, URL_VALUE],
    [JSON.stringify({ url: URL_VALUE }), URL_VALUE],
    [JSON.stringify({ url: URL_VALUE, channel: '#sec' }), URL_VALUE],
    ['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080/hook'],
    ['http://localhost/hook', 'http://localhost/hook'],
  ])('%j', (secret, url) => {
    expect(parseWebhookSecret(secret)).toBe(url);
  });

  test.each([
    [undefined, /no SecretString/],
    ['', /no SecretString/],
    ['{"url": ', /does not parse/],
    ['{"webhook": "https://x"}', /no "url" string/],
    ['hooks.slack.com/services/T0000/B0000/XXXXXXXX', /not hold a valid URL/],
    ['http://hooks.slack.com/services/T0000/B0000/XXXXXXXX', /must use https: \(got http:\)/],
    ['ftp://example.com/x', /must use https:/],
    ['https://user:pass@example.com/x', /user information/],
  ])('rejects %j without echoing it', (secret, message) => {
    let error: Error | undefined;
    try {
      parseWebhookSecret(secret);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('XXXXXXXX');
    expect(error?.message).not.toContain('pass');
  });
});

describe('webhookUrl', () => {
  test('reads the secret once and caches it per container', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: URL_VALUE });
    const client = new SecretsManagerClient({});

    await expect(webhookUrl(client, SECRET)).resolves.toBe(URL_VALUE);
    await expect(webhookUrl(client, SECRET)).resolves.toBe(URL_VALUE);

    expect(smMock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(smMock.commandCalls(GetSecretValueCommand)[0].args[0].input).toEqual({ SecretId: SECRET });
  });

  test('reads it again after the cache lifetime (rotation)', async () => {
    smMock.on(GetSecretValueCommand).resolvesOnce({ SecretString: URL_VALUE }).resolves({ SecretString: `${URL_VALUE}2` });
    const client = new SecretsManagerClient({});
    let now = 1_000_000;

    await webhookUrl(client, SECRET, { now: () => now });
    now += CACHE_TTL_MS + 1;
    await expect(webhookUrl(client, SECRET, { now: () => now })).resolves.toBe(`${URL_VALUE}2`);
    expect(smMock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  test('does not cache failures', async () => {
    smMock.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }))
      .resolves({ SecretString: URL_VALUE });
    const client = new SecretsManagerClient({});

    await expect(webhookUrl(client, SECRET)).rejects.toThrow('User is not authorized');
    await expect(webhookUrl(client, SECRET)).resolves.toBe(URL_VALUE);
  });
});
