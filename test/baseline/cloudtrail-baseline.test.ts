/**
 * `CloudTrailBaseline`: the single-account and management-account set-ups, and the options it
 * passes through to its parts.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { CloudTrailBaseline, CloudTrailBaselineProps } from '../../lib/baseline';
import { Detections } from '../../lib/detections';
import { LogArchive, TamperProtection } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { CloudTrailBaselineError } from '../../lib/private/errors';
import { DataEvents } from '../../lib/trail';

const SINGLE = { account: '123456789012', region: 'eu-west-1' };
const ORG_ID = 'o-a1b2c3d4e5';
const MANAGEMENT = { account: '222222222222', region: 'us-east-1' };
const ARCHIVE_BUCKET = 'cloudtrail-archive-111111111111-us-east-1';
const ARCHIVE_KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive';

type Env = typeof SINGLE;

function build(env: Env, props: (stack: Stack) => CloudTrailBaselineProps = () => ({})) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const baseline = new CloudTrailBaseline(stack, 'Baseline', props(stack));
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  return { stack, baseline, id, template: Template.fromStack(stack) };
}

const trailOf = (template: Template) => {
  const trails = Object.values(template.findResources('AWS::CloudTrail::Trail'));
  expect(trails).toHaveLength(1);
  return trails[0].Properties;
};

/** The detection alarms (the monitoring alarms are in the `AWS/*` namespaces). */
const alarmsOf = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'CloudTrailMetrics' } }));

describe('single account (defaults)', () => {
  const { stack, baseline, id, template } = build(SINGLE);
  const archive = baseline.logArchive as LogArchive;

  test('an account trail named cloudtrail-baseline, delivering to the log archive in this stack', () => {
    expect(archive).toBeInstanceOf(LogArchive);
    expect(trailOf(template)).toEqual(expect.objectContaining({
      TrailName: 'cloudtrail-baseline',
      IsOrganizationTrail: false,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      S3BucketName: { Ref: id(archive.bucket) },
      KMSKeyId: { 'Fn::GetAtt': [id(archive.encryptionKey), 'Arn'] },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [id(baseline.trail.logGroup), 'Arn'] },
    }));
    expect(baseline.trail.trailName).toBe('cloudtrail-baseline');
    expect(baseline.trail.trailArn).toBe(`arn:aws:cloudtrail:${SINGLE.region}:${SINGLE.account}:trail/cloudtrail-baseline`);
  });

  test('the log archive is created here: archive and access-log buckets, key with alias', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/cloudtrail-log-archive', TargetKeyId: { 'Fn::GetAtt': [id(archive.encryptionKey), 'Arn'] },
    });
    // Archive key, trail log group key, notifications key.
    template.resourceCountIs('AWS::KMS::Key', 3);
    expect(archive.trailDescriptions.map((t) => t.trailArn)).toEqual([baseline.trail.trailArn]);
  });

  test('the trail log group is cloudtrail/<trail name>, kept a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'cloudtrail/cloudtrail-baseline',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [id(baseline.trail.logGroupEncryptionKey), 'Arn'] },
    });
  });

  test('17 metric filters (15 detections, two with an additional pattern) on the trail log group, 15 alarms wired to the topic and the notifier', () => {
    const logGroupRef = { Ref: id(baseline.trail.logGroup) };
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(17);
    expect(filters.every((f) => JSON.stringify(f.Properties.LogGroupName) === JSON.stringify(logGroupRef))).toBe(true);
    expect(filters.map((f) => f.Properties.FilterPattern).sort())
      .toEqual(Detections.cisAwsFoundations().flatMap((d) => [d.filterPattern, ...d.additionalFilterPatterns]).sort());

    const actions = [{ Ref: id(baseline.notifications.topic) }, { 'Fn::GetAtt': [id(baseline.notifications.notifier!), 'Arn'] }];
    const alarms = alarmsOf(template);
    expect(alarms).toHaveLength(15);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual(actions);
      expect(alarm.Properties.OKActions).toEqual(actions);
    }
    // 15 detection alarms, the heartbeat and the dead-letter alarm (not the notifier-errors alarm),
    // and the digest validator's invalid, silence and dead-letter alarms.
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'lambda.alarms.cloudwatch.amazonaws.com' }, 20);
    expect(baseline.detections.detectionIds).toEqual(Detections.cisAwsFoundations().map((d) => d.id));
  });

  test('the notifier links to the trail log group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TOPIC_ARN: { Ref: id(baseline.notifications.topic) }, LOG_GROUP_NAME: { Ref: id(baseline.trail.logGroup) } } },
    });
  });

  test('no email subscription by default; no error', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('management account with an imported log archive (organization trail)', () => {
  const orgTrail = TrailDescription.organizationTrail({
    organizationId: ORG_ID, managementAccountId: MANAGEMENT.account, region: MANAGEMENT.region, trailName: 'organization-trail',
  });
  const importedArchive = (stack: Stack, allowedTrails?: TrailDescription[]) => LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: ARCHIVE_BUCKET, encryptionKeyArn: ARCHIVE_KEY_ARN, allowedTrails,
  });
  const { stack, baseline, id, template } = build(MANAGEMENT, (s) => ({
    trail: orgTrail,
    logArchive: importedArchive(s, [orgTrail]),
    notificationEmails: ['security@example.com'],
  }));

  test('an organization trail to the imported bucket and key alias', () => {
    expect(trailOf(template)).toEqual(expect.objectContaining({
      TrailName: 'organization-trail',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      S3BucketName: ARCHIVE_BUCKET,
      KMSKeyId: ARCHIVE_KEY_ARN,
    }));
    expect(baseline.trail.trailArn).toBe(orgTrail.trailArn);
  });

  test('no bucket, no bucket policy, no archive key or alias in the management stack', () => {
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    template.resourceCountIs('AWS::KMS::Alias', 0);
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    // The trail log group key and the notifications key only.
    expect(keys).toHaveLength(2);
    expect(Object.keys(template.findResources('AWS::KMS::Key')).sort())
      .toEqual([id(baseline.trail.logGroupEncryptionKey), id(baseline.notifications.encryptionKey)].sort());
    expect(keys.map((k) => k.Properties.Description).join('\n')).not.toMatch(/log archive/i);
  });

  test('the trail may write the organization\'s log streams', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    const streams = JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
    expect(streams).toContain(`:log-group:cloudtrail/organization-trail:log-stream:${MANAGEMENT.account}_CloudTrail_${MANAGEMENT.region}*`);
    expect(streams).toContain(`:log-group:cloudtrail/organization-trail:log-stream:${ORG_ID}_*`);
  });

  test('15 alarms, an email subscription, no warning (the archive lists the trail)', () => {
    expect(alarmsOf(template)).toHaveLength(15);
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'security@example.com', Protocol: 'email' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a warning with the statements to add when the imported archive does not list the trail', () => {
    const other = build(MANAGEMENT, (s) => ({ trail: orgTrail, logArchive: importedArchive(s) }));
    const warnings = Annotations.fromStack(other.stack).findWarning('*', Match.stringLikeRegexp(`must allow trail ${orgTrail.trailArn.replace(/[.*]/g, '\\$&')}`));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Stack/Archive');
  });
});

describe('options pass through', () => {
  test('disabledDetections and additionalAlarmActions', () => {
    let extraTopic: Topic | undefined;
    const { baseline, id, template } = build(SINGLE, (s) => {
      extraTopic = new Topic(s, 'PagerTopic');
      return { disabledDetections: ['CloudWatch.2', 'CIS.4.15'], additionalAlarmActions: [new SnsAction(extraTopic)] };
    });
    template.resourceCountIs('AWS::Logs::MetricFilter', 14); // 13 detections, CloudWatch.13 with its additional pattern
    const alarms = alarmsOf(template);
    expect(alarms).toHaveLength(13);
    expect(alarms.map((a) => a.Properties.MetricName)).not.toEqual(expect.arrayContaining(['UnauthorizedAPICalls']));
    expect(baseline.detections.detectionIds).not.toContain('CIS.4.15');
    const expected = [
      { Ref: id(baseline.notifications.topic) },
      { 'Fn::GetAtt': [id(baseline.notifications.notifier!), 'Arn'] },
      { Ref: id(extraTopic!) },
    ];
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual(expected);
      expect(alarm.Properties.OKActions).toEqual(expected);
    }
  });

  test('trail, detections and notificationEmails', () => {
    const { template } = build(SINGLE, () => ({
      trail: TrailDescription.accountTrail({ accountId: SINGLE.account, region: SINGLE.region, trailName: 'my-trail' }),
      detections: [Detections.rootUserUsage(), Detections.cloudTrailConfigurationChanges()],
      notificationEmails: ['a@example.com', 'b@example.com'],
    }));
    expect(trailOf(template).TrailName).toBe('my-trail');
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'cloudtrail/my-trail' });
    expect(alarmsOf(template).map((a) => a.Properties.AlarmName).sort()).toEqual([
      'cloudtrail-baseline-CloudWatch.1-RootAccountUsage',
      'cloudtrail-baseline-CloudWatch.5-CloudTrailConfigChanges',
    ].sort());
    template.resourceCountIs('AWS::SNS::Subscription', 2);
  });

  test('errors of the parts surface with the property at fault', () => {
    expect(() => build(SINGLE, () => ({ disabledDetections: ['CloudWatch.42'] })))
      .toThrow(/^DetectionAlarmsProps\.disabledDetections: 'CloudWatch\.42'/);
    expect(() => build(SINGLE, () => ({ notificationEmails: ['nope'] })))
      .toThrow(/^AlarmNotificationsProps\.emailAddresses\[0\]/);
    expect(() => build(SINGLE, () => ({ trailName: 'a' }))).toThrow(CloudTrailBaselineError);
  });
});

describe('subscribers, notifier and alarm names', () => {
  test('a baseline without notificationEmails warns that nobody is told and Security Hub fails', () => {
    const { stack } = build(SINGLE);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('CloudTrailBaselineProps.notificationEmails is empty'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Stack/Baseline');
  });

  test('with an email address there is no such warning', () => {
    const { stack } = build(SINGLE, () => ({ notificationEmails: ['a@example.com'] }));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('notificationEmails is empty'))).toHaveLength(0);
  });

  test('notificationOptions.notifier: false leaves the topic as the only alarm action and no function', () => {
    const { baseline, id, template } = build(SINGLE, () => ({ notificationOptions: { notifier: false }, notificationEmails: ['a@example.com'] }));
    // The digest validator's function only.
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ARCHIVE_BUCKET_NAME: Match.anyValue() } } });
    expect(baseline.notifications.notifier).toBeUndefined();
    for (const alarm of alarmsOf(template)) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: id(baseline.notifications.topic) }]);
    }
  });

  test('alarmNamePrefix lets two baselines share an account and region', () => {
    const { template } = build(SINGLE, () => ({ alarmNamePrefix: 'second-', detections: [Detections.rootUserUsage()] }));
    expect(alarmsOf(template).map((a) => a.Properties.AlarmName)).toEqual(['second-CloudWatch.1-RootAccountUsage']);
  });

  test('a bad trail name is reported as CloudTrailBaselineProps.trailName', () => {
    expect(() => build(SINGLE, () => ({ trailName: 'a' }))).toThrow(/^CloudTrailBaselineProps\.trailName: must be 3 to 128 characters long/);
  });
});

describe('a shared trail description (CloudTrailBaselineProps.trail)', () => {
  const orgTrail = TrailDescription.organizationTrail({
    organizationId: ORG_ID, managementAccountId: MANAGEMENT.account, region: MANAGEMENT.region, trailName: 'organization-trail',
  });
  const importedArchive = (stack: Stack) => LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: ARCHIVE_BUCKET, encryptionKeyArn: ARCHIVE_KEY_ARN, allowedTrails: [orgTrail],
  });

  test('gives the same template as trailName + organizationId', () => {
    const fromDescription = build(MANAGEMENT, (s) => ({ trail: orgTrail, logArchive: importedArchive(s), notificationEmails: ['a@example.com'] }));
    const fromParts = build(MANAGEMENT, (s) => ({
      trailName: 'organization-trail', organizationId: ORG_ID, logArchive: importedArchive(s), notificationEmails: ['a@example.com'],
    }));
    expect(fromDescription.baseline.trail.description).toBe(orgTrail);
    expect(fromDescription.template.toJSON()).toEqual(fromParts.template.toJSON());
  });

  test('combined with trailName or organizationId: an error naming CloudTrailBaselineProps.trail and them', () => {
    expect(() => build(MANAGEMENT, (s) => ({ trail: orgTrail, trailName: 'organization-trail', logArchive: importedArchive(s) })))
      .toThrow(/^CloudTrailBaselineProps\.trail: must not be combined with CloudTrailBaselineProps\.trailName:/);
    expect(() => build(MANAGEMENT, (s) => ({ trail: orgTrail, trailName: 'x-trail', organizationId: ORG_ID, logArchive: importedArchive(s) })))
      .toThrow(/^CloudTrailBaselineProps\.trail: must not be combined with CloudTrailBaselineProps\.trailName, CloudTrailBaselineProps\.organizationId:/);
  });

  test('a description of another region, or an account trail of another account: errors naming CloudTrailBaselineProps.trail', () => {
    expect(() => build({ account: MANAGEMENT.account, region: 'eu-west-1' }, () => ({ trail: orgTrail })))
      .toThrow(/^CloudTrailBaselineProps\.trail: describes a trail whose home region is us-east-1, but this stack is in eu-west-1/);
    const accountTrail = TrailDescription.accountTrail({ accountId: '999999999999', region: SINGLE.region, trailName: 'account-trail' });
    expect(() => build(SINGLE, () => ({ trail: accountTrail })))
      .toThrow(/^CloudTrailBaselineProps\.trail: describes an account trail owned by 999999999999, but this stack is in account 123456789012/);
  });

  test('from a delegated administrator account: the ARN names the management account, with the delegated administrator warning', () => {
    const { stack, baseline } = build({ account: '333333333333', region: MANAGEMENT.region }, (s) => ({
      trail: orgTrail, logArchive: importedArchive(s), notificationEmails: ['a@example.com'],
    }));
    expect(baseline.trail.trailArn).toBe(`arn:aws:cloudtrail:us-east-1:${MANAGEMENT.account}:trail/organization-trail`);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.id)).toEqual(['/Stack/Baseline/Trail']);
    expect(String(warnings[0].entry.data)).toMatch(/^BaselineTrailProps\.description: this stack \(account 333333333333\)/);
  });

  test('a new archive in this stack allows the described trail', () => {
    const accountTrail = TrailDescription.accountTrail({ accountId: SINGLE.account, region: SINGLE.region, trailName: 'described-trail' });
    const { baseline } = build(SINGLE, () => ({ trail: accountTrail }));
    expect((baseline.logArchive as LogArchive).trailDescriptions).toEqual([accountTrail]);
  });
});

describe('trail options pass through', () => {
  test('managementEvents, dataEvents (archive buckets excluded), insightTypes, deliveryNotificationTopic', () => {
    let topic: Topic | undefined;
    const { baseline, id, template } = build(SINGLE, (s) => {
      topic = new Topic(s, 'Deliveries');
      return {
        managementEvents: { readWriteType: ReadWriteType.ALL, excludeRdsDataApiEvents: true },
        dataEvents: [DataEvents.s3AllBuckets(ReadWriteType.WRITE_ONLY)],
        insightTypes: [InsightType.API_CALL_RATE],
        deliveryNotificationTopic: topic,
      };
    });
    const archive = baseline.logArchive as LogArchive;
    const trail = trailOf(template);
    expect(trail.AdvancedEventSelectors).toEqual([
      { Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['rdsdata.amazonaws.com'] }] },
      {
        Name: expect.stringMatching(/^Data events 1: S3 objects in all buckets/),
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'readOnly', Equals: ['false'] },
          {
            Field: 'resources.ARN',
            NotStartsWith: [archive.bucket, archive.accessLogsBucket].map((b) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(b), 'Arn'] }, '/']] })),
          },
        ],
      },
    ]);
    expect(trail.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
    expect(trail.SnsTopicName).toEqual({ Ref: id(topic!) });
  });

  test('their errors name BaselineTrailProps', () => {
    expect(() => build(SINGLE, () => ({ insightTypes: [InsightType.API_CALL_RATE], managementEvents: { readWriteType: ReadWriteType.READ_ONLY } })))
      .toThrow(/^BaselineTrailProps\.insightTypes:/);
  });
});

describe('log archive alarm (TamperProtection.mfaDelete())', () => {
  test('the MFA delete alarm goes to the baseline alarm actions, without the no-action warning', () => {
    const { stack, baseline } = build(SINGLE, () => ({
      notificationEmails: ['security@example.com'],
      logArchiveProps: { tamperProtection: TamperProtection.mfaDelete() },
    }));
    const template = Template.fromStack(stack);
    const mfaAlarm = (baseline.logArchive as LogArchive).mfaDeleteAlarm!;
    const alarm = template.findResources('AWS::CloudWatch::Alarm')[stack.getLogicalId(mfaAlarm.node.defaultChild as CfnElement)];
    const rootUsage = template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'RootAccountUsage' } });
    expect(alarm.Properties.AlarmActions).toEqual(Object.values(rootUsage)[0].Properties.AlarmActions);
    expect(alarm.Properties.AlarmActions.length).toBeGreaterThan(0);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('MFA delete check alarm'));
  });

  test('logArchiveProps.alarmActions routes it elsewhere', () => {
    const { stack, baseline } = build(SINGLE, (s) => ({
      notificationEmails: ['security@example.com'],
      logArchiveProps: {
        tamperProtection: TamperProtection.mfaDelete(),
        alarmActions: [new SnsAction(Topic.fromTopicArn(s, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops'))],
      },
    }));
    const mfaAlarm = (baseline.logArchive as LogArchive).mfaDeleteAlarm!;
    const alarm = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')[stack.getLogicalId(mfaAlarm.node.defaultChild as CfnElement)];
    expect(alarm.Properties.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:ops']);
  });
});

describe('deprecated properties (issue 17 §2): trailName, organizationId, notifier', () => {
  const deprecationWarnings = (stack: Stack) => Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('is deprecated'))
    .map((w) => String(w.entry.data));

  test('trailName and organizationId still work, give the template of trail, and warn deprecatedProperty naming the replacement', () => {
    const orgTrail = TrailDescription.organizationTrail({
      organizationId: ORG_ID, managementAccountId: MANAGEMENT.account, region: MANAGEMENT.region, trailName: 'organization-trail',
    });
    const archive = (s: Stack) => LogArchive.fromLogArchiveAttributes(s, 'Archive', { bucketName: ARCHIVE_BUCKET, encryptionKeyArn: ARCHIVE_KEY_ARN, allowedTrails: [orgTrail] });
    const fromParts = build(MANAGEMENT, (s) => ({ trailName: 'organization-trail', organizationId: ORG_ID, logArchive: archive(s), notificationEmails: ['a@example.com'] }));
    const fromTrail = build(MANAGEMENT, (s) => ({ trail: orgTrail, logArchive: archive(s), notificationEmails: ['a@example.com'] }));
    expect(fromParts.template.toJSON()).toEqual(fromTrail.template.toJSON());
    expect(deprecationWarnings(fromTrail.stack)).toEqual([]);
    const warnings = deprecationWarnings(fromParts.stack);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^CloudTrailBaselineProps\.trailName is deprecated .*CloudTrailBaselineProps\.trail instead \(TrailDescription\.accountTrail/);
    expect(warnings[1]).toMatch(/^CloudTrailBaselineProps\.organizationId is deprecated .*TrailDescription\.organizationTrail/);
    expect(warnings[0]).toMatch(/\[ack: cdk-cloudtrail-baseline:deprecatedProperty\]$/);
  });

  test('notifier still works, gives the template of notificationOptions.notifier, and warns', () => {
    const old = build(SINGLE, () => ({ notifier: false, notificationEmails: ['a@example.com'] }));
    const current = build(SINGLE, () => ({ notificationOptions: { notifier: false }, notificationEmails: ['a@example.com'] }));
    expect(old.template.toJSON()).toEqual(current.template.toJSON());
    expect(deprecationWarnings(current.stack)).toEqual([]);
    expect(deprecationWarnings(old.stack)).toEqual([expect.stringMatching(/^CloudTrailBaselineProps\.notifier is deprecated .*notificationOptions\.notifier/)]);
  });

  test('notifier is still refused together with notificationOptions.notifier', () => {
    expect(() => build(SINGLE, () => ({ notifier: false, notificationOptions: { notifier: false } })))
      .toThrow(/^CloudTrailBaselineProps\.notifier: must not be combined with CloudTrailBaselineProps\.notificationOptions\.notifier/);
  });
});
