/**
 * TrailLogGroupLookup: Control Tower's trail log group found by prefix at deployment, and the
 * detections, alarms and notifier added to it without a second trail.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmNotifications, DetectionAlarms, TrailLogGroupLookup } from '../../lib';

function build(prefix?: string) {
  const stack = new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
  const lookup = new TrailLogGroupLookup(stack, 'ControlTowerTrail', prefix === undefined ? undefined : { logGroupNamePrefix: prefix });
  const notifications = new AlarmNotifications(stack, 'Notifications', { emailAddresses: ['soc@example.com'], cloudTrailLogGroup: lookup.logGroup });
  new DetectionAlarms(stack, 'Detections', { logGroup: lookup.logGroup, alarmActions: notifications.alarmActions });
  return { stack, template: Template.fromStack(stack) };
}

test('looks up Control Tower\'s log group by prefix at deployment (DescribeLogGroups, first match), with no trail of its own', () => {
  const { template } = build();
  const [lookup] = Object.values(template.findResources('Custom::TrailLogGroupLookup'));
  const create = JSON.parse(JSON.stringify(lookup.Properties.Update ?? lookup.Properties.Create));
  expect(JSON.stringify(create)).toContain('describeLogGroups');
  expect(JSON.stringify(create)).toContain('aws-controltower/CloudTrailLogs');
  expect(JSON.stringify(create)).toContain('logGroups.0.logGroupName');
  template.resourceCountIs('AWS::CloudTrail::Trail', 0);
  template.resourceCountIs('AWS::Logs::LogGroup', 1); // the notifier's own
});

test('every metric filter names the looked-up log group', () => {
  const { template } = build();
  const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
  expect(filters).toHaveLength(17); // 15 detections, CloudWatch.13 and CIS.4.15 with an additional pattern
  for (const filter of filters) {
    expect(filter.Properties.LogGroupName).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ControlTowerTrailLookup/), 'logGroups.0.logGroupName'] });
  }
});

test('the lookup may only describe log groups of this account and region', () => {
  const { template } = build('my-trail/');
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [Match.objectLike({ Action: 'logs:DescribeLogGroups', Resource: 'arn:aws:logs:us-east-1:222222222222:log-group:*' })] },
  });
});

test.each([[''], ['has space'], ['x'.repeat(513)]])('refuses the prefix %j', (prefix) => {
  expect(() => build(prefix)).toThrow(/TrailLogGroupLookupProps.logGroupNamePrefix: must be a literal of 1 to 512 characters/);
});
