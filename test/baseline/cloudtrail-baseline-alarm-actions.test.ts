/**
 * `CloudTrailBaseline` pass-through of the alarm actions in depth: routes per severity and per
 * detection, notification options, the notifier's access to the trail log group, and monitoring.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ChatWebhook } from '../../lib/alarm-actions';
import { CloudTrailBaseline, CloudTrailBaselineProps } from '../../lib/baseline';
import { Detections, DetectionSeverity } from '../../lib/detections';

function build(props: (stack: Stack) => CloudTrailBaselineProps = () => ({})) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const baseline = new CloudTrailBaseline(stack, 'Baseline', props(stack));
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  return { stack, baseline, id, template: Template.fromStack(stack) };
}

const alarmByName = (template: Template, name: string) => {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
};
const detectionAlarm = (template: Template, detectionId: string) => {
  const d = Detections.cisAwsFoundations().find((x) => x.id === detectionId)!;
  return alarmByName(template, `cloudtrail-baseline-${d.id}-${d.metricName}`);
};

describe('routes per severity and per detection', () => {
  let paging: Topic | undefined;
  let network: Topic | undefined;
  const { baseline, id, template } = build((s) => {
    paging = new Topic(s, 'Paging');
    network = new Topic(s, 'Network');
    return {
      notificationEmails: ['security@example.com'],
      severityAlarmActions: { critical: [new SnsAction(paging)] },
      detectionAlarmActions: [{ detectionId: 'CloudWatch.10', alarmActions: [new SnsAction(network), new SnsAction(paging)] }],
    };
  });
  const defaults = () => [{ Ref: id(baseline.notifications.topic) }, { 'Fn::GetAtt': [id(baseline.notifications.notifier!), 'Arn'] }];

  test('critical detections go to the paging topic only', () => {
    const critical = Detections.cisAwsFoundations().filter((d) => d.severity === DetectionSeverity.CRITICAL);
    expect(critical.map((d) => d.id)).toEqual(['CloudWatch.1']);
    expect(detectionAlarm(template, 'CloudWatch.1').AlarmActions).toEqual([{ Ref: id(paging!) }]);
    expect(detectionAlarm(template, 'CloudWatch.1').OKActions).toEqual([{ Ref: id(paging!) }]);
  });

  test('a detection route wins over the severity and the defaults', () => {
    expect(detectionAlarm(template, 'CloudWatch.10').AlarmActions).toEqual([{ Ref: id(network!) }, { Ref: id(paging!) }]);
  });

  test('the rest keep the topic (email) and the notifier', () => {
    for (const d of Detections.cisAwsFoundations().filter((x) => !['CloudWatch.1', 'CloudWatch.10'].includes(x.id))) {
      expect(detectionAlarm(template, d.id).AlarmActions).toEqual(defaults());
    }
  });

  test('an unknown detection ID fails synth naming the property', () => {
    expect(() => build(() => ({ detectionAlarmActions: [{ detectionId: 'CloudWatch.42', alarmActions: [] }] })))
      .toThrow(/DetectionAlarmsProps\.detectionAlarmActions: 'CloudWatch\.42' has no alarm here/);
  });
});

describe('notification options', () => {
  const { stack, baseline, id, template } = build((s) => ({
    notificationOptions: {
      httpsEndpoints: ['https://events.example.com/sns'],
      chatWebhooks: [ChatWebhook.slack(Secret.fromSecretNameV2(s, 'Slack', 'chat/slack'))],
      maxEventsPerNotification: 20,
    },
  }));
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];

  test('reach AlarmNotifications: the HTTPS subscription, CHAT_WEBHOOKS and MAX_EVENTS', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://events.example.com/sns' });
    expect(fn.Properties.Environment.Variables.MAX_EVENTS).toBe('20');
    expect(JSON.stringify(fn.Properties.Environment.Variables.CHAT_WEBHOOKS)).toContain('secret:chat/slack');
  });

  test('the notifier reads the trail log group (and no other) and knows its name', () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Description: Match.stringLikeRegexp('^Alarm notifier') },
    }));
    const read = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'ReadCloudTrailEvents');
    expect(read).toEqual({
      Sid: 'ReadCloudTrailEvents',
      Effect: 'Allow',
      Action: ['logs:DescribeMetricFilters', 'logs:FilterLogEvents'],
      Resource: { 'Fn::GetAtt': [id(baseline.trail.logGroup), 'Arn'] },
    });
    expect(fn.Properties.Environment.Variables.LOG_GROUP_NAME).toEqual({ Ref: id(baseline.trail.logGroup) });
  });

  test('an HTTPS subscriber is a subscriber: no "nobody is told" warning', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('noAlarmSubscriber|no subscriber'))).toEqual([]);
  });

  test('chat webhooks alone are not topic subscribers: the warning stays', () => {
    const other = build((s) => ({ notificationOptions: { chatWebhooks: [ChatWebhook.generic(Secret.fromSecretNameV2(s, 'G', 'chat/g'))] } }));
    expect(Annotations.fromStack(other.stack).findWarning('/Stack/Baseline', Match.stringLikeRegexp('chat webhooks are not topic subscribers'))).toHaveLength(1);
  });

  test('an existing topic: no warning (its subscribers are managed elsewhere), and it is the alarm action', () => {
    let topic: Topic | undefined;
    const other = build((s) => ({ notificationOptions: { topic: (topic = new Topic(s, 'Mine')) } }));
    expect(Annotations.fromStack(other.stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(detectionAlarm(other.template, 'CloudWatch.2').AlarmActions[0]).toEqual({ Ref: other.id(topic!) });
  });

  test.each([
    [{ notificationEmails: ['a@example.com'], notificationOptions: { emailAddresses: ['b@example.com'] } }, 'notificationEmails', 'emailAddresses'],
    [{ notifier: false, notificationOptions: { notifier: true } }, 'notifier', 'notifier'],
  ])('a shortcut and its option together are an error (%#)', (props, shortcut, option) => {
    expect(() => build(() => props as CloudTrailBaselineProps))
      .toThrow(new RegExp(`^CloudTrailBaselineProps\\.${shortcut}: must not be combined with CloudTrailBaselineProps\\.notificationOptions\\.${option}`));
  });

  test('notificationOptions.emailAddresses subscribes like notificationEmails', () => {
    const other = build(() => ({ notificationOptions: { emailAddresses: ['b@example.com'] } }));
    other.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'b@example.com', FilterPolicy: { baseline_message_type: ['notification'] } });
  });
});

describe('monitoring', () => {
  const { baseline, id, template } = build(() => ({ notificationEmails: ['a@example.com'], heartbeatWindow: Duration.hours(2) }));

  test('on by default: heartbeat on the trail log group, with the window given', () => {
    expect(baseline.monitoring).toBeDefined();
    expect(alarmByName(template, 'cloudtrail-baseline-TrailHeartbeat')).toEqual(expect.objectContaining({
      Dimensions: [{ Name: 'LogGroupName', Value: { Ref: id(baseline.trail.logGroup) } }],
      EvaluationPeriods: 24,
      TreatMissingData: 'breaching',
    }));
  });

  test('the notifier-errors alarm goes to the topic only; the others to the topic and the notifier', () => {
    const topic = { Ref: id(baseline.notifications.topic) };
    expect(alarmByName(template, 'cloudtrail-baseline-NotifierErrors').AlarmActions).toEqual([topic]);
    expect(alarmByName(template, 'cloudtrail-baseline-NotifierDeadLetters').AlarmActions)
      .toEqual([topic, { 'Fn::GetAtt': [id(baseline.notifications.notifier!), 'Arn'] }]);
  });

  test('one dashboard with a widget per detection', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const alarm of baseline.detections.alarms()) {
      expect(body.split(`"${id(alarm as any)}","Arn"`).length - 1).toBe(2); // its graph and the status widget
    }
  });

  test('monitoring: false leaves out the alarms and the dashboard; heartbeatWindow then is an error', () => {
    const off = build(() => ({ monitoring: false, notificationEmails: ['a@example.com'] }));
    expect(off.baseline.monitoring).toBeUndefined();
    off.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    // The 15 detection alarms and the digest validator's three (digestValidation is separate).
    off.template.resourceCountIs('AWS::CloudWatch::Alarm', 18);
    expect(() => build(() => ({ monitoring: false, heartbeatWindow: Duration.hours(1) })))
      .toThrow(/^CloudTrailBaselineProps\.heartbeatWindow: needs the monitoring/);
  });

  test('alarmNamePrefix applies to the monitoring alarms', () => {
    const other = build(() => ({ alarmNamePrefix: 'second-', detections: [Detections.rootUserUsage()] }));
    expect(alarmByName(other.template, 'second-TrailHeartbeat')).toBeDefined();
  });
});
