/**
 * CloudTrailBaselineProps.digestValidation: on by default with the baseline's own archive, off
 * with an imported one (opt-in in the archive's account and region), and its alarms routed to the
 * critical alarm actions.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { CloudTrailBaseline, CloudTrailBaselineProps, DetectionAlarms, LogArchive } from '../../lib';

const ENV = { account: '111111111111', region: 'us-east-1' };
const KEY = (account: string, region: string) => `arn:aws:kms:${region}:${account}:alias/cloudtrail-log-archive`;

function build(props: (stack: Stack) => CloudTrailBaselineProps = () => ({})) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const baseline = new CloudTrailBaseline(stack, 'Baseline', { notificationEmails: ['a@example.com'], ...props(stack) });
  return { stack, baseline, template: Template.fromStack(stack) };
}

const validatorAlarms = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm'))
  .filter((a) => /digest|CloudTrail digest/i.test(a.Properties.AlarmDescription ?? ''));

test('on by default with the baseline\'s own archive: the rule, the function and three alarms to the default actions', () => {
  const { baseline, stack, template } = build();
  expect(baseline.digestValidator).toBeDefined();
  template.resourcePropertiesCountIs('AWS::Events::Rule', { EventPattern: { source: ['aws.s3'] } }, 1);
  const alarms = validatorAlarms(template);
  expect(alarms).toHaveLength(3);
  const invalidAlarm = baseline.digestValidator!.invalidAlarm;
  const defaults = baseline.notifications.alarmActions.map((a) => stack.resolve(a.bind(stack, invalidAlarm).alarmActionArn));
  for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual(defaults);
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('noDigestValidatorAlarmActions'))).toEqual([]);
});

test('digestValidation: false leaves it out', () => {
  const { baseline, template } = build(() => ({ digestValidation: false }));
  expect(baseline.digestValidator).toBeUndefined();
  expect(validatorAlarms(template)).toHaveLength(0);
  template.resourcePropertiesCountIs('AWS::Events::Rule', { EventPattern: { source: ['aws.s3'] } }, 0);
});

test('the alarms follow the critical route, with DetectionAlarms.defaultActions() expanded', () => {
  const { stack, template, baseline } = build((s) => {
    const paging = new Topic(s, 'Paging');
    return { severityAlarmActions: { critical: [DetectionAlarms.defaultActions(), new SnsAction(paging)] } };
  });
  const paging = { Ref: stack.getLogicalId(stack.node.findChild('Paging').node.defaultChild as any) };
  const invalidAlarm = baseline.digestValidator!.invalidAlarm;
  const defaults = baseline.notifications.alarmActions.map((a) => stack.resolve(a.bind(stack, invalidAlarm).alarmActionArn));
  for (const alarm of validatorAlarms(template)) expect(alarm.Properties.AlarmActions).toEqual([...defaults, paging]);
});

test('a critical route without the defaults replaces them', () => {
  const { stack, template } = build((s) => ({ severityAlarmActions: { critical: [new SnsAction(new Topic(s, 'Paging'))] } }));
  const paging = { Ref: stack.getLogicalId(stack.node.findChild('Paging').node.defaultChild as any) };
  for (const alarm of validatorAlarms(template)) expect(alarm.Properties.AlarmActions).toEqual([paging]);
});

test('off by default with an imported archive; opt-in in this account and region warns about EventBridge', () => {
  const imported = (s: Stack, account = '111111111111', region = 'us-east-1') =>
    LogArchive.fromLogArchiveAttributes(s, 'Imported', { bucketName: 'archive-bucket', encryptionKeyArn: KEY(account, region) });
  expect(build((s) => ({ logArchive: imported(s) })).baseline.digestValidator).toBeUndefined();
  const on = build((s) => ({ logArchive: imported(s), digestValidation: true }));
  expect(on.baseline.digestValidator).toBeDefined();
  expect(Annotations.fromStack(on.stack).findWarning('*', Match.stringLikeRegexp('digestValidatorImportedArchive'))).toHaveLength(1);
  expect(() => build((s) => ({ logArchive: imported(s, '999999999999'), digestValidation: true })))
    .toThrow(expect.objectContaining({ property: 'CloudTrailBaselineProps.digestValidation', message: expect.stringMatching(/account 111111111111/) }));
  expect(() => build((s) => ({ logArchive: imported(s, '111111111111', 'eu-west-1'), digestValidation: true })))
    .toThrow(expect.objectContaining({ property: 'CloudTrailBaselineProps.digestValidation', message: expect.stringMatching(/region us-east-1/) }));
});

test('digestValidation must be a boolean', () => {
  expect(() => build(() => ({ digestValidation: 'yes' as unknown as boolean })))
    .toThrow(expect.objectContaining({ property: 'CloudTrailBaselineProps.digestValidation' }));
});
