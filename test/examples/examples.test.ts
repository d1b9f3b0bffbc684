/**
 * The example apps: snapshots of their templates (a compliance team reviews the diff), and the
 * facts the snapshots alone would not make obvious: cross-account names, no warnings, determinism.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../examples/landing-zone/app';
import { LOG_ARCHIVE, ORGANIZATION, ORGANIZATION_TRAIL } from '../../examples/landing-zone/organization';
import { addSingleAccount } from '../../examples/single-account/app';

const ROOT = path.resolve(__dirname, '..', '..');

/** Each example's stacks, built in a new app. */
const EXAMPLES: Record<string, () => Stack[]> = {
  'landing-zone': () => {
    const { logArchive, management, securityTooling } = addLandingZone(new App());
    return [logArchive, management, ...(securityTooling ? [securityTooling] : [])];
  },
  'single-account': () => [addSingleAccount(new App())],
};

const CASES = Object.entries(EXAMPLES).flatMap(([example, build]) => build().map((stack) => [example, stack.stackName] as const));

function stackOf(example: string, stackName: string): Stack {
  return EXAMPLES[example]().find((s) => s.stackName === stackName)!;
}

describe.each(CASES)('example %s, stack %s', (example, stackName) => {
  const stack = stackOf(example, stackName);
  const json = Template.fromStack(stack).toJSON();

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('the template holds nothing of the build machine', () => {
    const text = JSON.stringify(json);
    expect(text).not.toContain(ROOT);
    expect(text).not.toMatch(/\/(home|Users|tmp|work)\//);
    expect(text).not.toContain('aws:asset:path');
  });

  test('no warning and no error annotations', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('deterministic: two synths give the same bytes', () => {
    const again = stackOf(example, stackName);
    expect(JSON.stringify(Template.fromStack(again).toJSON())).toBe(JSON.stringify(json));
  });
});

describe('landing zone: the management account finds the archive by name', () => {
  const { logArchive, management } = addLandingZone(new App());
  const archiveTemplate = Template.fromStack(logArchive);
  const managementTemplate = Template.fromStack(management);

  test('the stacks are in the accounts and region of the organization', () => {
    expect([logArchive.account, logArchive.region]).toEqual(['111111111111', 'us-east-1']);
    expect([management.account, management.region]).toEqual(['222222222222', 'us-east-1']);
    expect(LOG_ARCHIVE.bucketName).toBe('cloudtrail-archive-111111111111-us-east-1');
  });

  test('the log archive stack: the buckets with their deterministic names and the key alias', () => {
    archiveTemplate.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'cloudtrail-archive-111111111111-us-east-1' });
    archiveTemplate.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'cloudtrail-archive-access-logs-111111111111-us-east-1' });
    archiveTemplate.resourcePropertiesCountIs('AWS::S3::Bucket', { BucketName: Match.anyValue() }, 2);
    archiveTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail-log-archive' });
  });

  test('the log archive stack validates each digest as it arrives; its alarms page and email', () => {
    archiveTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.s3'], 'detail-type': ['Object Created'], 'detail': { bucket: { name: Match.anyValue() }, object: { key: [{ wildcard: '*/CloudTrail-Digest/*' }] } } },
    });
    archiveTemplate.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: Match.stringLikeRegexp('pagerduty') });
    archiveTemplate.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security-alerts@example.com' });
    const topic = { Ref: logArchive.getLogicalId(logArchive.paging.topic.node.defaultChild as any) };
    const validator = logArchive.digestValidator;
    for (const alarm of [validator.invalidAlarm, validator.silenceAlarm, validator.deadLetterAlarm]) {
      expect(archiveTemplate.findResources('AWS::CloudWatch::Alarm')[logArchive.getLogicalId((alarm as any).node.defaultChild)].Properties.AlarmActions).toEqual([topic]);
    }
    // The management stack's imported archive is in another account: no validator there.
    managementTemplate.resourcePropertiesCountIs('AWS::Events::Rule', { EventPattern: { source: ['aws.s3'] } }, 0);
  });

  test('the log archive stack allows the organization trail, bound to its exact ARN', () => {
    const trailArn = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail';
    expect(ORGANIZATION_TRAIL.trailArn).toBe(trailArn);
    const bucketPolicies = JSON.stringify(archiveTemplate.findResources('AWS::S3::BucketPolicy'));
    expect(bucketPolicies).toContain(trailArn);
    expect(bucketPolicies).toContain(`/AWSLogs/${ORGANIZATION.organizationId}/*`);
    expect(bucketPolicies).toContain('/AWSLogs/222222222222/*');
    expect(JSON.stringify(archiveTemplate.findResources('AWS::KMS::Key'))).toContain(trailArn);
  });

  test('the management stack: the trail delivers to that bucket name and key alias ARN', () => {
    managementTemplate.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'organization-trail',
      IsOrganizationTrail: true,
      S3BucketName: 'cloudtrail-archive-111111111111-us-east-1',
      KMSKeyId: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
      AdvancedEventSelectors: [
        { Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'Data events 1: S3 objects in all buckets, log archive excluded',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            {
              Field: 'resources.ARN',
              NotStartsWith: ['arn:aws:s3:::cloudtrail-archive-111111111111-us-east-1/', 'arn:aws:s3:::cloudtrail-archive-access-logs-111111111111-us-east-1/'],
            },
          ],
        },
        ...['cloudtrail', 'kms', 's3', 'secretsmanager'].map((service) => ({
          Name: `Network activity: ${service}.amazonaws.com VPC endpoint denials`,
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['NetworkActivity'] },
            { Field: 'eventSource', Equals: [`${service}.amazonaws.com`] },
            { Field: 'errorCode', Equals: ['VpceAccessDenied'] },
          ],
        })),
      ],
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
    });
    managementTemplate.resourceCountIs('AWS::S3::Bucket', 0);
    managementTemplate.resourceCountIs('AWS::KMS::Alias', 0);
    // 16 detection alarms (the 15 defaults and the VPC endpoint denials), 3 monitoring alarms (heartbeat,
    // notifier errors, dead letters) and the trail logging remediation's error alarm.
    managementTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 20);
    managementTemplate.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'CloudTrailMetrics' }, 16);
  });

  test('the management stack pages on critical detections, on top of the default actions of every detection', () => {
    const alarms = Object.values(managementTemplate.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'CloudTrailMetrics' } }));
    const ref = (c: any) => ({ Ref: management.getLogicalId(c.node.defaultChild) });
    const defaults = [ref(management.baseline.notifications.topic), { 'Fn::GetAtt': [management.getLogicalId(management.baseline.notifications.notifier!.node.defaultChild as any), 'Arn'] }];
    const pagingTopic = ref(management.paging.topic);
    const byMetric = Object.fromEntries(alarms.map((a) => [a.Properties.MetricName, a.Properties.AlarmActions]));
    expect(byMetric.RootAccountUsage).toEqual([...defaults, pagingTopic]);
    for (const [metric, actions] of Object.entries(byMetric)) {
      if (metric !== 'RootAccountUsage') expect({ metric, actions }).toEqual({ metric, actions: defaults });
    }
    managementTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https', TopicArn: pagingTopic, Endpoint: Match.stringLikeRegexp('^https://events\\.pagerduty\\.com/'),
    });
  });

  test('the management stack builds its trail from the shared description, and knows both archive buckets by name', () => {
    const trail = management.baseline.trail;
    expect(trail.description).toBe(ORGANIZATION_TRAIL);
    expect(trail.trailArn).toBe(ORGANIZATION_TRAIL.trailArn);
    const imported = management.baseline.logArchive;
    expect(management.resolve(imported.bucket.bucketArn)).toBe(`arn:aws:s3:::${LOG_ARCHIVE.bucketName}`);
    expect(management.resolve(imported.archiveBucketArns())).toEqual([
      `arn:aws:s3:::${LOG_ARCHIVE.bucketName}`,
      `arn:aws:s3:::${LOG_ARCHIVE.accessLogsBucketName}`,
    ]);
    expect(LOG_ARCHIVE.accessLogsBucketName).toBe('cloudtrail-archive-access-logs-111111111111-us-east-1');
  });

  test('no cross-stack references (exports do not cross accounts)', () => {
    for (const template of [archiveTemplate, managementTemplate]) {
      const json = template.toJSON();
      expect(json.Outputs ?? {}).toEqual({});
      expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
    }
  });

  test('the synthesized app has no warning or error anywhere and writes identical template files twice', () => {
    const read = () => {
      const app = new App();
      addLandingZone(app);
      const assembly = app.synth();
      for (const artifact of assembly.stacks) {
        const messages = artifact.messages.filter((m) => m.level !== 'info');
        expect(messages).toEqual([]);
      }
      return assembly.stacks.map((s) => [s.stackName, readFileSync(path.join(assembly.directory, s.templateFile), 'utf-8')]);
    };
    const first = read();
    expect(first.map(([name]) => name)).toEqual(['LogArchive', 'Management', 'SecurityTooling']);
    expect(read()).toEqual(first);
  });
});

describe('single account', () => {
  test('an account trail with its own log archive, alarms wired to the topic and the notifier', () => {
    const template = Template.fromStack(addSingleAccount(new App()));
    template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'account-trail', IsOrganizationTrail: false });
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 21);
    // Detections, heartbeat, dead letters and the digest validator's three (the critical route is the
    // default): the topic and the notifier; notifier errors: the topic only.
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: Match.arrayEquals([Match.anyValue(), Match.anyValue()]) }, 20);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmName: 'cloudtrail-baseline-NotifierErrors', AlarmActions: Match.arrayEquals([Match.anyValue()]) }, 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'security-alerts@example.com' });
  });

  test('Slack through a secret imported by name, and a 3-hour heartbeat', () => {
    const template = Template.fromStack(addSingleAccount(new App()));
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    const webhooks = JSON.stringify(fn.Properties.Environment.Variables.CHAT_WEBHOOKS);
    expect(webhooks).toContain('slack');
    expect(webhooks).toContain(':secret:cloudtrail-baseline/slack-webhook');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'cloudtrail-baseline-TrailHeartbeat', EvaluationPeriods: 36, TreatMissingData: 'breaching' });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
