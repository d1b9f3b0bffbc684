import { readSettings } from '../../../lib/alarm-actions/notifier-handler/settings';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:222222222222:alarms';
const SECRET = 'arn:aws:secretsmanager:us-east-1:222222222222:secret:chat/slack-AbCdEf';

describe('readSettings', () => {
  test('defaults', () => {
    expect(readSettings({ TOPIC_ARN })).toEqual({
      topicArn: TOPIC_ARN,
      logGroupName: undefined,
      maxEvents: 10,
      webhooks: [],
      webhookTimeoutMs: 5000,
      problems: [],
    });
  });

  test('every variable set', () => {
    const settings = readSettings({
      TOPIC_ARN: ` ${TOPIC_ARN} `,
      LOG_GROUP_NAME: 'aws-cloudtrail-logs/org',
      MAX_EVENTS: '25',
      WEBHOOK_TIMEOUT_MS: '200',
      CHAT_WEBHOOKS: JSON.stringify([{ kind: 'slack', secretArn: SECRET }, { kind: 'teams', secretArn: `${SECRET}2` }, { kind: 'generic', secretArn: SECRET }]),
    });
    expect(settings).toEqual({
      topicArn: TOPIC_ARN,
      logGroupName: 'aws-cloudtrail-logs/org',
      maxEvents: 25,
      webhookTimeoutMs: 200,
      webhooks: [{ kind: 'slack', secretArn: SECRET }, { kind: 'teams', secretArn: `${SECRET}2` }, { kind: 'generic', secretArn: SECRET }],
      problems: [],
    });
  });

  test('throws without TOPIC_ARN', () => {
    expect(() => readSettings({})).toThrow(/TOPIC_ARN/);
    expect(() => readSettings({ TOPIC_ARN: '  ' })).toThrow(/TOPIC_ARN/);
  });

  test.each([
    ['MAX_EVENTS', 'ten', 'maxEvents', 10, /MAX_EVENTS='ten' is not a whole number from 1 to 50; using 10/],
    ['MAX_EVENTS', '500', 'maxEvents', 50, /MAX_EVENTS=500 is outside 1-50; using 50/],
    ['MAX_EVENTS', '0', 'maxEvents', 1, /MAX_EVENTS=0 is outside 1-50; using 1/],
    ['MAX_EVENTS', '-3', 'maxEvents', 10, /not a whole number/],
    ['WEBHOOK_TIMEOUT_MS', '10', 'webhookTimeoutMs', 50, /WEBHOOK_TIMEOUT_MS=10 is outside 50-30000; using 50/],
    ['WEBHOOK_TIMEOUT_MS', '1e3', 'webhookTimeoutMs', 5000, /not a whole number/],
  ])('%s=%j -> %s %j, with a problem', (name, value, key, expected, problem) => {
    const settings = readSettings({ TOPIC_ARN, [name]: value });
    expect(settings[key as 'maxEvents']).toBe(expected);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toMatch(problem);
  });

  test.each([
    ['not JSON', '[{kind: slack}]', /CHAT_WEBHOOKS is not JSON/],
    ['not an array', '{"kind":"slack"}', /not a JSON array/],
    ['unknown kind', JSON.stringify([{ kind: 'discord', secretArn: SECRET }]), /\[0\]\.kind must be one of slack, teams, generic/],
    ['a URL instead of a secret', JSON.stringify([{ kind: 'slack', secretArn: 'https://hooks.slack.com/services/T/B/X' }]), /\[0\]\.secretArn must be the ARN/],
    ['null entry', '[null]', /\[0\]\.kind/],
  ])('CHAT_WEBHOOKS %s: ignored with a problem that never echoes the value', (_name, value, problem) => {
    const settings = readSettings({ TOPIC_ARN, CHAT_WEBHOOKS: value });
    expect(settings.webhooks).toEqual([]);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toMatch(problem);
    expect(settings.problems[0]).not.toContain('hooks.slack.com');
  });

  test('keeps the valid entries and at most 10', () => {
    const entries = [{ kind: 'x' }, ...Array.from({ length: 11 }, () => ({ kind: 'generic', secretArn: SECRET }))];
    const settings = readSettings({ TOPIC_ARN, CHAT_WEBHOOKS: JSON.stringify(entries) });
    expect(settings.webhooks).toHaveLength(10);
    expect(settings.problems).toEqual([
      'CHAT_WEBHOOKS[0].kind must be one of slack, teams, generic; entry ignored',
      'CHAT_WEBHOOKS[11] ignored: at most 10 webhooks',
    ]);
  });
});
