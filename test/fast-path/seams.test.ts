/**
 * The seams `DetectionFastPath` and `BaselineMonitoring` use instead of reaching into other
 * constructs: `IAlarmNotifications.ruleTargetFor(detection)` and `IDetectionAlarms`. Own
 * implementations are used as they are.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Alarm, IAlarm, IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AlarmNotifications, IAlarmNotifications } from '../../lib/alarm-actions';
import { Detection, Detections, IDetectionAlarms } from '../../lib/detections';
import { DetectionFastPath } from '../../lib/fast-path';
import { BaselineMonitoring } from '../../lib/monitoring';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** An own IAlarmNotifications: a topic and a queue, the queue as every rule's target. */
function ownNotifications(stack: Stack) {
  const topic = new Topic(stack, 'OwnTopic');
  const deadLetterQueue = new Queue(stack, 'OwnDeadLetters');
  const target = new Queue(stack, 'OwnTarget');
  const asked: Detection[] = [];
  const action: IAlarmAction = new SnsAction(topic);
  const notifications: IAlarmNotifications = {
    topic,
    deadLetterQueue,
    alarmActions: [action],
    ruleTargetFor: (detection) => {
      asked.push(detection);
      return new SqsQueue(target);
    },
  };
  return { notifications, asked, target, deadLetterQueue, action };
}

describe('IAlarmNotifications.ruleTargetFor: the fast path asks, it does not build the targets', () => {
  test('an own implementation: each rule gets the target it returns, once per detection', () => {
    const stack = newStack();
    const own = ownNotifications(stack);
    const detections = [Detections.rootUserUsage(), Detections.kmsKeyDisableOrDeletion()];
    new DetectionFastPath(stack, 'FastPath', { detections, notifications: own.notifications });
    expect(own.asked.map((d) => d.id)).toEqual(['CloudWatch.1', 'CloudWatch.7']);
    const rules = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toHaveLength(1);
      expect(rule.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(own.target.node.defaultChild as any), 'Arn'] });
    }
    // No key of its own to change: the fast path adds no key policy.
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });

  test('AlarmNotifications.ruleTargetFor: the notifier with the detection, and EventBridge may use the key (one statement however often asked)', () => {
    const stack = newStack();
    const notifications = new AlarmNotifications(stack, 'Notifications');
    notifications.ruleTargetFor(Detections.rootUserUsage());
    notifications.ruleTargetFor(Detections.consoleSignInWithoutMfa());
    const [key] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    const sids = key.Properties.KeyPolicy.Statement.map((s: any) => s.Sid).filter((s: string) => s === 'AllowEventBridgeToUseTheKey');
    expect(sids).toHaveLength(1);
    const without = new AlarmNotifications(newStack(), 'Notifications', { notifier: false });
    expect(without.ruleTargetFor(Detections.rootUserUsage()).constructor.name).toBe('AlarmTopicRuleTarget');
  });
});

describe('IDetectionAlarms and IAlarmNotifications in BaselineMonitoring', () => {
  test('own implementations: the dashboard shows their detections, the dead-letter alarm watches their queue', () => {
    const stack = newStack();
    const own = ownNotifications(stack);
    const detection = Detections.rootUserUsage();
    const alarm: IAlarm = new Alarm(stack, 'OwnAlarm', {
      metric: new Topic(stack, 'MetricSource').metricNumberOfMessagesPublished(), threshold: 1, evaluationPeriods: 1,
    });
    const detectionAlarms: IDetectionAlarms = {
      detectionIds: [detection.id],
      alarms: () => [alarm],
      detectionFor: () => detection,
      alarmFor: () => alarm,
    };
    new BaselineMonitoring(stack, 'Monitoring', {
      trailLogGroup: new LogGroup(stack, 'TrailLogGroup'),
      notifications: own.notifications,
      detectionAlarms,
    });
    const template = Template.fromStack(stack);
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('CloudWatch.1 Root user activity (CRITICAL)');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const deadLetters = alarms.find((a) => a.Dimensions?.[0]?.Name === 'QueueName');
    expect(deadLetters?.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(own.deadLetterQueue.node.defaultChild as any), 'QueueName'] });
    expect(deadLetters?.AlarmActions).toHaveLength(1);
  });
});

describe('Detection._fastPath: the fast path asks the detection', () => {
  test('a detection built with the catalog text has it, whoever built it; another text has none', () => {
    const catalog = Detections.rootUserUsage();
    const props = {
      id: catalog.id, title: catalog.title, metricName: catalog.metricName, severity: catalog.severity, description: catalog.description,
    };
    expect(Detection.custom({ ...props, filterPattern: catalog.filterPattern })._fastPath).toBe(catalog._fastPath);
    expect(catalog._fastPath?.readOnlyManagementEvents).toBe(true);
    expect(DetectionFastPath.supports(Detection.custom({ ...props, filterPattern: '{ $.userIdentity.type = "Root" }' }))).toBe(false);
    expect(Detections.unauthorizedApiCalls()._fastPath).toBeUndefined();
  });
});
