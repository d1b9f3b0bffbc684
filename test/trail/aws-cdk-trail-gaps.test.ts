/**
 * The known gaps of aws-cdk-lib's `Trail` and of Landing Zone Accelerator (DESIGN.md §4), one
 * `describe` per issue: each test shows how `BaselineTrail` (or the composite) behaves instead.
 * The README's table "aws-cdk-lib Trail issue → how this library behaves" points at these tests.
 */
import { App, Aws, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { DataResourceType, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CloudTrailBaseline } from '../../lib/baseline';
import { LogArchive } from '../../lib/log-archive';
import { BaselineTrail, BaselineTrailProps, DataEvents } from '../../lib/trail';

const ENV = { account: '111111111111', region: 'us-east-1' };
const ORG_TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

type Json = Record<string, any>;

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** An organization trail and its archive in one stack, and the statements that grant CloudTrail. */
function organizationTrail(props: Partial<BaselineTrailProps> = {}) {
  const stack = new Stack(new App(), 'Audit', { env: ENV });
  const archive = new LogArchive(stack, 'Archive');
  const trail = new BaselineTrail(stack, 'Trail', {
    logArchive: archive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5', ...props,
  });
  const template = Template.fromStack(stack);
  const toCloudTrail = (statements: Json[]) => statements.filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
  const bucketStatements = toCloudTrail(Object.values(template.findResources('AWS::S3::BucketPolicy'))
    .find((p) => p.Properties.Bucket.Ref === logicalId(archive.bucket))!.Properties.PolicyDocument.Statement);
  const keyStatements = toCloudTrail(template.findResources('AWS::KMS::Key')[logicalId(archive.encryptionKey)].Properties.KeyPolicy.Statement);
  const trailProperties: Json = template.findResources('AWS::CloudTrail::Trail')[logicalId(trail)].Properties;
  return { stack, archive, trail, template, bucketStatements, keyStatements, trailProperties };
}

function sourceArnsOf(statement: Json): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((c: any) => [c['aws:SourceArn'] ?? []].flat());
}

describe('aws-cdk#31400: an organization trail\'s aws:SourceArn became trail/undefined without trailName', () => {
  test('every aws:SourceArn in the bucket and key policies is the literal trail ARN; nothing is undefined', () => {
    const { template, bucketStatements, keyStatements } = organizationTrail();
    for (const statement of [...bucketStatements, ...keyStatements]) {
      expect(sourceArnsOf(statement)).toEqual([ORG_TRAIL_ARN]);
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('undefined');
  });

  test('a trail without a name, or with a token name, is refused at synth time', () => {
    const stack = new Stack(new App(), 'Audit', { env: ENV });
    const logArchive = new LogArchive(stack, 'Archive');
    expect(() => new BaselineTrail(stack, 'Trail', { logArchive, isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' }))
      .toThrow(/^BaselineTrailProps\.trailName: is required unless BaselineTrailProps\.description is given/);
    expect(() => new BaselineTrail(stack, 'Trail2', { logArchive, trailName: Aws.STACK_NAME }))
      .toThrow(/^BaselineTrailProps\.trailName: must be a literal string, not a token/);
  });
});

describe('aws-cdk#3822, aws-cdk#23391: Trail adds no KMS key policy statement', () => {
  test('the archive key lets CloudTrail encrypt (with its encryption context), decrypt for the Bucket Key and describe, all bound to the trail', () => {
    const { keyStatements } = organizationTrail();
    expect(keyStatements).toEqual([
      {
        Sid: 'AllowCloudTrailToEncryptLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
        },
      },
      {
        Sid: 'AllowCloudTrailToDecryptWithS3BucketKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN } },
      },
      {
        Sid: 'AllowCloudTrailToDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': ORG_TRAIL_ARN } },
      },
    ]);
  });
});

describe('Trail silently adds no policy to an imported bucket', () => {
  test('an imported archive that does not list the trail: a warning with the exact bucket and key statements to add', () => {
    const stack = new Stack(new App(), 'Management', { env: ENV });
    const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'example-archive', encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:alias/cloudtrail-log-archive',
    });
    new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
    const warnings = Annotations.fromStack(stack).findWarning('/Management/Archive', Match.stringLikeRegexp('is imported'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    for (const sid of ['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite', 'AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDecryptWithS3BucketKey', 'AllowCloudTrailToDescribeKey']) {
      expect(text).toContain(`"Sid":"${sid}"`);
    }
    expect(text).toContain(`"aws:SourceArn":"${ORG_TRAIL_ARN}"`);
    expect(text).toContain('arn:aws:s3:::example-archive/AWSLogs/o-a1b2c3d4e5/*');
  });
});

describe('aws-cdk#19398: Trail has no advanced event selectors', () => {
  test('the trail always has advanced event selectors (the management selector first) and never basic EventSelectors', () => {
    const { trailProperties } = organizationTrail({ dataEvents: [DataEvents.s3Buckets(['customer-uploads'])] });
    expect(trailProperties.EventSelectors).toBeUndefined();
    expect(trailProperties.AdvancedEventSelectors.map((s: Json) => s.Name)).toEqual([
      'Management events selector',
      expect.stringMatching(/^Data events 1: S3 objects in 1 bucket/),
    ]);
  });
});

describe('aws-cdk#14886: Trail cannot log DynamoDB data events', () => {
  test('DataEvents.dynamoDbAllTables and dynamoDbTables select AWS::DynamoDB::Table', () => {
    const table = 'arn:aws:dynamodb:us-east-1:111111111111:table/orders';
    const { trailProperties } = organizationTrail({ dataEvents: [DataEvents.dynamoDbAllTables(), DataEvents.dynamoDbTables([table])] });
    const [, all, one] = trailProperties.AdvancedEventSelectors;
    expect(all.FieldSelectors).toEqual([{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] }]);
    expect(one.FieldSelectors).toContainEqual({ Field: 'resources.ARN', Equals: [table] });
  });
});

describe('Trail.addEventSelector accepts a sixth event selector (CloudTrail allows five)', () => {
  test('aws-cdk-lib 2.258.0 really does (the off-by-one this library avoids)', () => {
    const stack = new Stack(new App(), 'Cdk', { env: ENV });
    const trail = new Trail(stack, 'Trail', { bucket: new Bucket(stack, 'Bucket', { enforceSSL: true }) });
    for (let i = 0; i < 6; i++) trail.addEventSelector(DataResourceType.S3_OBJECT, [`arn:aws:s3:::bucket-${i}/`]);
    const properties = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))[0].Properties;
    expect(properties.EventSelectors).toHaveLength(6);
  });

  test('BaselineTrail uses only advanced event selectors, and refuses their limit (500 condition values) at synth time', () => {
    const buckets = Array.from({ length: 496 }, (_, i) => `bucket-${i}`);
    // 1 (management) + 2 (category, type) + 496 + 2 (the archive's buckets excluded) = 501.
    expect(() => organizationTrail({ dataEvents: [DataEvents.s3Buckets(buckets)] }))
      .toThrow(/^BaselineTrailProps\.dataEvents: the trail's advanced event selectors hold 501 condition values; CloudTrail allows at most 500/);
    expect(() => organizationTrail({ dataEvents: [DataEvents.s3Buckets(buckets.slice(0, 495))] })).not.toThrow();
  });
});

describe('Landing Zone Accelerator #1192: data events on all S3 buckets log the trail\'s own deliveries', () => {
  test('every S3 selection excludes the archive bucket and its access-logs bucket', () => {
    const { archive, trailProperties } = organizationTrail({ dataEvents: [DataEvents.s3AllBuckets(), DataEvents.s3Buckets(['customer-uploads'])] });
    const excluded = [archive.bucket, archive.accessLogsBucket].map((b) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(b), 'Arn'] }, '/']] }));
    for (const selector of trailProperties.AdvancedEventSelectors.slice(1)) {
      expect(selector.FieldSelectors.find((f: Json) => f.Field === 'resources.ARN').NotStartsWith).toEqual(excluded);
    }
  });
});

describe('Landing Zone Accelerator #1081: metric filters bound to a log group name that Control Tower later suffixed', () => {
  test('the library creates the log group under its own exact name; the trail and every metric filter refer to that resource', () => {
    const stack = new Stack(new App(), 'Single', { env: ENV });
    const baseline = new CloudTrailBaseline(stack, 'Baseline', { trailName: 'account-trail', notificationEmails: ['a@example.com'] });
    const template = Template.fromStack(stack);
    const logGroupId = logicalId(baseline.trail.logGroup);
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId].Properties.LogGroupName).toBe('cloudtrail/account-trail');
    template.hasResourceProperties('AWS::CloudTrail::Trail', { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } });
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(17); // 15 detections, CloudWatch.13 and CIS.4.15 with an additional pattern
    for (const filter of filters) expect(filter.Properties.LogGroupName).toEqual({ Ref: logGroupId });
  });
});

describe('Landing Zone Accelerator: a bucket policy without aws:SourceArn', () => {
  test('every statement that grants CloudTrail, in the bucket policy and the key policy, carries aws:SourceArn', () => {
    const { bucketStatements, keyStatements } = organizationTrail();
    expect(bucketStatements.map((s) => s.Sid)).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
    for (const statement of [...bucketStatements, ...keyStatements]) {
      expect(statement.Condition.StringEquals['aws:SourceArn']).toBe(ORG_TRAIL_ARN);
    }
  });
});
