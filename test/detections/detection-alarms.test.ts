/**
 * `DetectionAlarms`: the metric filters and alarms it synthesizes, its checks and its quotas.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Detection, DetectionAlarms, DetectionAlarmsProps, Detections, DetectionSeverity } from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const ENV = { account: '123456789012', region: 'eu-west-1' };

interface Fixture {
  readonly app: App;
  readonly stack: Stack;
  readonly logGroup: LogGroup;
  readonly topic: Topic;
}

function fixture(): Fixture {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  return { app, stack, logGroup: new LogGroup(stack, 'LogGroup'), topic: new Topic(stack, 'Topic') };
}

function synth(props: Partial<DetectionAlarmsProps> = {}, withActions = true) {
  const f = fixture();
  const alarms = new DetectionAlarms(f.stack, 'Detections', {
    logGroup: f.logGroup,
    ...(withActions ? { alarmActions: [new SnsAction(f.topic)] } : {}),
    ...props,
  });
  return { ...f, alarms, template: Template.fromStack(f.stack) };
}

/** A simple custom detection; `pattern` defaults to an exact eventName match. */
function custom(n: number | string, pattern?: string): Detection {
  return Detection.custom({
    id: `Custom.${n}`,
    title: `Custom detection ${n}`,
    filterPattern: pattern ?? `{ $.eventName = "Event${n}" }`,
    metricName: `CustomMetric${n}`,
    severity: DetectionSeverity.LOW,
    description: `Custom detection number ${n}.`,
  });
}

function regexDetection(n: number, regexes = 1): Detection {
  const clauses = Array.from({ length: regexes }, (_, i) => `($.eventName = %^Create${n}x${i}.*%)`);
  return custom(n, `{ ${clauses.join(' || ')} }`);
}

/** Constructs `DetectionAlarms` in a fresh stack each call (for errors asserted more than once). */
function construct(props: Partial<DetectionAlarmsProps>): () => DetectionAlarms {
  return () => {
    const { stack, logGroup } = fixture();
    return new DetectionAlarms(stack, 'Detections', { logGroup, ...props });
  };
}

const byType = (template: Template, type: string) => Object.entries(template.findResources(type));

describe('DetectionAlarms defaults (the 15 CIS / Security Hub detections)', () => {
  const { template, stack, logGroup, topic } = synth();
  const catalog = Detections.cisAwsFoundations();
  const logGroupId = stack.getLogicalId(logGroup.node.defaultChild as any);
  const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as any) };
  const filters = byType(template, 'AWS::Logs::MetricFilter');
  const alarms = byType(template, 'AWS::CloudWatch::Alarm');

  test('one metric filter per filter pattern and one alarm per detection', () => {
    expect(catalog).toHaveLength(15);
    // CloudWatch.13 and CIS.4.15 have one additional filter pattern each, on their metric.
    expect(catalog.filter((d) => d.additionalFilterPatterns.length > 0).map((d) => d.id)).toEqual(['CloudWatch.13', 'CIS.4.15']);
    template.resourceCountIs('AWS::Logs::MetricFilter', 17);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 15);
  });

  test.each(catalog.map((d) => [d.id, d] as const))('%s: filter patterns byte-exact, metric value 1', (_id, detection) => {
    const matching = filters.filter(([, r]) => r.Properties.MetricTransformations[0].MetricName === detection.metricName);
    // Byte-exact: no normalisation, no extra spaces or parentheses; the filterPattern first, then the additional ones.
    expect(matching.map(([, r]) => r.Properties.FilterPattern)).toEqual([detection.filterPattern, ...detection.additionalFilterPatterns]);
    for (const [, filter] of matching) {
      expect(filter.Properties.LogGroupName).toEqual({ Ref: logGroupId });
      expect(filter.Properties.MetricTransformations).toEqual([{ MetricName: detection.metricName, MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }]);
    }
  });

  test('the catalog factories and the synthesized texts agree (spot checks)', () => {
    const patterns = filters.map(([, r]) => r.Properties.FilterPattern);
    expect(patterns).toContain(Detections.rootUserUsage().filterPattern);
    expect(patterns).toContain(Detections.unauthorizedApiCalls().filterPattern);
    expect(patterns).toContain(Detections.organizationsChanges().filterPattern);
    expect(patterns).toContain('{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}');
  });

  test.each(catalog.map((d) => [d.id, d] as const))('%s: CIS alarm settings, name, description, actions', (_id, detection) => {
    const name = `cloudtrail-baseline-${detection.id}-${detection.metricName}`;
    const matching = alarms.filter(([, r]) => r.Properties.AlarmName === name);
    expect(matching).toHaveLength(1);
    const [, alarm] = matching[0];
    expect(alarm.Properties).toEqual(expect.objectContaining({
      MetricName: detection.metricName,
      Namespace: 'CloudTrailMetrics',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ActionsEnabled: true,
      AlarmActions: [topicRef],
      OKActions: [topicRef],
    }));
    const description: string = alarm.Properties.AlarmDescription;
    expect(description.startsWith(detection.title)).toBe(true);
    expect(detection.controlIds.length).toBeGreaterThan(0);
    for (const control of detection.controlIds) expect(description).toContain(control);
    expect(description).toContain(`severity ${detection.severity}`);
    expect(description.length).toBeLessThanOrEqual(1024);
    // The alarm is created after the filters that feed its metric.
    const filterIds = filters.filter(([, r]) => r.Properties.MetricTransformations[0].MetricName === detection.metricName).map(([id]) => id);
    expect(filterIds).toHaveLength(1 + detection.additionalFilterPatterns.length);
    expect([...alarm.DependsOn].sort()).toEqual([...filterIds].sort());
  });

  test('no warning when alarm actions are given', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('DetectionAlarms options', () => {
  test('notifyOnOk: false sets alarm actions only', () => {
    const { template } = synth({ notifyOnOk: false });
    const alarms = byType(template, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(15);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
  });

  test("disabledDetections: ['CloudWatch.2'] leaves out its filter and alarm", () => {
    const { template, alarms } = synth({ disabledDetections: ['CloudWatch.2'] });
    template.resourceCountIs('AWS::Logs::MetricFilter', 16);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 14);
    const patterns = byType(template, 'AWS::Logs::MetricFilter').map(([, r]) => r.Properties.FilterPattern);
    expect(patterns).not.toContain(Detections.unauthorizedApiCalls().filterPattern);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'UnauthorizedAPICalls' }, 0);
    expect(alarms.detectionIds).not.toContain('CloudWatch.2');
    expect(alarms.detectionIds).toHaveLength(14);
  });

  test('an unknown disabled ID is an error naming DetectionAlarmsProps.disabledDetections', () => {
    const make = construct({ disabledDetections: ['CloudWatch.99'] });
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(/^DetectionAlarmsProps\.disabledDetections: 'CloudWatch\.99' is not one of the detections/);
  });

  test('custom detections: through props and addDetection()', () => {
    const { stack, logGroup, topic } = fixture();
    const alarms = new DetectionAlarms(stack, 'Detections', {
      logGroup,
      detections: [...Detections.cisAwsFoundations(), custom(1)],
      alarmActions: [new SnsAction(topic)],
    });
    const accessKeys = Detection.custom({
      id: 'Org.AccessKeyCreated',
      title: 'Access key created',
      filterPattern: '{ ($.eventSource = iam.amazonaws.com) && ($.eventName = "CreateAccessKey") }',
      metricName: 'AccessKeyCreated',
      severity: DetectionSeverity.MEDIUM,
      description: 'A long-lived access key was created.',
      remediation: 'Check who needs it.',
      securityHubControlId: 'Custom.7',
    });
    alarms.addDetection(accessKeys);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::MetricFilter', 19);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 17);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.eventSource = iam.amazonaws.com) && ($.eventName = "CreateAccessKey") }',
      MetricTransformations: [{ MetricName: 'AccessKeyCreated', MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'cloudtrail-baseline-Org.AccessKeyCreated-AccessKeyCreated',
      AlarmDescription: 'Access key created [Custom.7] (severity MEDIUM). A long-lived access key was created. Remediation: Check who needs it.',
    });
    // Without control IDs, no empty brackets.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'cloudtrail-baseline-Custom.1-CustomMetric1',
      AlarmDescription: 'Custom detection 1 (severity LOW). Custom detection number 1.',
    });
    expect(alarms.detectionIds.slice(-2)).toEqual(['Custom.1', 'Org.AccessKeyCreated']);
  });

  test('adding a detection ID twice is an error', () => {
    const { alarms } = synth();
    expect(() => alarms.addDetection(Detections.rootUserUsage())).toThrow(CloudTrailBaselineError);
    expect(() => alarms.addDetection(Detections.rootUserUsage()))
      .toThrow(/^DetectionAlarms\.addDetection\(CloudWatch\.1\): detection IDs must be unique within one log group/);
    const { stack, logGroup } = fixture();
    expect(() => new DetectionAlarms(stack, 'Twice', { logGroup, detections: [custom(1), custom(1)] })).toThrow(/addDetection\(Custom\.1\)/);
  });

  test('a warning when there is no alarm action', () => {
    const { stack } = synth({}, false);
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Detections', Match.stringLikeRegexp('15 of 15 detection alarms have no alarm action \\(CloudWatch\\.1, CloudWatch\\.2, .*CIS\\.4\\.15\\)'));
    expect(warnings).toHaveLength(1);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent(), OKActions: Match.absent() });
  });

  test('metricNamespace and alarmNamePrefix are applied', () => {
    const { template } = synth({ metricNamespace: 'Security/CloudTrail', alarmNamePrefix: 'org-' });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [{ MetricName: 'RootAccountUsage', MetricNamespace: 'Security/CloudTrail', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'org-CloudWatch.1-RootAccountUsage', Namespace: 'Security/CloudTrail', MetricName: 'RootAccountUsage',
    });
  });

  test.each([
    ['AWS/Foo', 'must not start with'],
    ['', 'must be 1-255'],
    [' Leading space', 'must be 1-255'],
    ['Bad*Namespace', 'must be 1-255'],
    ['x'.repeat(256), 'must be 1-255'],
  ])('metricNamespace %j is an error', (metricNamespace, rule) => {
    const make = construct({ metricNamespace });
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(new RegExp(`^DetectionAlarmsProps\\.metricNamespace: .*${rule}`));
  });

  test.each([['has space '], ['slash/'], ['x'.repeat(101)]])('alarmNamePrefix %j is an error', (alarmNamePrefix) => {
    expect(construct({ alarmNamePrefix })).toThrow(/^DetectionAlarmsProps\.alarmNamePrefix: must be at most 100 letters/);
  });
});

describe('CloudWatch Logs quotas (checked at synth)', () => {
  function synthDetections(detections: Detection[]): () => Template {
    const { stack, logGroup, topic } = fixture();
    new DetectionAlarms(stack, 'Detections', { logGroup, detections, alarmActions: [new SnsAction(topic)] });
    return () => Template.fromStack(stack);
  }
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  const QUOTA = 'CloudWatch Logs quota, https://docs\\.aws\\.amazon\\.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl\\.html';

  test('100 metric filters per log group: 100 pass, 101 fail', () => {
    expect(synthDetections(range(100).map((n) => custom(n)))().toJSON()).toBeDefined();
    expect(synthDetections(range(101).map((n) => custom(n))))
      .toThrow(new RegExp(`DetectionAlarmsProps\\.detections \\(and addDetection\\(\\)\\): at most 100 metric filters per log group \\(${QUOTA}\\); got 101`));
  });

  test('5 regex patterns per log group: 5 pass, 6 fail and are listed', () => {
    expect(regexDetection(1)._pattern.regexCount).toBe(1);
    expect(synthDetections(range(5).map((n) => regexDetection(n)))().toJSON()).toBeDefined();
    expect(synthDetections([...Detections.cisAwsFoundations(), ...range(6).map((n) => regexDetection(n))]))
      .toThrow(new RegExp(`at most 5 filter patterns with regular expressions per log group \\(${QUOTA}\\); got 6: Custom\\.1, Custom\\.2, Custom\\.3, Custom\\.4, Custom\\.5, Custom\\.6`));
  });

  test('2 regexes per pattern: 2 pass, 3 fail when the detection is created', () => {
    expect(regexDetection(1, 2)._pattern.regexCount).toBe(2);
    expect(synthDetections([regexDetection(1, 2)])().toJSON()).toBeDefined();
    expect(() => regexDetection(1, 3))
      .toThrow(new RegExp(`DetectionProps\\.filterPattern \\(detection Custom\\.1\\): must hold at most 2 regular expressions \\(%\\.\\.\\.%\\) per filter pattern \\(${QUOTA}\\); got 3`));
  });

  test('other metric filters on the same log group count; those on another log group do not', () => {
    function build(extraRegexFilter: boolean): Stack {
      const { stack, logGroup, topic } = fixture();
      const otherLogGroup = new LogGroup(stack, 'OtherLogGroup');
      for (const n of [1, 2]) {
        new MetricFilter(stack, `Plain${n}`, {
          logGroup, metricNamespace: 'App', metricName: `Plain${n}`, filterPattern: FilterPattern.literal(`{ $.path = %^/admin${n}% }`),
        });
        new MetricFilter(stack, `Elsewhere${n}`, {
          logGroup: otherLogGroup, metricNamespace: 'App', metricName: `Elsewhere${n}`, filterPattern: FilterPattern.literal(`{ $.path = %^/x${n}% }`),
        });
      }
      new DetectionAlarms(stack, 'First', { logGroup, detections: range(2).map((n) => regexDetection(n)), alarmActions: [new SnsAction(topic)] });
      new DetectionAlarms(stack, 'Second', {
        logGroup, detections: [regexDetection(3)], alarmActions: [new SnsAction(topic)], metricNamespace: 'Second',
      });
      if (extraRegexFilter) {
        new MetricFilter(stack, 'Plain3', {
          logGroup, metricNamespace: 'App', metricName: 'Plain3', filterPattern: FilterPattern.literal('%ERROR [0-9]+%'),
        });
      }
      return stack;
    }
    // 2 plain + 2 First + 1 Second = 5 regex patterns on the log group (2 more on the other one): allowed.
    expect(Template.fromStack(build(false)).resourceCountIs('AWS::Logs::MetricFilter', 7)).toBeUndefined();
    // A sixth, from a plain text pattern: refused, by both DetectionAlarms, listing every filter.
    expect(() => Template.fromStack(build(true))).toThrow(/got 6: Custom\.1, Custom\.2, Stack\/Plain1\/Resource, Stack\/Plain2\/Resource, Stack\/Second\/Custom\.3\/MetricFilter\/Resource, Stack\/Plain3\/Resource/);
  });

  test('detections added after construction count too', () => {
    const { stack, logGroup } = fixture();
    const alarms = new DetectionAlarms(stack, 'Detections', { logGroup, detections: range(5).map((n) => regexDetection(n)) });
    alarms.addDetection(regexDetection(6));
    expect(() => Template.fromStack(stack)).toThrow(/got 6/);
  });
});

describe('alarmFor() and metricFor()', () => {
  const { alarms, stack, template } = synth({ disabledDetections: ['CloudWatch.2'] });

  test('alarmFor returns the detection alarm', () => {
    const alarm = alarms.alarmFor('CloudWatch.1');
    const [logicalId] = byType(template, 'AWS::CloudWatch::Alarm')
      .find(([, r]) => r.Properties.AlarmName === 'cloudtrail-baseline-CloudWatch.1-RootAccountUsage')!;
    expect(stack.resolve(alarm.alarmArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
    expect(stack.resolve(alarm.alarmName)).toEqual({ Ref: logicalId });
    expect(alarms.alarmFor('CIS.4.15')).not.toBe(alarm);
  });

  test('metricFor returns the detection metric: Sum over 5 minutes', () => {
    const metric = alarms.metricFor('CloudWatch.3');
    expect(metric.namespace).toBe('CloudTrailMetrics');
    expect(metric.metricName).toBe('ConsoleSignInWithoutMFA');
    expect(metric.statistic).toBe('Sum');
    expect(metric.period.toSeconds()).toBe(Duration.minutes(5).toSeconds());
  });

  test.each([['Nope'], ['CloudWatch.2']])('both throw for %s (unknown or disabled)', (id) => {
    expect(() => alarms.alarmFor(id)).toThrow(CloudTrailBaselineError);
    expect(() => alarms.alarmFor(id)).toThrow(new RegExp(`^DetectionAlarms\\.alarmFor/metricFor/detectionFor\\(${id.replace('.', '\\.')}\\): '${id.replace('.', '\\.')}' has no alarm in .*CloudWatch\\.1, CloudWatch\\.3`));
    expect(() => alarms.metricFor(id)).toThrow(/has no alarm/);
  });
});

describe('names CloudWatch would refuse at deploy time', () => {
  test('an alarm name over 255 characters is refused at synth', () => {
    const long = Detection.custom({
      id: 'Long.1',
      title: 't',
      filterPattern: '{ $.eventName = "X" }',
      metricName: 'M'.repeat(200),
      severity: DetectionSeverity.LOW,
      description: 'd',
    });
    expect(construct({ detections: [long], alarmNamePrefix: 'p'.repeat(60) }))
      .toThrow(/^DetectionAlarms\.addDetection\(Long\.1\): the alarm name .* would be 267 characters; CloudWatch allows 255/);
    expect(construct({ detections: [long], alarmNamePrefix: 'p'.repeat(47) })).not.toThrow();
  });

  test('two detections on one metric name are refused', () => {
    const a = custom(1);
    const b = Detection.custom({
      id: 'Other.1',
      title: 't',
      filterPattern: '{ $.eventName = "Y" }',
      metricName: a.metricName,
      severity: DetectionSeverity.LOW,
      description: 'd',
    });
    expect(construct({ detections: [a, b] }))
      .toThrow(/^DetectionProps\.metricName \(detection Other\.1\): 'CustomMetric1' is already the metric of detection Custom\.1/);
  });
});
