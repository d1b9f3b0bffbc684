/**
 * `DetectionProps.additionalFilterPatterns`: more metric filters on one detection's metric, so that a
 * tool expecting another published text (CIS v3.0.0+ / Prowler for route tables, Prowler for AWS
 * Organizations) finds it while Security Hub's byte-exact text stays, with one alarm.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup, MetricFilter, FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Detection, DetectionAlarms, DetectionProps, Detections, DetectionSeverity } from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const BASE: DetectionProps = {
  id: 'Custom.Iam',
  title: 'IAM user changes',
  filterPattern: '{ ($.eventSource = iam.amazonaws.com) && ($.eventName = CreateUser) }',
  additionalFilterPatterns: ['{ ($.eventSource = iam.amazonaws.com) && ($.eventName = DeleteUser) }'],
  metricName: 'IamUserChanges',
  severity: DetectionSeverity.MEDIUM,
  description: 'An IAM user was created or deleted.',
};

function event(eventSource: string, eventName: string): Record<string, unknown> {
  return { eventVersion: '1.10', eventSource, eventName, eventType: 'AwsApiCall', awsRegion: 'us-east-1', userIdentity: { type: 'AssumedRole' } };
}

function synth(detections: Detection[]) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const logGroup = new LogGroup(stack, 'LogGroup');
  const alarms = new DetectionAlarms(stack, 'Detections', { logGroup, detections, alarmActions: [new SnsAction(new Topic(stack, 'Topic'))] });
  return { stack, logGroup, alarms };
}

describe('a detection with additional filter patterns', () => {
  const detection = Detection.custom(BASE);

  test('keeps them byte-exact, in order', () => {
    expect(detection.additionalFilterPatterns).toEqual(BASE.additionalFilterPatterns);
    expect(Detection.custom({ ...BASE, additionalFilterPatterns: undefined }).additionalFilterPatterns).toEqual([]);
  });

  test('matches an event that any of its patterns matches, and no other', () => {
    expect(detection.matches(event('iam.amazonaws.com', 'CreateUser'))).toBe(true);
    expect(detection.matches(event('iam.amazonaws.com', 'DeleteUser'))).toBe(true);
    expect(detection.matches(event('iam.amazonaws.com', 'UpdateUser'))).toBe(false);
    expect(detection.matches(event('sts.amazonaws.com', 'DeleteUser'))).toBe(false);
  });

  test('gets one metric filter per pattern on the one metric, and one alarm that depends on them all', () => {
    const template = Template.fromStack(synth([detection]).stack);
    const filters = Object.entries(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters.map(([, r]) => r.Properties.FilterPattern)).toEqual([BASE.filterPattern, ...BASE.additionalFilterPatterns!]);
    for (const [, r] of filters) {
      expect(r.Properties.MetricTransformations).toEqual([{ MetricName: 'IamUserChanges', MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }]);
    }
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties.MetricName).toBe('IamUserChanges');
    expect([...alarms[0].DependsOn].sort()).toEqual(filters.map(([id]) => id).sort());
    // The first filter keeps its construct ID (and logical ID) whether or not there are more.
    expect(filters[0][0]).toMatch(/^DetectionsCustomIamMetricFilter[0-9A-F]{8}$/);
    expect(filters[1][0]).toMatch(/^DetectionsCustomIamMetricFilter2[0-9A-F]{8}$/);
  });

  test('has no fast path (the fast path is equivalent to one pattern)', () => {
    expect(detection._fastPath).toBeUndefined();
    const root = Detections.rootUserUsage();
    expect(root._fastPath).toBeDefined();
    expect(Detection.custom({ ...BASE, id: root.id, filterPattern: root.filterPattern })._fastPath).toBeUndefined();
  });

  test.each([
    ['the main pattern again', [BASE.filterPattern], /additionalFilterPatterns\[0\] \(detection Custom\.Iam\): must differ from filterPattern/],
    ['a repeat', ['{ $.eventName = A }', '{ $.eventName = A }'], /additionalFilterPatterns\[1\] \(detection Custom\.Iam\): must differ/],
    ['a text pattern', ['ERROR'], /additionalFilterPatterns\[0\] \(detection Custom\.Iam\): must be a valid CloudWatch Logs JSON filter pattern/],
    ['an over-long pattern', [`{ ${Array.from({ length: 60 }, (_, i) => `($.eventName = Event${i}xxxxxx)`).join(' || ')} }`],
      /additionalFilterPatterns\[0\] \(detection Custom\.Iam\): must be at most 1024 characters/],
    ['three regular expressions', ['{ ($.a = %x%) || ($.b = %y%) || ($.c = %z%) }'], /additionalFilterPatterns\[0\] \(detection Custom\.Iam\): must hold at most 2 regular expressions/],
  ])('refuses %s, naming the entry', (_name, additional, message) => {
    const make = () => Detection.custom({ ...BASE, additionalFilterPatterns: additional });
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(message);
  });

  test('refuses a value that is not a list of strings, by name', () => {
    const make = () => Detection.custom({ ...BASE, additionalFilterPatterns: 'x' as unknown as string[] });
    expect(make).toThrow(/DetectionProps\.additionalFilterPatterns/);
  });

  test('counts each pattern against the log group quotas (100 metric filters, 5 regex patterns)', () => {
    const regex = (n: number) => Detection.custom({
      ...BASE,
      id: `Regex.${n}`,
      metricName: `Regex${n}`,
      filterPattern: `{ $.eventName = %Create${n}% }`,
      additionalFilterPatterns: [`{ $.eventName = %Delete${n}% }`],
    });
    const { stack } = synth([regex(1), regex(2), regex(3)]);
    expect(() => Template.fromStack(stack)).toThrow(/at most 5 filter patterns with regular expressions per log group .* got 6: Regex\.1, Regex\.1 \(additional pattern 1\), Regex\.2/);
  });

  test('counts the 101st metric filter of the log group as over the quota', () => {
    const many = Array.from({ length: 50 }, (_, i) => Detection.custom({ ...BASE, id: `Many.${i}`, metricName: `Many${i}` }));
    expect(() => Template.fromStack(synth(many).stack)).not.toThrow();
    const { stack, logGroup } = synth(many);
    new MetricFilter(stack, 'Extra', { logGroup, filterPattern: FilterPattern.allEvents(), metricName: 'x', metricNamespace: 'y' });
    expect(() => Template.fromStack(stack)).toThrow(/at most 100 metric filters per log group .* got 101 \(100 metric filters of 50 detections here, 1 other metric filters on the log group\)/);
  });
});

describe('the catalog texts of auditors other than Security Hub, on the same metric', () => {
  test('CloudWatch.13 keeps Security Hub\'s text and adds the CIS v4.0.0/v5.0.0 text with $.eventSource = ec2.amazonaws.com', () => {
    const d = Detections.routeTableChanges();
    expect(d.filterPattern).not.toContain('eventSource');
    expect(d.additionalFilterPatterns).toEqual([
      '{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
    ]);
  });

  test('CloudWatch.13: the CIS text matches a subset of Security Hub\'s, so the alarm fires on the same events', () => {
    const d = Detections.routeTableChanges();
    const securityHub = Detection.custom({ ...BASE, filterPattern: d.filterPattern, additionalFilterPatterns: [] });
    const cis = Detection.custom({ ...BASE, filterPattern: d.additionalFilterPatterns[0], additionalFilterPatterns: [] });
    const names = ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable', 'CreateVpc'];
    for (const source of ['ec2.amazonaws.com', 'other.amazonaws.com']) {
      for (const name of names) {
        const e = event(source, name);
        if (cis.matches(e)) expect(securityHub.matches(e)).toBe(true);
        expect(d.matches(e)).toBe(securityHub.matches(e));
      }
    }
    // As published, && binds tighter than ||: only CreateRoute is tied to EC2.
    expect(cis.matches(event('other.amazonaws.com', 'CreateRoute'))).toBe(false);
    expect(cis.matches(event('other.amazonaws.com', 'DeleteRoute'))).toBe(true);
  });

  test('CIS.4.15 keeps the CIS text and adds CancelHandshake, CreateOrganization and EnableAllFeatures in a second filter', () => {
    const d = Detections.organizationsChanges();
    expect(d.additionalFilterPatterns).toHaveLength(1);
    const extended = d.additionalFilterPatterns[0];
    for (const name of ['CancelHandshake', 'CreateOrganization', 'EnableAllFeatures']) {
      expect(d.filterPattern).not.toContain(`"${name}"`);
      expect(extended).toContain(`($.eventName = "${name}")`);
      expect(d.matches(event('organizations.amazonaws.com', name))).toBe(true);
      expect(d.matches(event('iam.amazonaws.com', name))).toBe(false);
    }
    // The extension holds every CIS name: it is the CIS text with three more names.
    for (const [, name] of d.filterPattern.matchAll(/\$\.eventName = "(\w+)"/g)) expect(extended).toContain(`($.eventName = "${name}")`);
    expect(extended.match(/\$\.eventName = /g)).toHaveLength(21);
  });
});
