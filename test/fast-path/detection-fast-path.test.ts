/**
 * `DetectionFastPath` and `CloudTrailBaselineProps.fastPath`: the rules' event patterns in the
 * template are exactly the patterns the equivalence test evaluates (equivalence.test.ts), the
 * targets reach the same alarm actions with least-privilege permissions, and bad input fails at
 * synth time.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AlarmNotifications } from '../../lib/alarm-actions';
import { CloudTrailBaseline } from '../../lib/baseline';
import { Detection, Detections, DetectionSeverity } from '../../lib/detections';
import { FAST_PATH_PATTERNS } from '../../lib/detections/event-patterns';
import { DetectionFastPath } from '../../lib/fast-path';
import { AlarmTopicRuleTarget } from '../../lib/fast-path/alarm-topic-rule-target';

const SUPPORTED = () => [
  Detections.rootUserUsage(), Detections.consoleSignInWithoutMfa(),
  Detections.cloudTrailConfigurationChanges(), Detections.kmsKeyDisableOrDeletion(),
];

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function rulesByDescription(template: Template): Record<string, any> {
  const out: Record<string, any> = {};
  for (const r of Object.values(template.findResources('AWS::Events::Rule'))) {
    // The digest validator's rule (CloudTrailBaseline.digestValidation) is not a detection.
    const id = /\[(CloudWatch\.\d+)/.exec(r.Properties.Description ?? '')?.[1];
    if (id !== undefined) out[id] = r.Properties;
  }
  return out;
}

describe('DetectionFastPath with the notifier', () => {
  const s = stack();
  const notifications = new AlarmNotifications(s, 'Notifications', { emailAddresses: ['sec@example.com'] });
  const fastPath = new DetectionFastPath(s, 'FastPath', { detections: SUPPORTED(), notifications });
  const template = Template.fromStack(s);
  const rules = rulesByDescription(template);

  test('one rule per detection, whose EventPattern is exactly the evaluated pattern', () => {
    expect(Object.keys(rules).sort()).toEqual(['CloudWatch.1', 'CloudWatch.3', 'CloudWatch.5', 'CloudWatch.7']);
    for (const [id, props] of Object.entries(rules)) {
      expect(props.EventPattern).toEqual(FAST_PATH_PATTERNS[id].eventPattern);
    }
    expect(fastPath.rules).toHaveLength(4);
    expect(fastPath.ruleFor('CloudWatch.7')).toBe(fastPath.rules[3]);
  });

  test('the root user rule also receives read-only management events; the others do not need them', () => {
    expect(rules['CloudWatch.1'].State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    for (const id of ['CloudWatch.3', 'CloudWatch.5', 'CloudWatch.7']) expect(rules[id].State).toBe('ENABLED');
  });

  test('targets the notifier with the detection and the record, a retry policy and the dead-letter queue', () => {
    const target = rules['CloudWatch.1'].Targets[0];
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [s.getLogicalId(notifications.notifier!.node.defaultChild as any), 'Arn'] });
    expect(target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [s.getLogicalId(notifications.deadLetterQueue.node.defaultChild as any), 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    expect(target.InputTransformer.InputPathsMap).toMatchObject({ detail: '$.detail', account: '$.account', region: '$.region' });
    const inputTemplate = target.InputTransformer.InputTemplate as string;
    expect(inputTemplate).toContain('"baselineFastPath":{"detectionId":"CloudWatch.1","title":"Root user activity","severity":"CRITICAL"');
    expect(inputTemplate).toContain('"detail":<detail>');
  });

  test('only its rules may invoke the notifier and write to the dead-letter queue; EventBridge may use the key', () => {
    const ruleArns = fastPath.rules.map((r) => ({ 'Fn::GetAtt': [s.getLogicalId(r.node.defaultChild as any), 'Arn'] }));
    const eventPermissions = Object.values(template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'events.amazonaws.com' } }));
    expect(eventPermissions.map((p) => p.Properties.SourceArn)).toEqual(expect.arrayContaining(ruleArns));
    expect(eventPermissions).toHaveLength(4);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [s.getLogicalId(fastPath.rules[0].node.defaultChild as any), 'Arn'] } } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowEventBridgeToUseTheKey', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        })]),
      },
    });
  });
});

describe('DetectionFastPath without the notifier: the topic, with a readable message', () => {
  const s = stack();
  const notifications = new AlarmNotifications(s, 'Notifications', { notifier: false, emailAddresses: ['sec@example.com'] });
  const fastPath = new DetectionFastPath(s, 'FastPath', { detections: [Detections.kmsKeyDisableOrDeletion()], notifications });
  const template = Template.fromStack(s);
  const ruleArn = { 'Fn::GetAtt': [s.getLogicalId(fastPath.rules[0].node.defaultChild as any), 'Arn'] };

  test('publishes an input-transformed text to the topic', () => {
    const target = rulesByDescription(template)['CloudWatch.7'].Targets[0];
    expect(target.Arn).toEqual({ Ref: s.getLogicalId(notifications.topic.node.defaultChild as any) });
    expect(target.InputTransformer.InputPathsMap).toMatchObject({ 'detail-eventName': '$.detail.eventName', 'detail-userIdentity-arn': '$.detail.userIdentity.arn' });
    expect(target.InputTransformer.InputTemplate).toContain('HIGH: KMS key disabled or scheduled for deletion [CloudWatch.7');
    expect(target.InputTransformer.InputTemplate).toContain('<detail-eventName> (<detail-eventSource>) by <detail-userIdentity-type> <detail-userIdentity-arn>');
    expect(target.DeadLetterConfig).toBeDefined();
  });

  test('the topic policy lets only this rule publish (aws:SourceArn)', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
        })]),
      },
    });
    // No unconditioned grant to EventBridge (what aws-events-targets SnsTopic would add).
    const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as any[])
      .filter((st) => st.Principal?.Service === 'events.amazonaws.com');
    expect(statements.every((st) => st.Condition?.ArnEquals?.['aws:SourceArn'])).toBe(true);
  });
});

describe('DetectionFastPath: own targets, event bus, imported topic', () => {
  test('adds the given targets on the given bus', () => {
    const s = stack();
    const bus = new EventBus(s, 'Bus');
    const queue = new Queue(s, 'Queue');
    new DetectionFastPath(s, 'FastPath', { detections: [Detections.rootUserUsage()], targets: [new SqsQueue(queue)], eventBus: bus });
    Template.fromStack(s).hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: s.getLogicalId(bus.node.defaultChild as any) },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [s.getLogicalId(queue.node.defaultChild as any), 'Arn'] } })],
    });
  });

  test('an imported topic gets a warning with the statement its owner must add', () => {
    const s = stack();
    const topic = Topic.fromTopicArn(s, 'Imported', 'arn:aws:sns:us-east-1:123456789012:alarms');
    new DetectionFastPath(s, 'FastPath', {
      detections: [Detections.rootUserUsage()],
      targets: [new AlarmTopicRuleTarget(topic, { detection: Detections.rootUserUsage() })],
    });
    Annotations.fromStack(s).hasWarning('*', Match.stringLikeRegexp('alarm topic arn:aws:sns:us-east-1:123456789012:alarms is imported.*events.amazonaws.com'));
  });
});

describe('DetectionFastPath: bad input', () => {
  test('an unsupported detection names the prop and lists the supported IDs', () => {
    expect(() => new DetectionFastPath(stack(), 'F', { detections: [Detections.iamPolicyChanges()], targets: [] }))
      .toThrow("DetectionFastPathProps.detections: 'CloudWatch.4' has no EventBridge fast path; supported detection IDs: CloudWatch.1, CloudWatch.3, CloudWatch.5, CloudWatch.7");
  });
  test('a supported ID with another filter pattern is refused: the event pattern is equivalent to the catalog text only', () => {
    const variant = Detection.custom({
      id: 'CloudWatch.3',
      title: 'Sign-in without MFA (CIS v1.4.0 two-clause text)',
      metricName: 'ConsoleSignInWithoutMFA',
      severity: DetectionSeverity.HIGH,
      description: 'Any console sign-in without MFA.',
      filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    });
    expect(DetectionFastPath.supports(variant)).toBe(false);
    expect(DetectionFastPath.supports(Detections.consoleSignInWithoutMfa())).toBe(true);
    expect(() => new DetectionFastPath(stack(), 'F', { detections: [variant], targets: [] }))
      .toThrow(/DetectionFastPathProps.detections: 'CloudWatch.3' has a filter pattern other than the catalog's/);
  });
  test('empty, repeated, no target, unknown ruleFor', () => {
    const s = stack();
    const q = [new SqsQueue(new Queue(s, 'Q'))];
    expect(() => new DetectionFastPath(s, 'A', { detections: [], targets: q })).toThrow(/DetectionFastPathProps.detections: must hold at least one/);
    expect(() => new DetectionFastPath(s, 'B', { detections: [Detections.rootUserUsage(), Detections.rootUserUsage()], targets: q }))
      .toThrow(/'CloudWatch.1' is listed twice/);
    expect(() => new DetectionFastPath(s, 'C', { detections: [Detections.rootUserUsage()] })).toThrow(/DetectionFastPathProps.targets: must hold at least one target/);
    const f = new DetectionFastPath(s, 'D', { detections: [Detections.rootUserUsage()], targets: q });
    expect(() => f.ruleFor('CloudWatch.5')).toThrow(/DetectionFastPath.ruleFor\(detectionId\): 'CloudWatch.5' is not one/);
  });
});

describe('CloudTrailBaselineProps.fastPath', () => {
  function baseline(props: Record<string, unknown>) {
    const s = stack();
    const b = new CloudTrailBaseline(s, 'Baseline', { notificationEmails: ['sec@example.com'], ...props });
    return { s, b, template: Template.fromStack(s) };
  }

  test('off by default: no rule', () => {
    const { b, template } = baseline({});
    expect(b.fastPath).toBeUndefined();
    // Only the digest validator's rule (digest files in the archive), no detection rule.
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'source': ['aws.s3'], 'detail-type': ['Object Created'] } });
    expect(rulesByDescription(template)).toEqual({});
  });

  test('on: a rule for each enabled detection with a fast path, targeting the baseline notifier', () => {
    const { b, s, template } = baseline({ fastPath: true, disabledDetections: ['CloudWatch.3'] });
    expect(Object.keys(rulesByDescription(template)).sort()).toEqual(['CloudWatch.1', 'CloudWatch.5', 'CloudWatch.7']);
    const notifierArn = { 'Fn::GetAtt': [s.getLogicalId(b.notifications.notifier!.node.defaultChild as any), 'Arn'] };
    for (const rule of Object.values(rulesByDescription(template))) expect(rule.Targets[0].Arn).toEqual(notifierArn);
  });

  test('on: a detection given with another filter pattern under a supported ID is left out', () => {
    const variant = Detection.custom({
      id: 'CloudWatch.3',
      title: 'Sign-in without MFA (two-clause)',
      metricName: 'ConsoleSignInWithoutMFA',
      severity: DetectionSeverity.HIGH,
      description: 'Any console sign-in without MFA.',
      filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    });
    const { template } = baseline({ fastPath: true, detections: [Detections.rootUserUsage(), variant] });
    expect(Object.keys(rulesByDescription(template))).toEqual(['CloudWatch.1']);
  });

  test('on, with an organization trail: says that it sees only this account and region', () => {
    const { s } = baseline({ fastPath: true, organizationId: 'o-abcdefghij' });
    Annotations.fromStack(s).hasInfo('*', Match.stringLikeRegexp('fast path sees only the calls made in this account and region'));
  });

  test('on, with no detection that has a fast path: an error naming the prop', () => {
    expect(() => baseline({ fastPath: true, detections: [Detections.iamPolicyChanges()] }))
      .toThrow(/CloudTrailBaselineProps.fastPath: needs at least one enabled detection with a fast path/);
  });
});
