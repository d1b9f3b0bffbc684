/**
 * `DetectionAlarms` alarm routing: per detection > per severity > default, on the synthesized
 * alarms' AlarmActions and OKActions; unknown and duplicate IDs; addDetection() options.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Alarm, IAlarmAction, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaAction, SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import {
  Detection, DetectionAlarms, DetectionAlarmsProps, Detections, DetectionSeverity,
} from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

function fixture() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const topic = (name: string) => new Topic(stack, name);
  const topics = { all: topic('All'), critical: topic('Critical'), high: topic('High'), root: topic('Root') };
  const pager = new Function(stack, 'Pager', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  const ref = (c: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(c.node.defaultChild as any) });
  const refs = {
    all: ref(topics.all),
    critical: ref(topics.critical),
    high: ref(topics.high),
    root: ref(topics.root),
    pager: { 'Fn::GetAtt': [stack.getLogicalId(pager.node.defaultChild as any), 'Arn'] },
  };
  const make = (props: Partial<DetectionAlarmsProps>) => new DetectionAlarms(stack, 'Detections', { logGroup: new LogGroup(stack, 'LogGroup'), ...props });
  return { stack, topics, pager, refs, make };
}

/** The AlarmActions and OKActions of each alarm, by detection ID (from `<prefix><id>-<metric>`). */
function actionsById(stack: Stack): Record<string, { alarm: any; ok: any }> {
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
  return Object.fromEntries(alarms.map((a) => {
    const id = (a.Properties.AlarmName as string).replace(/^cloudtrail-baseline-/, '').replace(/-[^-]+$/, '');
    return [id, { alarm: a.Properties.AlarmActions, ok: a.Properties.OKActions }];
  }));
}

const catalog = Detections.cisAwsFoundations();
const custom = (id: string, severity: DetectionSeverity) => Detection.custom({
  id, title: id, filterPattern: `{ $.eventName = "${id}" }`, metricName: `${id.replace('.', '')}Events`, severity, description: 'd',
});

describe('precedence: detection > severity > default', () => {
  const { stack, topics, pager, refs, make } = fixture();
  make({
    alarmActions: [new SnsAction(topics.all)],
    severityAlarmActions: {
      critical: [new SnsAction(topics.critical)],
      high: [new SnsAction(topics.high), new LambdaAction(pager, { useUniquePermissionId: true })],
    },
    detectionAlarmActions: [
      { detectionId: 'CloudWatch.1', alarmActions: [new SnsAction(topics.root), new LambdaAction(pager, { useUniquePermissionId: true })] },
      { detectionId: 'CloudWatch.11', alarmActions: [new SnsAction(topics.critical)] },
    ],
  });
  const actual = actionsById(stack);
  const expected = (id: string, severity: DetectionSeverity) => {
    if (id === 'CloudWatch.1') return [refs.root, refs.pager];
    if (id === 'CloudWatch.11') return [refs.critical];
    if (severity === DetectionSeverity.CRITICAL) return [refs.critical];
    if (severity === DetectionSeverity.HIGH) return [refs.high, refs.pager];
    return [refs.all];
  };

  test.each(catalog.map((d) => [d.id, d.severity] as const))('%s (%s): AlarmActions and OKActions follow the route', (id, severity) => {
    expect(actual[id]).toEqual({ alarm: expected(id, severity), ok: expected(id, severity) });
  });

  test('the routes cover each level at least once (the table above is not trivial)', () => {
    const routes = catalog.map((d) => JSON.stringify(expected(d.id, d.severity)));
    expect(new Set(routes).size).toBe(4);
    expect(routes.filter((r) => r === JSON.stringify([refs.all])).length).toBeGreaterThan(0);
  });

  test('one Lambda permission per alarm that invokes the shared function', () => {
    const template = Template.fromStack(stack);
    const invoking = catalog.filter((d) => JSON.stringify(expected(d.id, d.severity)).includes('Fn::GetAtt'));
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'lambda.alarms.cloudwatch.amazonaws.com' }, invoking.length);
    expect(invoking.map((d) => d.id)).toEqual(['CloudWatch.1', 'CloudWatch.3', 'CloudWatch.5', 'CloudWatch.7', 'CloudWatch.9']);
  });
});

describe('addDetection() and later detections', () => {
  test('options.alarmActions replace the severity and default actions', () => {
    const { stack, topics, refs, make } = fixture();
    const alarms = make({ detections: [], alarmActions: [new SnsAction(topics.all)], severityAlarmActions: { high: [new SnsAction(topics.high)] } });
    alarms.addDetection(custom('Org.A', DetectionSeverity.HIGH), { alarmActions: [new SnsAction(topics.root)] });
    alarms.addDetection(custom('Org.B', DetectionSeverity.HIGH));
    alarms.addDetection(custom('Org.C', DetectionSeverity.LOW));
    expect(actionsById(stack)).toEqual({
      'Org.A': { alarm: [refs.root], ok: [refs.root] },
      'Org.B': { alarm: [refs.high], ok: [refs.high] },
      'Org.C': { alarm: [refs.all], ok: [refs.all] },
    });
  });

  test('a detection routed in detectionAlarmActions may be added later', () => {
    const { stack, topics, refs, make } = fixture();
    const alarms = make({ detections: [], alarmActions: [new SnsAction(topics.all)], detectionAlarmActions: [{ detectionId: 'Org.Late', alarmActions: [new SnsAction(topics.root)] }] });
    alarms.addDetection(custom('Org.Late', DetectionSeverity.LOW));
    expect(actionsById(stack)['Org.Late']).toEqual({ alarm: [refs.root], ok: [refs.root] });
  });

  test('options.alarmActions for a detection routed in detectionAlarmActions is an error', () => {
    const { topics, make } = fixture();
    const alarms = make({ detections: [], detectionAlarmActions: [{ detectionId: 'Org.A', alarmActions: [new SnsAction(topics.root)] }] });
    expect(() => alarms.addDetection(custom('Org.A', DetectionSeverity.LOW), { alarmActions: [new SnsAction(topics.all)] }))
      .toThrow(/^DetectionAlarms\.addDetection\(Org\.A\): options\.alarmActions must not be given for a detection that DetectionAlarmsProps\.detectionAlarmActions routes already/);
  });

  test('notifyOnOk: false applies to every route', () => {
    const { stack, topics, make } = fixture();
    make({ notifyOnOk: false, alarmActions: [new SnsAction(topics.all)], severityAlarmActions: { critical: [new SnsAction(topics.critical)] } });
    for (const { alarm, ok } of Object.values(actionsById(stack))) {
      expect(alarm).toHaveLength(1);
      expect(ok).toBeUndefined();
    }
  });
});

describe('route IDs are checked', () => {
  const route = (detectionId: string, actions: IAlarmAction[] = []) => ({ detectionId, alarmActions: actions });

  test('an unknown ID is an error at synth naming DetectionAlarmsProps.detectionAlarmActions', () => {
    const { stack, make } = fixture();
    make({ detectionAlarmActions: [route('CloudWatch.99')] });
    expect(() => Template.fromStack(stack))
      .toThrow(/DetectionAlarmsProps\.detectionAlarmActions: 'CloudWatch\.99' has no alarm here \(the detections are: CloudWatch\.1, .*CIS\.4\.15\)/);
  });

  test('a disabled ID is an error at synth that says so', () => {
    const { stack, make } = fixture();
    make({ disabledDetections: ['CloudWatch.2'], detectionAlarmActions: [route('CloudWatch.2')] });
    expect(() => Template.fromStack(stack)).toThrow(/detectionAlarmActions: 'CloudWatch\.2' has no alarm here \(it is in disabledDetections\)/);
  });

  test('an ID given twice is an error at construction', () => {
    const { make } = fixture();
    expect(() => make({ detectionAlarmActions: [route('CloudWatch.1'), route('CloudWatch.1')] })).toThrow(CloudTrailBaselineError);
    expect(() => fixture().make({ detectionAlarmActions: [route('CloudWatch.1'), route('CloudWatch.1')] }))
      .toThrow(/^DetectionAlarmsProps\.detectionAlarmActions: 'CloudWatch\.1' appears twice/);
  });
});

describe('alarms left without an action', () => {
  test('an empty severity list silences that severity, with one warning listing the silent alarms', () => {
    const { stack, topics, make } = fixture();
    make({ alarmActions: [new SnsAction(topics.all)], severityAlarmActions: { low: [] } });
    const actual = actionsById(stack);
    const low = catalog.filter((d) => d.severity === DetectionSeverity.LOW).map((d) => d.id);
    for (const id of low) expect(actual[id]).toEqual({ alarm: undefined, ok: undefined });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Stack/Detections');
    expect(String(warnings[0].entry.data)).toContain(`4 of 15 detection alarms have no alarm action (${low.join(', ')})`);
  });

  test('a detection added later without any action is in the warning too', () => {
    const { stack, topics, make } = fixture();
    const alarms = make({ detections: [], severityAlarmActions: { high: [new SnsAction(topics.high)] } });
    alarms.addDetection(custom('Org.High', DetectionSeverity.HIGH));
    alarms.addDetection(custom('Org.Low', DetectionSeverity.LOW));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('1 of 2 detection alarms have no alarm action \\(Org\\.Low\\)'));
    expect(warnings).toHaveLength(1);
  });
});

describe('alarms() and detectionFor()', () => {
  const { stack, make } = fixture();
  const alarms = make({ disabledDetections: ['CloudWatch.2'] });

  test('alarms(): one per detection, in order', () => {
    const list = alarms.alarms();
    expect(list).toHaveLength(14);
    expect(list.map((a) => stack.resolve(a.alarmArn))).toEqual(alarms.detectionIds.map((id) => stack.resolve(alarms.alarmFor(id).alarmArn)));
  });

  test('detectionFor(): the detection added under that ID; unknown IDs throw', () => {
    expect(alarms.detectionFor('CloudWatch.1').metricName).toBe('RootAccountUsage');
    expect(() => alarms.detectionFor('CloudWatch.2')).toThrow(/^DetectionAlarms\.alarmFor\/metricFor\/detectionFor\(CloudWatch\.2\)/);
  });
});

describe('DetectionAlarms.defaultActions(): a route that adds to the defaults', () => {
  test('expands to alarmActions in severity and detection routes, in place and without repeats', () => {
    const { stack, topics, refs, make } = fixture();
    const all = new SnsAction(topics.all);
    make({
      alarmActions: [all],
      severityAlarmActions: { critical: [DetectionAlarms.defaultActions(), new SnsAction(topics.critical)] },
      detectionAlarmActions: [{ detectionId: 'CloudWatch.5', alarmActions: [new SnsAction(topics.root), DetectionAlarms.defaultActions(), all] }],
    });
    const byId = actionsById(stack);
    expect(byId['CloudWatch.1'].alarm).toEqual([refs.all, refs.critical]);
    expect(byId['CloudWatch.1'].ok).toEqual([refs.all, refs.critical]);
    expect(byId['CloudWatch.5'].alarm).toEqual([refs.root, refs.all]);
    expect(byId['CloudWatch.4'].alarm).toEqual([refs.all]);
  });

  test('in addDetection options too', () => {
    const { stack, topics, refs, make } = fixture();
    const alarms = make({ detections: [], alarmActions: [new SnsAction(topics.all)] });
    alarms.addDetection(custom('Custom.1', DetectionSeverity.LOW), { alarmActions: [DetectionAlarms.defaultActions(), new SnsAction(topics.high)] });
    expect(actionsById(stack)['Custom.1'].alarm).toEqual([refs.all, refs.high]);
  });

  test('bound outside a DetectionAlarms route, it fails and says where it belongs', () => {
    const { stack } = fixture();
    const alarm = new Alarm(stack, 'Other', { metric: new Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1 });
    expect(() => alarm.addAlarmAction(DetectionAlarms.defaultActions()))
      .toThrow(/DetectionAlarms\.defaultActions\(\) is a placeholder .* use it only in severityAlarmActions, detectionAlarmActions or addDetection options/);
    expect(() => alarm.addAlarmAction(DetectionAlarms.defaultActions())).toThrow(CloudTrailBaselineError);
  });
});
