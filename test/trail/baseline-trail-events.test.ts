/**
 * `BaselineTrail` wires the event selection into the trail: management events, data events (with
 * the log archive's buckets excluded from S3 selections) and Insights, and surfaces the checks
 * with `BaselineTrailProps` property names.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { ILogArchive, LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, BaselineTrailProps, DataEvents } from '../../lib/trail';

const ENV = { account: '111111111111', region: 'us-east-1' };
const MANAGEMENT = { Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };

type Json = Record<string, any>;

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** A trail and its archive in one stack; the trail's CfnTrail properties. */
function sameStack(props: Partial<BaselineTrailProps> = {}) {
  const stack = new Stack(new App(), 'Audit', { env: ENV });
  const archive = new LogArchive(stack, 'Archive');
  const trail = new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail', ...props });
  const properties: Json = Template.fromStack(stack).findResources('AWS::CloudTrail::Trail')[logicalId(trail)].Properties;
  return { stack, archive, trail, properties };
}

/** A trail delivering to an archive of another account, known by name. */
function imported(props: Partial<BaselineTrailProps> = {}, accessLogsBucketName?: string, region = ENV.region) {
  const stack = new Stack(new App(), 'Audit', { env: { account: ENV.account, region } });
  const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const logArchive: ILogArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: 'example-archive',
    accessLogsBucketName,
    encryptionKeyArn: `arn:${partition}:kms:${region}:999999999999:alias/cloudtrail-log-archive`,
    allowedTrails: [TrailDescription.accountTrail({ accountId: ENV.account, region, trailName: 'account-trail' })],
  });
  const trail = new BaselineTrail(stack, 'Trail', { logArchive, trailName: 'account-trail', ...props });
  const properties: Json = Template.fromStack(stack).findResources('AWS::CloudTrail::Trail')[logicalId(trail)].Properties;
  return { stack, trail, properties };
}

function arnField(selector: Json): Json {
  return selector.FieldSelectors.find((f: Json) => f.Field === 'resources.ARN');
}

describe('management events', () => {
  test('default: one selector, all read and write management events; no Insights; no warning', () => {
    const { stack, properties } = sameStack();
    expect(properties.AdvancedEventSelectors).toEqual([MANAGEMENT]);
    expect(properties.EventSelectors).toBeUndefined();
    expect(properties.InsightSelectors).toBeUndefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('write-only without KMS events: the selector says so, and the trail warns (CloudWatch.7, CloudTrail.1)', () => {
    const { stack, properties } = sameStack({ managementEvents: { readWriteType: ReadWriteType.WRITE_ONLY, excludeKmsEvents: true } });
    expect(properties.AdvancedEventSelectors).toEqual([{
      Name: 'Management events selector',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'readOnly', Equals: ['false'] },
        { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
      ],
    }]);
    const warnings = Annotations.fromStack(stack).findWarning('/Audit/Trail', Match.stringLikeRegexp('BaselineTrailProps\\.managementEvents'));
    expect(warnings.map((w) => String(w.entry.data).split(':')[0]).sort()).toEqual([
      'BaselineTrailProps.managementEvents.excludeKmsEvents is true',
      'BaselineTrailProps.managementEvents.readWriteType is ReadWriteType.WRITE_ONLY',
    ]);
    expect(warnings.map((w) => String(w.entry.data)).join('\n')).toContain('CloudWatch.7');
  });

  test('errors of the selection name BaselineTrailProps', () => {
    expect(() => sameStack({ managementEvents: { readWriteType: ReadWriteType.NONE } }))
      .toThrow(/^BaselineTrailProps\.managementEvents\.readWriteType: is ReadWriteType\.NONE and dataEvents and networkActivityEvents are empty/);
  });
});

describe('data events: the log archive buckets are always excluded from S3 selections (LZA #1192)', () => {
  test('archive in the same stack: the archive bucket and its access-logs bucket, by their ARNs', () => {
    const { archive, properties } = sameStack({ dataEvents: [DataEvents.s3AllBuckets()] });
    expect(properties.AdvancedEventSelectors[0]).toEqual(MANAGEMENT);
    const s3 = properties.AdvancedEventSelectors[1];
    expect(s3.FieldSelectors.slice(0, 2)).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
    ]);
    expect(arnField(s3)).toEqual({
      Field: 'resources.ARN',
      NotStartsWith: [
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] }, '/']] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive.accessLogsBucket), 'Arn'] }, '/']] },
      ],
    });
  });

  test('imported archive with its access-logs bucket name: both excluded by literal ARN', () => {
    const { stack, properties } = imported({ dataEvents: [DataEvents.s3AllBuckets(ReadWriteType.WRITE_ONLY)] }, 'example-archive-access-logs');
    expect(arnField(properties.AdvancedEventSelectors[1])).toEqual({
      Field: 'resources.ARN',
      NotStartsWith: ['arn:aws:s3:::example-archive/', 'arn:aws:s3:::example-archive-access-logs/'],
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('imported archive without the access-logs bucket name: the archive bucket is still excluded', () => {
    const { properties } = imported({ dataEvents: [DataEvents.s3AllBuckets()] });
    expect(arnField(properties.AdvancedEventSelectors[1])).toEqual({ Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::example-archive/'] });
  });

  test('named buckets: StartsWith those, NotStartsWith the archive\'s', () => {
    const { properties } = imported({ dataEvents: [DataEvents.s3Buckets(['customer-uploads'])] }, 'example-archive-access-logs');
    expect(arnField(properties.AdvancedEventSelectors[1])).toEqual({
      Field: 'resources.ARN',
      StartsWith: ['arn:aws:s3:::customer-uploads/'],
      NotStartsWith: ['arn:aws:s3:::example-archive/', 'arn:aws:s3:::example-archive-access-logs/'],
    });
  });

  test('the exclusions are in the trail\'s partition (aws-cn)', () => {
    const { properties } = imported({ dataEvents: [DataEvents.s3AllBuckets()] }, 'example-archive-access-logs', 'cn-north-1');
    expect(arnField(properties.AdvancedEventSelectors[1]).NotStartsWith)
      .toEqual(['arn:aws-cn:s3:::example-archive/', 'arn:aws-cn:s3:::example-archive-access-logs/']);
  });

  test('naming the archive bucket or its access-logs bucket is an error', () => {
    expect(() => imported({ dataEvents: [DataEvents.s3Buckets(['example-archive'])] }))
      .toThrow(/^BaselineTrailProps\.dataEvents\[0\]: DataEvents\.s3Buckets names bucket 'example-archive', which is excluded/);
    expect(() => imported({ dataEvents: [DataEvents.s3Prefixes('example-archive-access-logs', ['archive-bucket/'])] }, 'example-archive-access-logs'))
      .toThrow(/^BaselineTrailProps\.dataEvents\[0\]: DataEvents\.s3Prefixes names bucket 'example-archive-access-logs'/);
  });

  test('Lambda and DynamoDB data events, in order after the management selector', () => {
    const table = 'arn:aws:dynamodb:us-east-1:111111111111:table/orders';
    const { properties } = imported({ dataEvents: [DataEvents.lambdaAllFunctions(ReadWriteType.WRITE_ONLY), DataEvents.dynamoDbTables([table])] });
    const [management, lambda, dynamodb] = properties.AdvancedEventSelectors;
    expect(management).toEqual(MANAGEMENT);
    expect(lambda.FieldSelectors).toContainEqual({ Field: 'resources.type', Equals: ['AWS::Lambda::Function'] });
    expect(dynamodb.FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
      { Field: 'resources.ARN', Equals: [table] },
    ]);
  });

  test('over 500 condition values: a synth-time error naming BaselineTrailProps.dataEvents', () => {
    const buckets = (from: number, length: number) => Array.from({ length }, (_, i) => `bucket-${from + i}`);
    const trailWith = (second: number) => () => imported({
      dataEvents: [DataEvents.s3Buckets(buckets(0, 240)), DataEvents.s3Buckets(buckets(1000, second))],
    }, 'example-archive-access-logs');
    // 1 (management: eventCategory) + (2 + 240 + 2 excluded) + (2 + 251 + 2 excluded) = 500: accepted.
    expect(trailWith(251)).not.toThrow();
    expect(trailWith(252))
      .toThrow(/^BaselineTrailProps\.dataEvents: the trail's advanced event selectors hold 501 condition values; CloudTrail allows at most 500 per trail/);
  });
});

describe('Insights', () => {
  test('both types: InsightSelectors on the trail', () => {
    const { properties } = sameStack({ insightTypes: [InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE] });
    expect(properties.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }]);
    expect(properties.AdvancedEventSelectors).toEqual([MANAGEMENT]);
  });

  test('an empty list: no InsightSelectors', () => {
    expect(sameStack({ insightTypes: [] }).properties.InsightSelectors).toBeUndefined();
  });

  test('ApiCallRateInsight without write management events: error naming BaselineTrailProps.insightTypes', () => {
    expect(() => sameStack({ insightTypes: [InsightType.API_CALL_RATE], managementEvents: { readWriteType: ReadWriteType.READ_ONLY } }))
      .toThrow(/^BaselineTrailProps\.insightTypes: ApiCallRateInsight analyses write management events/);
  });
});

describe('an imported archive whose access-logs bucket is unknown', () => {
  const warningsOf = (stack: Stack) => Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('does not name its access-logs bucket'));

  test('S3 data events: a warning says the access-logs bucket is not excluded and how to name it', () => {
    const { stack } = imported({ dataEvents: [DataEvents.s3AllBuckets()] });
    const warnings = warningsOf(stack);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toContain('LogArchiveAttributes.accessLogsBucketName');
  });

  test('no warning when it is named, or without S3 data events', () => {
    expect(warningsOf(imported({ dataEvents: [DataEvents.s3AllBuckets()] }, 'example-access-logs').stack)).toHaveLength(0);
    expect(warningsOf(imported({ dataEvents: [DataEvents.lambdaAllFunctions()] }).stack)).toHaveLength(0);
  });
});
