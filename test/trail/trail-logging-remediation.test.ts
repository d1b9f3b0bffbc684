/**
 * TrailLoggingRemediation at synth time: the rule matches successful StopLogging calls on the
 * trails only (checked against the event pattern by the fast path's EventBridge evaluator), the
 * function may restart those trails and nothing else (decided request by request), and bad input is
 * refused by name.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { TrailDescription, TrailLoggingRemediation, TrailLoggingRemediationProps } from '../../lib';
import { matchesEventPattern } from '../fast-path/event-pattern-evaluator';

const TRAIL = TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '222222222222', region: 'us-east-1', trailName: 'organization-trail' });

function build(props: Partial<Record<keyof TrailLoggingRemediationProps, unknown>> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
  const topic = new Topic(stack, 'Topic');
  const remediation = new TrailLoggingRemediation(stack, 'Remediation', {
    trails: [TRAIL], encryptionKey: new Key(stack, 'Key'), alarmActions: [new SnsAction(topic)], ...props,
  } as unknown as TrailLoggingRemediationProps);
  return { stack, remediation, template: Template.fromStack(stack) };
}

function event(detail: Record<string, unknown>) {
  return {
    'version': '0',
    'id': '1',
    'detail-type': 'AWS API Call via CloudTrail',
    'source': 'aws.cloudtrail',
    'account': '222222222222',
    'time': '2026-12-02T10:00:00Z',
    'region': 'us-east-1',
    'resources': [],
    'detail': { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'organization-trail' }, ...detail },
  };
}

describe('TrailLoggingRemediation', () => {
  test('the rule fires on a successful StopLogging of the trail, by name or ARN, and on nothing else', () => {
    const { template } = build();
    const [rule] = Object.values(template.findResources('AWS::Events::Rule'));
    const pattern = rule.Properties.EventPattern;
    expect(matchesEventPattern(pattern, event({}))).toBe(true);
    expect(matchesEventPattern(pattern, event({ requestParameters: { name: TRAIL.trailArn } }))).toBe(true);
    expect(matchesEventPattern(pattern, event({ errorCode: 'AccessDenied' }))).toBe(false);
    expect(matchesEventPattern(pattern, event({ requestParameters: { name: 'other-trail' } }))).toBe(false);
    expect(matchesEventPattern(pattern, event({ eventName: 'StartLogging' }))).toBe(false);
  });

  test('the function, Node.js 24 arm64, with its trails, a dead-letter queue, retries and an error alarm routed to the actions', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: { TRAIL_ARNS: JSON.stringify([TRAIL.trailArn]) } },
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [Match.anyValue()],
    });
  });

  test('the role may GetTrailStatus and StartLogging the trail, and nothing else on CloudTrail (evaluated requests)', async () => {
    const { template } = build();
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    // The log group and queue statements name their resources with Fn::GetAtt: stand-in ARNs keep
    // the whole policy under evaluation.
    const document = JSON.parse(JSON.stringify(policy.Properties.PolicyDocument, (_key, value) =>
      value && typeof value === 'object' && 'Fn::GetAtt' in value ? `arn:aws:sqs:us-east-1:222222222222:${value['Fn::GetAtt'][0]}` : value));
    const decide = async (action: string, resource: string) => {
      const result = await runSimulation({
        request: { principal: 'arn:aws:iam::222222222222:role/remediation', action, resource: { resource, accountId: '222222222222' }, contextVariables: {} },
        identityPolicies: [{ name: 'remediation', policy: document }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      }, {});
      if (result.resultType !== 'single') throw new Error(JSON.stringify(result));
      return result.overallResult;
    };
    expect(await decide('cloudtrail:StartLogging', TRAIL.trailArn)).toBe('Allowed');
    expect(await decide('cloudtrail:GetTrailStatus', TRAIL.trailArn)).toBe('Allowed');
    expect(await decide('cloudtrail:StopLogging', TRAIL.trailArn)).toBe('ImplicitlyDenied');
    expect(await decide('cloudtrail:DeleteTrail', TRAIL.trailArn)).toBe('ImplicitlyDenied');
    expect(await decide('cloudtrail:StartLogging', 'arn:aws:cloudtrail:us-east-1:222222222222:trail/other')).toBe('ImplicitlyDenied');
  });

  test('without alarm actions: a warning that names the prop', () => {
    const { stack } = build({ alarmActions: undefined });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('noRemediationAlarmActions'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].entry.data)).toMatch(/TrailLoggingRemediationProps.alarmActions is empty/);
  });

  test.each([
    [{ trails: [] }, /trails: must list at least one TrailDescription/],
    [{ trails: 'organization-trail' }, /trails: must be a list/],
    [{ trails: [{ trailArn: TRAIL.trailArn }] }, /trails\[0\]: must be a TrailDescription/],
    [{ trails: [TrailDescription.accountTrail({ accountId: '333333333333', region: 'us-east-1', trailName: 'member-trail' })] }, /trails\[0\]: must be a trail of this stack's account 222222222222 in us-east-1/],
    [{ trails: [TrailDescription.accountTrail({ accountId: '222222222222', region: 'eu-west-1', trailName: 'member-trail' })] }, /trails\[0\]: must be a trail of this stack's account/],
    [{ encryptionKey: undefined }, /encryptionKey: is required/],
    [{ alarmActions: 'topic' }, /alarmActions: must be a list/],
  ])('refuses %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
