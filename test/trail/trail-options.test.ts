/**
 * `BaselineTrail` options beyond delivery: log file delivery notifications to SNS, EventBridge
 * rules on CloudTrail API events (`onEvent`), and the limits checked at synth time (5 trails per
 * region, the archive key in the bucket's region).
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ILogArchive, LogArchive, TamperProtection } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, DataEvents } from '../../lib/trail';

const ENV = { account: '111111111111', region: 'us-east-1' };
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail';

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

function newStack(): Stack {
  return new Stack(new App(), 'Audit', { env: ENV });
}

describe('deliveryNotificationTopic', () => {
  test('a topic in the stack: named by ARN; topic policy allows CloudTrail, bound to the trail ARN; the trail waits for it', () => {
    const stack = newStack();
    const topic = new Topic(stack, 'Deliveries');
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail', deliveryNotificationTopic: topic });
    const template = Template.fromStack(stack);
    const cfnTrail = template.findResources('AWS::CloudTrail::Trail')[logicalId(trail)];
    // Ref of an AWS::SNS::Topic is its ARN, which CloudTrail's SnsTopicName accepts.
    expect(cfnTrail.Properties.SnsTopicName).toEqual({ Ref: logicalId(topic) });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(topic) }],
      PolicyDocument: {
        Statement: [{
          Sid: 'AWSCloudTrailSNSPolicyaccounttrail',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: logicalId(topic) },
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
        }],
      },
    });
    const topicPolicyId = stack.getLogicalId(topic.node.findChild('Policy').node.defaultChild as CfnElement);
    expect(cfnTrail.DependsOn).toEqual(expect.arrayContaining([topicPolicyId, logicalId(topic)]));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a KMS-encrypted topic: the key lets CloudTrail GenerateDataKey* and Decrypt, bound to the trail ARN', () => {
    const stack = newStack();
    const key = new Key(stack, 'TopicKey');
    const topic = new Topic(stack, 'Deliveries', { masterKey: key });
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail', deliveryNotificationTopic: topic });
    const template = Template.fromStack(stack);
    expect(template.findResources('AWS::KMS::Key')[logicalId(key)].Properties.KeyPolicy.Statement).toContainEqual({
      Sid: 'AllowCloudTrailToPublishToEncryptedTopicaccounttrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(template.findResources('AWS::CloudTrail::Trail')[logicalId(trail)].DependsOn).toContain(logicalId(key));
  });

  test('an imported topic: named by ARN, and a warning with the statement its own stack must add', () => {
    const stack = newStack();
    const topicArn = 'arn:aws:sns:us-east-1:999999999999:cloudtrail-deliveries';
    const topic = Topic.fromTopicArn(stack, 'Deliveries', topicArn);
    new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail', deliveryNotificationTopic: topic });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: topicArn });
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('deliveryNotificationTopic'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toBe('/Audit/Trail');
    const text = String(warnings[0].entry.data);
    expect(text).toMatch(/^BaselineTrailProps\.deliveryNotificationTopic: the topic arn:aws:sns:us-east-1:999999999999:cloudtrail-deliveries is imported/);
    expect(text).toContain('"Action":"sns:Publish"');
    expect(text).toContain(`"aws:SourceArn":"${TRAIL_ARN}"`);
  });

  test('no topic: no SnsTopicName, no topic policy', () => {
    const stack = newStack();
    new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: Match.absent() });
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
  });
});

describe('onEvent (static) and onCloudTrailEvent (instance)', () => {
  test('onCloudTrailEvent: a rule under the trail on "AWS API Call via CloudTrail", with the target and the extra pattern', () => {
    const stack = newStack();
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail' });
    const topic = new Topic(stack, 'Alerts');
    const rule = trail.onCloudTrailEvent('StopLogging', {
      target: new SnsTopic(topic),
      ruleName: 'trail-stopped',
      description: 'Someone stopped a trail',
      eventPattern: { source: ['aws.cloudtrail'], detail: { eventName: ['StopLogging'] } },
    });
    expect(rule.node.scope).toBe(trail);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Name: 'trail-stopped',
      Description: 'Someone stopped a trail',
      EventPattern: { 'source': ['aws.cloudtrail'], 'detail': { eventName: ['StopLogging'] }, 'detail-type': ['AWS API Call via CloudTrail'] },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { Ref: logicalId(topic) } })],
    });
  });

  test('BaselineTrail.onEvent: a rule anywhere, no trail needed; without options it matches every API call event', () => {
    const stack = newStack();
    const rule = BaselineTrail.onEvent(stack, 'AnyApiCall');
    expect(rule.node.scope).toBe(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
      Targets: Match.absent(),
    });
  });
});

describe('limits', () => {
  const archive = (stack: Stack): ILogArchive => LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: 'example-archive',
    encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:alias/cloudtrail-log-archive',
    allowedTrails: ['trail-1', 'trail-2', 'trail-3', 'trail-4', 'trail-5', 'trail-6'].map((trailName) => TrailDescription.accountTrail({ accountId: ENV.account, region: ENV.region, trailName })),
  });

  test('five trails in a stack: no warning', () => {
    const stack = newStack();
    const logArchive = archive(stack);
    for (const n of [1, 2, 3, 4, 5]) new BaselineTrail(stack, `Trail${n}`, { logArchive, trailName: `trail-${n}` });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('six trails in a stack: a synth error (CloudTrail\'s hard quota of 5 trails per region) naming every trail', () => {
    const stack = newStack();
    const logArchive = archive(stack);
    for (const n of [1, 2, 3, 4, 5, 6]) new BaselineTrail(stack, `Trail${n}`, { logArchive, trailName: `trail-${n}` });
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/BaselineTrail: this stack creates 6 CloudTrail trails in region us-east-1, over the CloudTrail quota of 5 trails per region/);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(message).toContain(`Audit/Trail${n}/Resource`);
  });

  test('five trails in a stack synthesize', () => {
    const stack = newStack();
    const logArchive = archive(stack);
    for (const n of [1, 2, 3, 4, 5]) new BaselineTrail(stack, `Trail${n}`, { logArchive, trailName: `trail-${n}` });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))).toHaveLength(5);
  });

  test('trails that are not BaselineTrails count too (aws-cdk-lib Trail, CfnTrail)', () => {
    const stack = newStack();
    const logArchive = archive(stack);
    for (const n of [1, 2, 3, 4]) new BaselineTrail(stack, `Trail${n}`, { logArchive, trailName: `trail-${n}` });
    new Trail(stack, 'CdkTrail', { bucket: new Bucket(stack, 'OtherBucket', { enforceSSL: true }) });
    new CfnTrail(stack, 'RawTrail', { isLogging: true, s3BucketName: 'other-bucket' });
    expect(() => Template.fromStack(stack)).toThrow(/this stack creates 6 CloudTrail trails.*Audit\/CdkTrail\/Resource.*Audit\/RawTrail/);
  });

  test('the archive key in another region than its bucket: error naming BaselineTrailProps.logArchive', () => {
    const stack = newStack();
    const logArchive: ILogArchive = {
      bucket: Bucket.fromBucketName(stack, 'Bucket', 'example-archive'),
      encryptionKeyArn: 'arn:aws:kms:eu-west-1:999999999999:alias/cloudtrail-log-archive',
      region: 'us-east-1',
      bindTrail: () => ({ bucketName: 'example-archive', excludedBucketArns: [] }),
      archiveBucketArns: () => [],
      grantRead: () => { throw new Error('not called in this test'); },
    };
    expect(() => new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'account-trail' }))
      .toThrow(/^BaselineTrailProps\.logArchive: has its KMS key in eu-west-1 .* but its bucket in us-east-1: CloudTrail requires the key and the bucket in the same region/);
  });

  test('the key in the bucket\'s region, or a token key ARN: accepted', () => {
    const stack = newStack();
    const logArchive: ILogArchive = {
      bucket: Bucket.fromBucketName(stack, 'Bucket', 'example-archive'),
      encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      region: 'us-east-1',
      bindTrail: () => ({ bucketName: 'example-archive', excludedBucketArns: [] }),
      archiveBucketArns: () => [],
      grantRead: () => { throw new Error('not called in this test'); },
    };
    expect(() => new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'account-trail' })).not.toThrow();
    expect(() => new BaselineTrail(stack, 'Trail2', { logArchive: new LogArchive(stack, 'Archive'), trailName: 'other-trail' })).not.toThrow();
  });
});

describe('ILogArchive.bindTrail: the seam between a trail and its archive', () => {
  test('a custom archive: the trail is bound once and delivers where the config says, after its dependables', () => {
    const stack = newStack();
    const calls: Array<{ scope: unknown; trail: TrailDescription }> = [];
    const marker = new Bucket(stack, 'PolicyHolder', { enforceSSL: true });
    const logArchive: ILogArchive = {
      bucket: Bucket.fromBucketName(stack, 'Bucket', 'example-archive'),
      encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:alias/not-this-one',
      region: 'us-east-1',
      bindTrail: (scope, trail) => {
        calls.push({ scope, trail });
        return {
          bucketName: 'custom-delivery-bucket',
          encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:alias/custom-key',
          s3KeyPrefix: 'custom/prefix',
          excludedBucketArns: ['arn:aws:s3:::custom-delivery-bucket', 'arn:aws:s3:::custom-access-logs'],
          dependables: [marker],
        };
      },
      archiveBucketArns: () => ['arn:aws:s3:::not-these'],
      grantRead: () => { throw new Error('not called in this test'); },
    };
    const trail = new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'account-trail', dataEvents: [DataEvents.s3AllBuckets()] });
    expect(calls).toHaveLength(1);
    expect(calls[0].scope).toBe(trail);
    expect(calls[0].trail.trailArn).toBe(TRAIL_ARN);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      S3BucketName: 'custom-delivery-bucket',
      S3KeyPrefix: 'custom/prefix',
      KMSKeyId: 'arn:aws:kms:us-east-1:999999999999:alias/custom-key',
    });
    const [resource] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    expect(resource.DependsOn).toEqual(expect.arrayContaining([logicalId(marker)]));
    // S3 data events exclude the buckets of the config, not those of archiveBucketArns().
    const arnSelector = resource.Properties.AdvancedEventSelectors[1].FieldSelectors.find((f: any) => f.Field === 'resources.ARN');
    expect(arnSelector.NotStartsWith).toEqual(['arn:aws:s3:::custom-delivery-bucket/', 'arn:aws:s3:::custom-access-logs/']);
  });

  test('a custom archive without dependables or key: SSE-S3 delivery, no dependency on the archive', () => {
    const stack = newStack();
    const logArchive: ILogArchive = {
      bucket: Bucket.fromBucketName(stack, 'Bucket', 'example-archive'),
      region: 'us-east-1',
      bindTrail: () => ({ bucketName: 'example-archive', excludedBucketArns: ['arn:aws:s3:::example-archive'] }),
      archiveBucketArns: () => [],
      grantRead: () => { throw new Error('not called in this test'); },
    };
    new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'account-trail' });
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'));
    expect(resource.Properties.S3BucketName).toBe('example-archive');
    expect(resource.Properties.KMSKeyId).toBeUndefined();
  });

  test('LogArchive.bindTrail: its bucket, key, prefix and buckets; the bucket as dependable in its own stack only', () => {
    const app = new App();
    const archiveStack = new Stack(app, 'Archive', { env: ENV });
    const archive = new LogArchive(archiveStack, 'LogArchive', { s3KeyPrefix: 'audit' });
    const trail = TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: 'account-trail' });
    const same = archive.bindTrail(archiveStack, trail);
    expect(same.bucketName).toBe(archive.bucket.bucketName);
    expect(same.encryptionKeyArn).toBe(archive.encryptionKeyArn);
    expect(same.s3KeyPrefix).toBe('audit');
    expect(same.excludedBucketArns).toEqual(archive.archiveBucketArns());
    expect(same.dependables).toEqual([archive.bucket]);
    expect(archive.trailDescriptions.map((t) => t.trailArn)).toEqual([TRAIL_ARN]);
    const other = archive.bindTrail(new Stack(app, 'Other', { env: ENV }), trail);
    expect(other.dependables).toEqual([]);
    expect(archive.trailDescriptions).toHaveLength(1);
    expect(archive.eventBridgeEnabled).toBe(true);
  });

  test('S3 data events naming any archive bucket by token (found through archiveBucketArns()): an error', () => {
    for (const pick of [(a: LogArchive) => a.accessLogsBucket, (a: LogArchive) => a.vaultBucket!]) {
      const stack = newStack();
      const archive = new LogArchive(stack, 'Archive', { tamperProtection: TamperProtection.mfaDelete() });
      expect(() => new BaselineTrail(stack, 'Trail', {
        logArchive: archive, trailName: 'account-trail', dataEvents: [DataEvents.s3Buckets([pick(archive).bucketName])],
      })).toThrow(/^BaselineTrailProps\.dataEvents\[0\]: DataEvents\.s3Buckets names a bucket of the log archive/);
    }
    const stack = newStack();
    const other = new Bucket(stack, 'Other', { enforceSSL: true });
    expect(() => new BaselineTrail(stack, 'Trail', {
      logArchive: new LogArchive(stack, 'Archive'), trailName: 'account-trail', dataEvents: [DataEvents.s3Buckets([other.bucketName])],
    })).not.toThrow();
  });
});
