/**
 * `BaselineMonitoring`: the heartbeat of the trail's log group, the notifier-errors and
 * dead-letter alarms (and where they send), and the dashboard.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AlarmNotifications, AlarmNotificationsProps } from '../../lib/alarm-actions';
import { Detection, DetectionAlarms, DetectionSeverity } from '../../lib/detections';
import { BaselineMonitoring, BaselineMonitoringProps } from '../../lib/monitoring';
import { CloudTrailBaselineError } from '../../lib/private/errors';

interface Options {
  readonly notifications?: AlarmNotificationsProps | false;
  readonly detections?: boolean;
  readonly monitoring?: (stack: Stack) => Partial<BaselineMonitoringProps>;
}

function build(options: Options = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const logGroup = new LogGroup(stack, 'TrailLogGroup');
  const notifications = options.notifications === false ? undefined : new AlarmNotifications(stack, 'Notifications', options.notifications);
  const detections = options.detections === false ? undefined
    : new DetectionAlarms(stack, 'Detections', { logGroup, alarmActions: notifications?.alarmActions });
  const monitoring = new BaselineMonitoring(stack, 'Monitoring', {
    trailLogGroup: logGroup, notifications, detectionAlarms: detections, ...options.monitoring?.(stack),
  });
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  return { stack, logGroup, notifications, detections, monitoring, id };
}

const alarmsOf = (stack: Stack) => Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
const alarmNamed = (stack: Stack, name: string) => {
  const found = Object.values(alarmsOf(stack)).filter((a) => a.Properties.AlarmName === name);
  expect(found).toHaveLength(1);
  return found[0].Properties;
};

/** A CloudFormation value as text: `Fn::Join` joined, `Ref`/`Fn::GetAtt` as `<id>`/`<id.attr>`. */
function text(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref) return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  const [sep, parts] = value['Fn::Join'];
  return parts.map(text).join(sep);
}
const dashboardOf = (stack: Stack): { widgets: any[] } => {
  const [dashboard] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
  return JSON.parse(text(dashboard.Properties.DashboardBody));
};

describe('the heartbeat alarm', () => {
  const { stack, id, logGroup, notifications } = build();
  const alarm = alarmNamed(stack, 'cloudtrail-baseline-TrailHeartbeat');

  test('AWS/Logs IncomingLogEvents of the trail log group, Sum < 1 in each of 12 five-minute periods', () => {
    expect(alarm).toEqual(expect.objectContaining({
      Namespace: 'AWS/Logs',
      MetricName: 'IncomingLogEvents',
      Dimensions: [{ Name: 'LogGroupName', Value: { Ref: id(logGroup) } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 12,
      DatapointsToAlarm: 12,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      ActionsEnabled: true,
    }));
  });

  test('missing data is breaching: a stopped trail sends nothing', () => {
    expect(alarm.TreatMissingData).toBe('breaching');
  });

  test('it notifies the topic and the notifier on ALARM and OK', () => {
    const actions = [{ Ref: id(notifications!.topic) }, { 'Fn::GetAtt': [id(notifications!.notifier!), 'Arn'] }];
    expect(alarm.AlarmActions).toEqual(actions);
    expect(alarm.OKActions).toEqual(actions);
    expect(alarm.AlarmDescription).toMatch(/^Trail heartbeat \(severity HIGH\)\. No CloudTrail event reached the trail's log group for 1 hour/);
  });

  test.each([
    [Duration.minutes(5), 1],
    [Duration.minutes(30), 6],
    [Duration.hours(6), 72],
    [Duration.hours(24), 288],
  ])('heartbeatWindow %s: %d periods of 300 s, all breaching to alarm', (heartbeatWindow, periods) => {
    const other = build({ detections: false, monitoring: () => ({ heartbeatWindow }) });
    expect(alarmNamed(other.stack, 'cloudtrail-baseline-TrailHeartbeat')).toEqual(expect.objectContaining({
      Period: 300, EvaluationPeriods: periods, DatapointsToAlarm: periods,
    }));
  });

  test.each([
    [Duration.minutes(0)], [Duration.minutes(4)], [Duration.minutes(7)], [Duration.seconds(301)],
    [Duration.hours(25)], [Duration.days(2)], [Duration.millis(300_500)],
  ])('heartbeatWindow %s is an error naming the property', (heartbeatWindow) => {
    const make = () => build({ detections: false, monitoring: () => ({ heartbeatWindow }) });
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(/^BaselineMonitoringProps\.heartbeatWindow: must be a whole multiple of 5 minutes, from 5 minutes to 24 hours/);
  });
});

describe('the notifier-errors and dead-letter alarms', () => {
  let extra: Topic | undefined;
  const { stack, id, notifications } = build({
    monitoring: (s) => {
      extra = new Topic(s, 'Extra');
      const n = s.node.findChild('Notifications') as AlarmNotifications;
      return { alarmActions: [...n.alarmActions, new SnsAction(extra)] };
    },
  });
  const topic = { Ref: id(notifications!.topic) };
  const notifier = { 'Fn::GetAtt': [id(notifications!.notifier!), 'Arn'] };

  test('notifier errors: AWS/Lambda Errors of the notifier, Sum >= 1 in 5 minutes, missing data not breaching', () => {
    expect(alarmNamed(stack, 'cloudtrail-baseline-NotifierErrors')).toEqual(expect.objectContaining({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: id(notifications!.notifier!) } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    }));
  });

  test('notifier errors go everywhere except to the notifier itself', () => {
    const alarm = alarmNamed(stack, 'cloudtrail-baseline-NotifierErrors');
    const expected = [topic, { Ref: id(extra!) }];
    expect(alarm.AlarmActions).toEqual(expected);
    expect(alarm.OKActions).toEqual(expected);
    expect(JSON.stringify([alarm.AlarmActions, alarm.OKActions])).not.toContain(id(notifications!.notifier!));
  });

  test('no invoke permission of the notifier for the notifier-errors alarm', () => {
    const permissions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Permission'));
    const errorsAlarmId = Object.entries(alarmsOf(stack)).find(([, a]) => a.Properties.AlarmName === 'cloudtrail-baseline-NotifierErrors')![0];
    expect(permissions.map((p) => p.Properties.SourceArn?.['Fn::GetAtt']?.[0])).not.toContain(errorsAlarmId);
    // 15 detections + heartbeat + dead letters.
    expect(permissions).toHaveLength(17);
  });

  test('dead letters: AWS/SQS ApproximateNumberOfMessagesVisible of the queue, Maximum >= 1, to every action', () => {
    const alarm = alarmNamed(stack, 'cloudtrail-baseline-NotifierDeadLetters');
    expect(alarm).toEqual(expect.objectContaining({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id(notifications!.deadLetterQueue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    }));
    expect(alarm.AlarmActions).toEqual([topic, notifier, { Ref: id(extra!) }]);
  });

  test('without the notifier: no notifier-errors alarm, the dead-letter alarm stays', () => {
    const other = build({ notifications: { notifier: false } });
    const names = Object.values(alarmsOf(other.stack)).map((a) => a.Properties.AlarmName);
    expect(names).toContain('cloudtrail-baseline-NotifierDeadLetters');
    expect(names).not.toContain('cloudtrail-baseline-NotifierErrors');
    expect(other.monitoring.notifierErrorsAlarm).toBeUndefined();
    expect(other.monitoring.alarms()).toHaveLength(2);
  });

  test('without notifications or actions: the heartbeat only, with a warning', () => {
    const other = build({ notifications: false, detections: false });
    expect(Object.values(alarmsOf(other.stack)).map((a) => a.Properties.AlarmName)).toEqual(['cloudtrail-baseline-TrailHeartbeat']);
    expect(Annotations.fromStack(other.stack).findWarning('/Stack/Monitoring', Match.stringLikeRegexp('BaselineMonitoringProps.alarmActions is empty'))).toHaveLength(1);
  });

  test('alarmNamePrefix applies to all three; bad prefixes and dashboard names are errors', () => {
    const other = build({ detections: false, monitoring: () => ({ alarmNamePrefix: 'org-', dashboardName: 'cloudtrail-baseline' }) });
    expect(Object.values(alarmsOf(other.stack)).map((a) => a.Properties.AlarmName).sort())
      .toEqual(['org-NotifierDeadLetters', 'org-NotifierErrors', 'org-TrailHeartbeat']);
    Template.fromStack(other.stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'cloudtrail-baseline' });
    expect(() => build({ monitoring: () => ({ alarmNamePrefix: 'a b' }) })).toThrow(/^BaselineMonitoringProps\.alarmNamePrefix:/);
    expect(() => build({ monitoring: () => ({ dashboardName: 'my.dashboard' }) })).toThrow(/^BaselineMonitoringProps\.dashboardName:/);
  });
});

describe('the dashboard', () => {
  const { stack, detections, monitoring, id } = build();
  const late = Detection.custom({
    id: 'Org.Late', title: 'Added later', filterPattern: '{ $.eventName = "Late" }', metricName: 'LateEvents', severity: DetectionSeverity.LOW, description: 'd',
  });
  detections!.addDetection(late);
  const { widgets } = dashboardOf(stack);
  const arn = (alarm: { node: { defaultChild?: unknown } }) => `<${id(alarm)}.Arn>`;
  const alarmWidgets = widgets.filter((w) => w.properties.annotations?.alarms);

  test('one graph per detection, with its alarm, titled with the detection (including one added after the monitoring)', () => {
    for (const detectionId of detections!.detectionIds) {
      const matching = alarmWidgets.filter((w) => w.properties.annotations.alarms.includes(arn(detections!.alarmFor(detectionId) as any)));
      expect({ detectionId, count: matching.length }).toEqual({ detectionId, count: 1 });
      expect(matching[0].properties.title).toMatch(new RegExp(`^${detectionId.replace(/\./g, '\\.')} `));
    }
    expect(detections!.detectionIds).toHaveLength(16);
  });

  test('an alarm status widget of every alarm: monitoring and detections', () => {
    const status = widgets.filter((w) => w.type === 'alarm');
    expect(status).toHaveLength(1);
    const all = [...monitoring.alarms(), ...detections!.alarms()].map((a) => arn(a as any));
    expect(status[0].properties.alarms).toEqual(all);
    expect(all).toHaveLength(19);
  });

  test('the heartbeat, the notifier (invocations, errors, duration) and the dead-letter queue', () => {
    expect(alarmWidgets.filter((w) => w.properties.annotations.alarms.includes(arn(monitoring.heartbeatAlarm as any)))).toHaveLength(1);
    expect(alarmWidgets.filter((w) => w.properties.annotations.alarms.includes(arn(monitoring.deadLetterQueueAlarm as any)))).toHaveLength(1);
    const notifier = widgets.find((w) => w.properties.title === 'Alarm notifier');
    const metrics = notifier.properties.metrics.map((m: any[]) => `${m[0]}/${m[1]}`);
    expect(metrics).toEqual(['AWS/Lambda/Invocations', 'AWS/Lambda/Errors', 'AWS/Lambda/Duration']);
  });

  test('20 widgets (status, 3 health, 16 detections), not added again when the app synthesizes again', () => {
    expect(widgets).toHaveLength(20);
    Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(dashboardOf(stack).widgets).toHaveLength(20);
  });

  test('widgets fit the 24-unit grid', () => {
    expect(widgets.every((w) => w.x + w.width <= 24)).toBe(true);
  });
});
