/**
 * `AlarmNotifications` delivery options: an existing topic (of this app or imported), HTTPS, SQS and
 * Lambda subscriptions with the dead-letter queue, and chat webhooks (secrets, environment,
 * permissions in the notifier's managed policy).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AlarmNotifications, AlarmNotificationsProps, ChatWebhook, ChatWebhookFormat } from '../../lib/alarm-actions';
import { Detections, DetectionSeverity } from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const IMPORTED_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:security-alarms`;
const IMPORTED_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function synth(props: (stack: Stack) => AlarmNotificationsProps) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  const notifications = new AlarmNotifications(stack, 'Notifications', props(stack));
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  return { stack, notifications, id, template: Template.fromStack(stack) };
}

const values = (template: Template, type: string): any[] => Object.values(template.findResources(type));
const only = (template: Template, type: string): any => {
  const all = values(template, type);
  expect(all).toHaveLength(1);
  return all[0];
};
const statementsOf = (resource: any): any[] => (resource.Properties.PolicyDocument ?? resource.Properties.KeyPolicy).Statement;
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));

/** A CloudFormation value as text: `Fn::Join` joined, `Ref`/`Fn::GetAtt` as `<id>`/`<id.attr>`, the partition as `aws`. */
function text(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref) return value.Ref === 'AWS::Partition' ? 'aws' : `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  const [sep, parts] = value['Fn::Join'];
  return parts.map(text).join(sep);
}

describe('an existing topic of this app', () => {
  const build = () => synth((s) => ({ topic: new Topic(s, 'MyTopic', { masterKey: new Key(s, 'MyKey') }) }));
  const { stack, notifications, id, template } = build();
  const topic = notifications.topic;

  test('is used, and no other topic is created', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(stack.resolve((notifications.topicAlarmAction as SnsAction).bind(stack, {} as any).alarmActionArn)).toEqual({ Ref: id(topic) });
  });

  test('its policy lets CloudWatch alarms of this account and region publish, and denies publishing without TLS', () => {
    const statements = statementsOf(only(template, 'AWS::SNS::TopicPolicy'));
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'AllowCloudWatchAlarmsToPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Resource: { Ref: id(topic) } }),
      expect.objectContaining({ Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    expect(statements[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
    expect(text(statements[0].Condition.ArnLike['aws:SourceArn'])).toBe(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*`);
  });

  test('its key lets CloudWatch use it; the construct\'s own key (queue and logs only) does not', () => {
    const keys = template.findResources('AWS::KMS::Key');
    const sids = (keyId: string) => statementsOf(keys[keyId]).map((s) => s.Sid);
    expect(sids(id(topic.masterKey!))).toContain('AllowCloudWatchAlarmsToUseTheKey');
    expect(sids(id(notifications.encryptionKey))).not.toContain('AllowCloudWatchAlarmsToUseTheKey');
  });

  test('the notifier may publish to it and use both keys', () => {
    const statements = statementsOf(only(template, 'AWS::IAM::ManagedPolicy'));
    expect(statements.find((s) => s.Sid === 'PublishNotifications').Resource).toEqual({ Ref: id(topic) });
    expect(statements.find((s) => s.Sid === 'UseTopicAndQueueKey').Resource).toEqual([
      { 'Fn::GetAtt': [id(notifications.encryptionKey), 'Arn'] },
      { 'Fn::GetAtt': [id(topic.masterKey!), 'Arn'] },
    ]);
  });

  test('no warning', () => {
    expect(warnings(stack)).toEqual([]);
  });

  test('a topic that enforces TLS already keeps one TLS statement', () => {
    const other = synth((s) => ({ topic: new Topic(s, 'MyTopic', { enforceSSL: true }) }));
    const statements = statementsOf(only(other.template, 'AWS::SNS::TopicPolicy'));
    expect(statements.filter((s) => s.Effect === 'Deny')).toHaveLength(1);
    expect(statements.map((s) => s.Sid)).toContain('AllowCloudWatchAlarmsToPublish');
  });

  test('a topic of this app with an imported key: a warning with the key statement', () => {
    const other = synth((s) => ({ topic: new Topic(s, 'MyTopic', { masterKey: Key.fromKeyArn(s, 'K', IMPORTED_KEY_ARN) }) }));
    const [warning, ...rest] = warnings(other.stack);
    expect(rest).toEqual([]);
    expect(warning).toContain(`The key ${IMPORTED_KEY_ARN} of the alarm topic is imported`);
    expect(warning).toContain('"Principal":{"Service":"cloudwatch.amazonaws.com"}');
    expect(warning).toContain('"kms:GenerateDataKey*"');
  });

  test('topic and topicName together are an error', () => {
    expect(() => synth((s) => ({ topic: new Topic(s, 'T'), topicName: 'x' })))
      .toThrow(/^AlarmNotificationsProps\.topicName: must not be combined with AlarmNotificationsProps\.topic/);
  });
});

describe('an imported topic', () => {
  test('no topic or topic policy here; a warning prints the topic and key statements its owner must add', () => {
    const { stack, template, notifications } = synth((s) => ({ topic: Topic.fromTopicArn(s, 'T', IMPORTED_TOPIC_ARN) }));
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
    expect(stack.resolve(notifications.topic.topicArn)).toBe(IMPORTED_TOPIC_ARN);
    const [warning, ...rest] = warnings(stack);
    expect(rest).toEqual([]);
    expect(warning).toContain(`The alarm topic ${IMPORTED_TOPIC_ARN} is imported`);
    const statements = JSON.parse(`[${warning.match(/publish, over TLS only: \[(.*?)\]\. Its KMS/)![1]}]`);
    expect(statements).toEqual([
      expect.objectContaining({ Sid: 'AllowCloudWatchAlarmsToPublish', Action: 'sns:Publish', Resource: IMPORTED_TOPIC_ARN, Principal: { Service: 'cloudwatch.amazonaws.com' } }),
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    expect(statements[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
    expect(warning).toMatch(/Its KMS key policy must let cloudwatch\.amazonaws\.com use the key .*"kms:GenerateDataKey\*","kms:Decrypt"/);
    expect(warning).toContain('Topic.fromTopicAttributes({ topicArn, keyArn })');
  });

  test('imported with its key: the notifier may use that key, and the warning does not ask for it', () => {
    const { stack, template } = synth((s) => ({ topic: Topic.fromTopicAttributes(s, 'T', { topicArn: IMPORTED_TOPIC_ARN, keyArn: IMPORTED_KEY_ARN }) }));
    const keyStatement = statementsOf(only(template, 'AWS::IAM::ManagedPolicy')).find((s) => s.Sid === 'UseTopicAndQueueKey');
    expect(keyStatement.Resource).toEqual([expect.objectContaining({ 'Fn::GetAtt': expect.any(Array) }), IMPORTED_KEY_ARN]);
    expect(warnings(stack)[0]).not.toContain('Topic.fromTopicAttributes');
  });
});

describe('subscriptions: HTTPS, SQS and Lambda receive every message; each has the dead-letter queue', () => {
  let queueRef = '';
  let fnRef = '';
  const { template, notifications, id, stack } = synth((s) => {
    const queue = new Queue(s, 'Intake');
    const fn = new Function(s, 'Automation', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
    queueRef = s.getLogicalId(queue.node.defaultChild as any);
    fnRef = s.getLogicalId(fn.node.defaultChild as any);
    return {
      emailAddresses: ['ops@example.com'],
      httpsEndpoints: ['https://events.pagerduty.com/integration/abc/enqueue', 'https://relay.example.com/sns'],
      sqsQueues: [queue],
      lambdaSubscribers: [fn],
    };
  });
  const dlq = { deadLetterTargetArn: { 'Fn::GetAtt': [id(notifications.deadLetterQueue), 'Arn'] } };
  const subscriptions = values(template, 'AWS::SNS::Subscription').map((s) => s.Properties);

  test('one subscription each, all on the topic, all with the dead-letter queue', () => {
    expect(subscriptions.map((s) => s.Protocol).sort()).toEqual(['email', 'https', 'https', 'lambda', 'sqs']);
    for (const s of subscriptions) {
      expect(s.TopicArn).toEqual({ Ref: id(notifications.topic) });
      expect(s.RedrivePolicy).toEqual(dlq);
    }
  });

  test('machine subscribers have no filter policy (raw alarm JSON and readable notification); email has the filter', () => {
    const machines = subscriptions.filter((s) => s.Protocol !== 'email');
    expect(machines).toHaveLength(4);
    for (const s of machines) {
      expect(s.FilterPolicy).toBeUndefined();
      expect(s.RawMessageDelivery).toBeUndefined();
    }
    expect(subscriptions.find((s) => s.Protocol === 'email').FilterPolicy).toEqual({ baseline_message_type: ['notification'] });
  });

  test('the endpoints: the URLs, the queue ARN, the function ARN', () => {
    expect(subscriptions.filter((s) => s.Protocol === 'https').map((s) => s.Endpoint))
      .toEqual(['https://events.pagerduty.com/integration/abc/enqueue', 'https://relay.example.com/sns']);
    expect(subscriptions.find((s) => s.Protocol === 'sqs').Endpoint).toEqual({ 'Fn::GetAtt': [queueRef, 'Arn'] });
    expect(subscriptions.find((s) => s.Protocol === 'lambda').Endpoint).toEqual({ 'Fn::GetAtt': [fnRef, 'Arn'] });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnRef, 'Arn'] }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: id(notifications.topic) },
    });
    expect(warnings(stack)).toEqual([]);
  });

  test.each([
    ['http://relay.example.com/sns'],
    ['ftp://relay.example.com'],
    ['relay.example.com/sns'],
    ['https://'],
    ['https://relay example.com'],
  ])('httpsEndpoints %j is an error naming its index', (url) => {
    const make = () => synth(() => ({ httpsEndpoints: ['https://ok.example.com/', url] }));
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(/^AlarmNotificationsProps\.httpsEndpoints\[1\]: must be an https:\/\/ URL/);
  });
});

describe('chat webhooks', () => {
  const refs: Record<string, string> = {};
  const { template, stack, id, notifications } = synth((s) => {
    const key = new Key(s, 'SecretKey');
    const own = new Secret(s, 'SlackSecret', { encryptionKey: key });
    refs.own = s.getLogicalId(own.node.defaultChild as any);
    refs.key = s.getLogicalId(key.node.defaultChild as any);
    return {
      chatWebhooks: [
        ChatWebhook.slack(own),
        ChatWebhook.microsoftTeams(Secret.fromSecretNameV2(s, 'Teams', 'chat/teams')),
        ChatWebhook.generic(Secret.fromSecretCompleteArn(s, 'Generic', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:chat/relay-AbCdEf`)),
      ],
    };
  });
  const fn = only(template, 'AWS::Lambda::Function');
  const statements = statementsOf(only(template, 'AWS::IAM::ManagedPolicy'));

  test('CHAT_WEBHOOKS: a JSON array of { kind, secretArn }', () => {
    expect(JSON.parse(text(fn.Properties.Environment.Variables.CHAT_WEBHOOKS))).toEqual([
      { kind: 'slack', secretArn: `<${refs.own}>` },
      { kind: 'teams', secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:chat/teams` },
      { kind: 'generic', secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:chat/relay-AbCdEf` },
    ]);
  });

  test('GetSecretValue on exactly these secrets, in the managed policy', () => {
    const read = statements.filter((s) => JSON.stringify(s.Action).includes('secretsmanager:'));
    expect(read).toHaveLength(1);
    expect(read[0]).toEqual(expect.objectContaining({ Sid: 'ReadChatWebhookSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue' }));
    expect(read[0].Resource.map(text)).toEqual([
      `<${refs.own}>`,
      `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:chat/teams-??????`,
      `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:chat/relay-AbCdEf`,
    ]);
  });

  test('kms:Decrypt on the secret\'s customer managed key, through Secrets Manager only', () => {
    expect(statements.find((s) => s.Sid === 'DecryptChatWebhookSecrets')).toEqual({
      Sid: 'DecryptChatWebhookSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::GetAtt': [refs.key, 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
    });
  });

  test('no inline policy, no grant on the secrets or their key from elsewhere', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const role = template.findResources('AWS::IAM::Role')[fn.Properties.Role['Fn::GetAtt'][0]];
    expect(role.Properties.Policies).toBeUndefined();
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
    const keyPolicy = JSON.stringify(template.findResources('AWS::KMS::Key')[refs.key].Properties.KeyPolicy);
    expect(keyPolicy).not.toContain(id(notifications.notifier!));
  });

  test('no webhook URL and no secret value in the template', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('resolve:secretsmanager');
    expect(json).not.toMatch(/hooks\.slack\.com|webhook\.office\.com/);
    expect(warnings(stack)).toEqual([]);
  });

  test('without chat webhooks: no CHAT_WEBHOOKS and no Secrets Manager statement', () => {
    const other = synth(() => ({}));
    const f = only(other.template, 'AWS::Lambda::Function');
    expect(f.Properties.Environment.Variables.CHAT_WEBHOOKS).toBeUndefined();
    expect(JSON.stringify(statementsOf(only(other.template, 'AWS::IAM::ManagedPolicy')))).not.toContain('secretsmanager');
  });

  test.each([['chatWebhooks'], ['maxEventsPerNotification']])('%s with notifier: false is an error', (prop) => {
    const value = prop === 'chatWebhooks' ? [] : 5;
    expect(() => synth(() => ({ notifier: false, [prop]: value })))
      .toThrow(new RegExp(`^AlarmNotificationsProps\\.${prop}: needs the notifier`));
  });
});

describe('ChatWebhook.format (issue 17 §2: a typed format instead of the string kind)', () => {
  test('each factory sets its ChatWebhookFormat; the deprecated kind is its string value', () => {
    const stack = new Stack();
    const secret = Secret.fromSecretNameV2(stack, 'Secret', 'chat/security-alerts');
    expect([ChatWebhook.slack(secret), ChatWebhook.microsoftTeams(secret), ChatWebhook.generic(secret)].map((w) => [w.format, w.kind]))
      .toEqual([[ChatWebhookFormat.SLACK, 'slack'], [ChatWebhookFormat.MICROSOFT_TEAMS, 'teams'], [ChatWebhookFormat.GENERIC, 'generic']]);
  });
});

describe('ChatWebhook routed per detection and per severity (one notifier, several channels)', () => {
  test('CHAT_WEBHOOKS carries each webhook\'s metric names and severities; a webhook without options has neither', () => {
    const { template } = synth((s) => ({
      chatWebhooks: [
        ChatWebhook.slack(Secret.fromSecretNameV2(s, 'Paging', 'chat/paging'), { detections: [Detections.rootUserUsage(), Detections.rootUserUsage()] }),
        ChatWebhook.microsoftTeams(Secret.fromSecretNameV2(s, 'Team', 'chat/team'), { severities: [DetectionSeverity.HIGH, DetectionSeverity.MEDIUM] }),
        ChatWebhook.generic(Secret.fromSecretNameV2(s, 'All', 'chat/all')),
      ],
    }));
    const env = JSON.parse(text(only(template, 'AWS::Lambda::Function').Properties.Environment.Variables.CHAT_WEBHOOKS));
    expect(env).toEqual([
      { kind: 'slack', secretArn: expect.stringContaining('chat/paging'), metricNames: [Detections.rootUserUsage().metricName] },
      { kind: 'teams', secretArn: expect.stringContaining('chat/team'), severities: ['HIGH', 'MEDIUM'] },
      { kind: 'generic', secretArn: expect.stringContaining('chat/all') },
    ]);
  });

  test.each([
    ['no detection and no severity', { detections: [], severities: [] }, /^ChatWebhook\.slack\(\)\.options: names no detection and no severity/],
    ['an empty detection list', { detections: [] }, /^ChatWebhook\.slack\(\)\.options: names no detection/],
    ['a severity that is not one', { severities: ['URGENT'] }, /^ChatWebhook\.slack\(\)\.options\.severities\[0\]: must be a DetectionSeverity \(got 'URGENT'\): one of CRITICAL, HIGH, MEDIUM, LOW/],
    ['a detection given by its ID', { detections: ['CloudWatch.1'] }, /^ChatWebhook\.slack\(\)\.options\.detections\[0\]: must be a Detection \(from Detections/],
    ['a misspelt option', { severity: ['HIGH'] }, /^ChatWebhook\.slack\(\)\.options\.severity: is not a property of ChatWebhook\.slack\(\)\.options, so it would be ignored \(the properties are: detections, severities\)/],
  ])('%s is refused at synth, naming the option', (_, options, message) => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: REGION } });
    const secret = Secret.fromSecretNameV2(stack, 'Secret', 'chat/x');
    expect(() => ChatWebhook.slack(secret, options as any)).toThrow(message);
  });
});
