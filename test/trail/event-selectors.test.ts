/**
 * Typed event selection: `ManagementEventsOptions` and `DataEvents` rendered as CloudTrail advanced
 * event selectors, the archive exclusions, the quotas, and the Insights rule.
 */
import { App, Aws, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnTrail, InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudTrailBaselineError } from '../../lib/private/errors';
import {
  checkInsights, checkSelectorQuotas, countConditions, EventSelectionInput, MAX_ADVANCED_EVENT_SELECTOR_CONDITIONS,
  renderAdvancedEventSelectors,
} from '../../lib/trail/event-selection';
import { DataEvents } from '../../lib/trail/event-selectors';

const ARCHIVE = 'example-cloudtrail-archive';
const ACCESS_LOGS = 'example-cloudtrail-archive-access-logs';
const ARCHIVE_ARN = `arn:aws:s3:::${ARCHIVE}`;
const ACCESS_LOGS_ARN = `arn:aws:s3:::${ACCESS_LOGS}`;
const EXCLUSION = { field: 'resources.ARN', notStartsWith: [`${ARCHIVE_ARN}/`, `${ACCESS_LOGS_ARN}/`] };
const FN_A = 'arn:aws:lambda:us-east-1:111111111111:function:orders';
const FN_B = 'arn:aws:lambda:eu-west-1:222222222222:function:payments_v2';
const TABLE_A = 'arn:aws:dynamodb:us-east-1:111111111111:table/Orders';
const TABLE_B = 'arn:aws:dynamodb:us-east-1:111111111111:table/audit.events-2024';
const MANAGEMENT = { name: 'Management events selector', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] };
const DATA = { field: 'eventCategory', equalTo: ['Data'] };
const S3_TYPE = { field: 'resources.type', equalTo: ['AWS::S3::Object'] };
const LAMBDA_TYPE = { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] };
const DYNAMODB_TYPE = { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] };

/** Renders with the archive and access-logs buckets excluded, and collects the warnings. */
function render(input: Partial<EventSelectionInput> = {}) {
  const stack = new Stack(new App(), 'Stack');
  const scope = new Construct(stack, 'Trail');
  const selectors = renderAdvancedEventSelectors(scope, {
    excludedBucketArns: [ARCHIVE_ARN, ACCESS_LOGS_ARN], partition: 'aws', propsName: 'BaselineTrailProps', ...input,
  });
  const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
  return { stack, selectors, warnings };
}

/** Expects a CloudTrailBaselineError on the property, with a message matching the pattern. */
function expectError(fn: () => unknown, property: string, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CloudTrailBaselineError);
  expect((caught as CloudTrailBaselineError).property).toBe(property);
  expect((caught as CloudTrailBaselineError).message).toMatch(message);
}

describe('management events', () => {
  test('by default: one selector for all read and write management events, no warning', () => {
    const { selectors, warnings } = render();
    expect(selectors).toEqual([MANAGEMENT]);
    expect(warnings).toEqual([]);
  });

  test('ReadWriteType.ALL and no exclusions render the same selector', () => {
    const { selectors, warnings } = render({
      managementEvents: { readWriteType: ReadWriteType.ALL, excludeKmsEvents: false, excludeRdsDataApiEvents: false },
    });
    expect(selectors).toEqual([MANAGEMENT]);
    expect(warnings).toEqual([]);
  });

  test('READ_ONLY adds readOnly = true and warns that the change detections and CloudTrail.1 are lost', () => {
    const { selectors, warnings } = render({ managementEvents: { readWriteType: ReadWriteType.READ_ONLY } });
    expect(selectors).toEqual([{
      name: 'Management events selector',
      fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'readOnly', equalTo: ['true'] }],
    }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^BaselineTrailProps\.managementEvents\.readWriteType is ReadWriteType\.READ_ONLY: write management events are not logged/);
    expect(warnings[0]).toMatch(/CloudWatch\.7-14, CIS 4\.15\) never fire.*CloudTrail\.1/);
    expect(warnings[0]).toContain('[ack: cdk-cloudtrail-baseline:managementEventsReadOnly]');
  });

  test('WRITE_ONLY adds readOnly = false and warns about read events', () => {
    const { selectors, warnings } = render({ managementEvents: { readWriteType: ReadWriteType.WRITE_ONLY } });
    expect(selectors[0].fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Management'] }, { field: 'readOnly', equalTo: ['false'] },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WRITE_ONLY: read management events are not logged.*CloudWatch\.1 and CloudWatch\.2.*CloudTrail\.1/);
    expect(warnings[0]).toContain('[ack: cdk-cloudtrail-baseline:managementEventsWriteOnly]');
  });

  test('excludeKmsEvents: eventSource NotEquals kms.amazonaws.com, and a warning that CloudWatch.7 never fires', () => {
    const { selectors, warnings } = render({ managementEvents: { excludeKmsEvents: true } });
    expect(selectors).toEqual([{
      name: 'Management events selector',
      fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }],
    }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/excludeKmsEvents is true: AWS KMS management events are not logged.*\(Security Hub CloudWatch\.7\) never fires/);
    expect(warnings[0]).toContain('[ack: cdk-cloudtrail-baseline:kmsEventsExcluded]');
  });

  test('excludeRdsDataApiEvents: eventSource NotEquals rdsdata.amazonaws.com, and a warning', () => {
    const { selectors, warnings } = render({ managementEvents: { excludeRdsDataApiEvents: true } });
    expect(selectors[0].fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Management'] }, { field: 'eventSource', notEquals: ['rdsdata.amazonaws.com'] },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/excludeRdsDataApiEvents is true.*CloudTrail\.1/);
    expect(warnings[0]).toContain('[ack: cdk-cloudtrail-baseline:rdsDataApiEventsExcluded]');
  });

  test('both exclusions and a read/write choice share one selector: readOnly, then one eventSource condition', () => {
    const { selectors, warnings } = render({
      managementEvents: { readWriteType: ReadWriteType.WRITE_ONLY, excludeKmsEvents: true, excludeRdsDataApiEvents: true },
    });
    expect(selectors).toEqual([{
      name: 'Management events selector',
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Management'] },
        { field: 'readOnly', equalTo: ['false'] },
        { field: 'eventSource', notEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] },
      ],
    }]);
    expect(warnings).toHaveLength(3);
  });

  test('NONE with data events: no management selector, and a warning that all the CIS detections are blind', () => {
    const { selectors, warnings } = render({
      managementEvents: { readWriteType: ReadWriteType.NONE }, dataEvents: [DataEvents.lambdaAllFunctions()],
    });
    expect(selectors).toEqual([{ name: 'Data events 1: Lambda invocations of all functions', fieldSelectors: [DATA, LAMBDA_TYPE] }]);
    expect(selectors.some((s) => JSON.stringify(s).includes('Management'))).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/readWriteType is ReadWriteType\.NONE: the trail logs no management events, so none of the CIS detections \(Security Hub CloudWatch\.1-14, CIS 4\.15\) can fire/);
    expect(warnings[0]).toContain('[ack: cdk-cloudtrail-baseline:managementEventsNone]');
  });

  test('NONE without data events is an error: the trail would have no selector at all', () => {
    expectError(() => render({ managementEvents: { readWriteType: ReadWriteType.NONE } }),
      'BaselineTrailProps.managementEvents.readWriteType', /is ReadWriteType\.NONE and dataEvents and networkActivityEvents are empty/);
    expectError(() => render({ managementEvents: { readWriteType: ReadWriteType.NONE }, dataEvents: [] }),
      'BaselineTrailProps.managementEvents.readWriteType', /no event selector/);
  });

  test.each(['excludeKmsEvents', 'excludeRdsDataApiEvents'])('NONE with %s is an error: nothing to exclude from', (flag) => {
    expectError(() => render({
      managementEvents: { readWriteType: ReadWriteType.NONE, [flag]: true }, dataEvents: [DataEvents.s3AllBuckets()],
    }), `BaselineTrailProps.managementEvents.${flag}`, /has no effect when readWriteType is ReadWriteType\.NONE/);
  });

  test('a readWriteType that is not a ReadWriteType is an error', () => {
    expectError(() => render({ managementEvents: { readWriteType: 'Everything' as ReadWriteType } }),
      'BaselineTrailProps.managementEvents.readWriteType', /must be a ReadWriteType .* got 'Everything'/);
  });

  test('the management selector always comes first, whatever the data events', () => {
    const { selectors } = render({ dataEvents: [DataEvents.dynamoDbAllTables(), DataEvents.s3AllBuckets()] });
    expect(selectors.map((s) => s.name)).toEqual([
      'Management events selector',
      'Data events 1: DynamoDB items of all tables',
      'Data events 2: S3 objects in all buckets, log archive excluded',
    ]);
  });
});

describe('S3 data events', () => {
  test('s3AllBuckets: every bucket, but the archive and access-logs buckets in NotStartsWith (LZA #1192)', () => {
    const { selectors, warnings } = render({ dataEvents: [DataEvents.s3AllBuckets()] });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: S3 objects in all buckets, log archive excluded',
      fieldSelectors: [DATA, S3_TYPE, EXCLUSION],
    });
    const arn = selectors[1].fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[];
    expect(arn[2].notStartsWith).toContain(`${ARCHIVE_ARN}/`);
    expect(arn[2].notStartsWith).toContain(`${ACCESS_LOGS_ARN}/`);
    expect(arn[2].startsWith).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test.each([
    [ReadWriteType.READ_ONLY, 'true', ', read-only'],
    [ReadWriteType.WRITE_ONLY, 'false', ', write-only'],
  ])('s3AllBuckets(%s): readOnly = %s', (readWriteType, readOnly, suffix) => {
    const { selectors } = render({ dataEvents: [DataEvents.s3AllBuckets(readWriteType)] });
    expect(selectors[1]).toEqual({
      name: `Data events 1: S3 objects in all buckets, log archive excluded${suffix}`,
      fieldSelectors: [DATA, S3_TYPE, { field: 'readOnly', equalTo: [readOnly] }, EXCLUSION],
    });
  });

  test('s3Buckets: StartsWith the bucket ARN with its trailing slash, plus the exclusions', () => {
    const { selectors } = render({ dataEvents: [DataEvents.s3Buckets(['app-data', 'app.uploads'], ReadWriteType.ALL)] });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: S3 objects in 2 buckets, log archive excluded',
      fieldSelectors: [DATA, S3_TYPE, {
        field: 'resources.ARN',
        startsWith: ['arn:aws:s3:::app-data/', 'arn:aws:s3:::app.uploads/'],
        notStartsWith: [`${ARCHIVE_ARN}/`, `${ACCESS_LOGS_ARN}/`],
      }],
    });
  });

  test('bucket ARNs are built in the trail partition', () => {
    const { selectors } = render({
      partition: 'aws-cn', excludedBucketArns: ['arn:aws-cn:s3:::cn-archive'], dataEvents: [DataEvents.s3Buckets(['cn-data'])],
    });
    expect(selectors[1].fieldSelectors).toContainEqual({
      field: 'resources.ARN', startsWith: ['arn:aws-cn:s3:::cn-data/'], notStartsWith: ['arn:aws-cn:s3:::cn-archive/'],
    });
  });

  test('a token partition (environment-agnostic stack) renders as AWS::Partition', () => {
    const stack = new Stack();
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [], partition: Aws.PARTITION, propsName: 'P', dataEvents: [DataEvents.s3Buckets(['app-data'])],
    });
    const arn = (selectors[1].fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[])[2];
    expect(stack.resolve(arn.startsWith)).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::app-data/']] }]);
  });

  test('s3Prefixes: StartsWith arn:<partition>:s3:::bucket/prefix for each prefix', () => {
    const { selectors } = render({
      dataEvents: [DataEvents.s3Prefixes('app-data', ['uploads/', 'exports/2024'], ReadWriteType.WRITE_ONLY)],
    });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: S3 objects under 2 prefixes of one bucket, log archive excluded, write-only',
      fieldSelectors: [DATA, S3_TYPE, { field: 'readOnly', equalTo: ['false'] }, {
        field: 'resources.ARN',
        startsWith: ['arn:aws:s3:::app-data/uploads/', 'arn:aws:s3:::app-data/exports/2024'],
        notStartsWith: [`${ARCHIVE_ARN}/`, `${ACCESS_LOGS_ARN}/`],
      }],
    });
  });

  test.each([
    ['the archive bucket', () => DataEvents.s3Buckets(['app-data', ARCHIVE]), ARCHIVE],
    ['the access-logs bucket', () => DataEvents.s3Buckets([ACCESS_LOGS]), ACCESS_LOGS],
    ['a prefix of the archive bucket', () => DataEvents.s3Prefixes(ARCHIVE, ['AWSLogs/']), ARCHIVE],
  ])('naming %s is an error', (_what, dataEvents, bucket) => {
    expectError(() => render({ dataEvents: [DataEvents.lambdaAllFunctions(), dataEvents()] }), 'BaselineTrailProps.dataEvents[1]',
      new RegExp(`names bucket '${bucket}', which is excluded from S3 data events .*Landing Zone Accelerator #1192`));
  });

  test('a bucket whose name only starts like the archive name is not excluded by name', () => {
    const { selectors } = render({ dataEvents: [DataEvents.s3Buckets([`${ARCHIVE}-2`])] });
    expect(selectors[1].fieldSelectors).toContainEqual(expect.objectContaining({ startsWith: [`${ARCHIVE_ARN}-2/`] }));
  });

  test('archive buckets of the same stack (token ARNs) are excluded with a trailing slash', () => {
    const stack = new Stack(new App(), 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
    const archive = new Bucket(stack, 'Bucket');
    const accessLogs = new Bucket(stack, 'AccessLogs');
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [archive.bucketArn, accessLogs.bucketArn],
      partition: stack.partition,
      propsName: 'BaselineTrailProps',
      dataEvents: [DataEvents.s3AllBuckets(), DataEvents.s3Buckets(['app-data'])],
    });
    const exclusion = (selectors[1].fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[])[2];
    expect(stack.resolve(exclusion.notStartsWith)).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(archive.node.defaultChild as CfnBucket), 'Arn'] }, '/']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(accessLogs.node.defaultChild as CfnBucket), 'Arn'] }, '/']] },
    ]);
  });

  test('an imported archive bucket (ARN with a token partition) is still recognised by name', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
    const imported = Bucket.fromBucketName(stack, 'Archive', ARCHIVE);
    const input = (dataEvents: DataEvents[]) => ({
      excludedBucketArns: [imported.bucketArn], partition: 'aws', propsName: 'BaselineTrailProps', dataEvents,
    });
    expectError(() => renderAdvancedEventSelectors(new Construct(stack, 'Trail'), input([DataEvents.s3Prefixes(ARCHIVE, ['AWSLogs/'])])),
      'BaselineTrailProps.dataEvents[0]', new RegExp(`names bucket '${ARCHIVE}'`));
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail2'), input([DataEvents.s3AllBuckets()]));
    const exclusion = (selectors[1].fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[])[2];
    expect(stack.resolve(exclusion.notStartsWith)).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${ARCHIVE}/`]] }]);
  });

  test('with no bucket to exclude: no resources.ARN condition for all buckets, and a feedback-loop warning', () => {
    const { selectors, warnings } = render({ excludedBucketArns: [], dataEvents: [DataEvents.s3AllBuckets()] });
    expect(selectors[1]).toEqual({ name: 'Data events 1: S3 objects in all buckets', fieldSelectors: [DATA, S3_TYPE] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/BaselineTrailProps\.dataEvents selects S3 data events but no bucket is excluded.*#1192/);
  });

  test('bucket names that are tokens are accepted and used as is', () => {
    const name = Lazy.string({ produce: () => 'late-bucket' });
    const stack = new Stack();
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [ARCHIVE_ARN], partition: 'aws', propsName: 'P', dataEvents: [DataEvents.s3Buckets([name])],
    });
    const arn = (selectors[1].fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[])[2];
    expect(stack.resolve(arn.startsWith)).toEqual(['arn:aws:s3:::late-bucket/']);
  });

  test.each<[string, () => DataEvents, string, RegExp]>([
    ['no bucket', () => DataEvents.s3Buckets([]), 'DataEvents.s3Buckets.bucketNames', /at least one bucket name/],
    ['a duplicate', () => DataEvents.s3Buckets(['a-b-c', 'a-b-c']), 'DataEvents.s3Buckets.bucketNames', /lists 'a-b-c' more than once/],
    ['an invalid name', () => DataEvents.s3Buckets(['My_Bucket']), 'DataEvents.s3Buckets.bucketNames', /must follow the S3 bucket naming rules.*got 'My_Bucket'/],
    ['a too short name', () => DataEvents.s3Buckets(['ab']), 'DataEvents.s3Buckets.bucketNames', /must follow the S3 bucket naming rules/],
    ['adjacent dots', () => DataEvents.s3Buckets(['a..b']), 'DataEvents.s3Buckets.bucketNames', /must follow the S3 bucket naming rules/],
    ['an ARN', () => DataEvents.s3Buckets(['arn:aws:s3:::app-data']), 'DataEvents.s3Buckets.bucketNames', /a bucket name, not an ARN/],
    ['an invalid bucket', () => DataEvents.s3Prefixes('Bad Bucket', ['x/']), 'DataEvents.s3Prefixes.bucketName', /must follow the S3 bucket naming rules/],
    ['a reserved suffix', () => DataEvents.s3Buckets(['example-s3alias']), 'DataEvents.s3Buckets.bucketNames', /must follow the S3 bucket naming rules/],
    ['no prefix', () => DataEvents.s3Prefixes('app-data', []), 'DataEvents.s3Prefixes.prefixes', /at least one prefix/],
    ['an empty prefix', () => DataEvents.s3Prefixes('app-data', ['']), 'DataEvents.s3Prefixes.prefixes', /1 to 1024 characters .*DataEvents\.s3Buckets\(\)/],
    ['a prefix over 1,024 characters', () => DataEvents.s3Prefixes('app-data', ['p'.repeat(1025)]), 'DataEvents.s3Prefixes.prefixes', /1 to 1024 characters/],
    ['a duplicate prefix', () => DataEvents.s3Prefixes('app-data', ['x/', 'x/']), 'DataEvents.s3Prefixes.prefixes', /more than once/],
  ])('S3 factories refuse %s', (_what, factory, property, message) => {
    expectError(factory, property, message);
  });

  test('a prefix of 1,024 characters is accepted', () => {
    expect(() => DataEvents.s3Prefixes('app-data', ['p'.repeat(1024)])).not.toThrow();
  });
});

describe('Lambda and DynamoDB data events', () => {
  test('lambdaAllFunctions: the resource type only', () => {
    const { selectors } = render({ dataEvents: [DataEvents.lambdaAllFunctions()] });
    expect(selectors[1]).toEqual({ name: 'Data events 1: Lambda invocations of all functions', fieldSelectors: [DATA, LAMBDA_TYPE] });
  });

  test('lambdaFunctions: resources.ARN Equals the function ARNs, no archive exclusion', () => {
    const { selectors } = render({ dataEvents: [DataEvents.lambdaFunctions([FN_A, FN_B], ReadWriteType.WRITE_ONLY)] });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: Lambda invocations of 2 functions, write-only',
      fieldSelectors: [DATA, LAMBDA_TYPE, { field: 'readOnly', equalTo: ['false'] }, { field: 'resources.ARN', equalTo: [FN_A, FN_B] }],
    });
  });

  test('dynamoDbAllTables: the resource type only, read-only if asked', () => {
    const { selectors } = render({ dataEvents: [DataEvents.dynamoDbAllTables(ReadWriteType.READ_ONLY)] });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: DynamoDB items of all tables, read-only',
      fieldSelectors: [DATA, DYNAMODB_TYPE, { field: 'readOnly', equalTo: ['true'] }],
    });
  });

  test('dynamoDbTables: resources.ARN Equals the table ARNs', () => {
    const { selectors } = render({ dataEvents: [DataEvents.dynamoDbTables([TABLE_A, TABLE_B])] });
    expect(selectors[1]).toEqual({
      name: 'Data events 1: DynamoDB items of 2 tables',
      fieldSelectors: [DATA, DYNAMODB_TYPE, { field: 'resources.ARN', equalTo: [TABLE_A, TABLE_B] }],
    });
  });

  test.each<[string, () => DataEvents, string, RegExp]>([
    ['no function', () => DataEvents.lambdaFunctions([]), 'DataEvents.lambdaFunctions.functionArns', /at least one ARN/],
    ['a duplicate', () => DataEvents.lambdaFunctions([FN_A, FN_A]), 'DataEvents.lambdaFunctions.functionArns', /more than once/],
    ['a qualified ARN', () => DataEvents.lambdaFunctions([`${FN_A}:prod`]), 'DataEvents.lambdaFunctions.functionArns', /unqualified Lambda function ARN/],
    ['a function name', () => DataEvents.lambdaFunctions(['orders']), 'DataEvents.lambdaFunctions.functionArns', /got 'orders'/],
    ['a slash form', () => DataEvents.lambdaFunctions(['arn:aws:lambda:us-east-1:111111111111:function/orders']),
      'DataEvents.lambdaFunctions.functionArns', /function:<name>/],
    ['a table ARN', () => DataEvents.lambdaFunctions([TABLE_A]), 'DataEvents.lambdaFunctions.functionArns', /Lambda function ARN/],
    ['no table', () => DataEvents.dynamoDbTables([]), 'DataEvents.dynamoDbTables.tableArns', /at least one ARN/],
    ['a duplicate table', () => DataEvents.dynamoDbTables([TABLE_A, TABLE_A]), 'DataEvents.dynamoDbTables.tableArns', /more than once/],
    ['a stream ARN', () => DataEvents.dynamoDbTables([`${TABLE_A}/stream/2024-01-01T00:00:00.000`]), 'DataEvents.dynamoDbTables.tableArns', /DynamoDB table ARN/],
    ['an index ARN', () => DataEvents.dynamoDbTables([`${TABLE_A}/index/byDate`]), 'DataEvents.dynamoDbTables.tableArns', /table\/<name>/],
    ['a short account', () => DataEvents.dynamoDbTables(['arn:aws:dynamodb:us-east-1:1111:table/Orders']), 'DataEvents.dynamoDbTables.tableArns', /DynamoDB table ARN/],
    ['a function ARN', () => DataEvents.dynamoDbTables([FN_A]), 'DataEvents.dynamoDbTables.tableArns', /DynamoDB table ARN/],
  ])('Lambda / DynamoDB factories refuse %s', (_what, factory, property, message) => {
    expectError(factory, property, message);
  });

  test('ARNs that are tokens are accepted without shape checks', () => {
    const fnArn = Lazy.string({ produce: () => FN_A });
    const tableArn = Lazy.string({ produce: () => TABLE_A });
    const stack = new Stack();
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [],
      partition: 'aws-cn',
      propsName: 'P',
      dataEvents: [DataEvents.lambdaFunctions([fnArn]), DataEvents.dynamoDbTables([tableArn])],
    });
    expect(stack.resolve(selectors.slice(1).map((s) => (s.fieldSelectors as CfnTrail.AdvancedFieldSelectorProperty[])[2].equalTo)))
      .toEqual([[FN_A], [TABLE_A]]);
  });

  test.each([
    ['lambdaFunctions', () => DataEvents.lambdaFunctions(['arn:aws-cn:lambda:cn-north-1:111111111111:function:orders']), 'lambda'],
    ['dynamoDbTables', () => DataEvents.dynamoDbTables(['arn:aws-us-gov:dynamodb:us-gov-west-1:111111111111:table/Orders']), 'dynamodb'],
  ])('%s in another partition than the trail is an error', (factory, dataEvents, service) => {
    expectError(() => render({ dataEvents: [dataEvents()] }), 'BaselineTrailProps.dataEvents[0]',
      new RegExp(`DataEvents\\.${factory} names ${service} ARN .* of partition 'aws-(cn|us-gov)', but the trail is in partition 'aws'`));
  });

  test('with a token partition (environment-agnostic stack) literal ARNs of any partition are accepted', () => {
    const stack = new Stack();
    expect(() => renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [], partition: stack.partition, propsName: 'P', dataEvents: [DataEvents.lambdaFunctions([FN_A])],
    })).not.toThrow();
  });
});

describe('every factory', () => {
  const factories: Array<[string, (rw?: ReadWriteType) => DataEvents]> = [
    ['s3AllBuckets', (rw) => DataEvents.s3AllBuckets(rw)],
    ['s3Buckets', (rw) => DataEvents.s3Buckets(['app-data'], rw)],
    ['s3Prefixes', (rw) => DataEvents.s3Prefixes('app-data', ['x/'], rw)],
    ['lambdaAllFunctions', (rw) => DataEvents.lambdaAllFunctions(rw)],
    ['lambdaFunctions', (rw) => DataEvents.lambdaFunctions([FN_A], rw)],
    ['dynamoDbAllTables', (rw) => DataEvents.dynamoDbAllTables(rw)],
    ['dynamoDbTables', (rw) => DataEvents.dynamoDbTables([TABLE_A], rw)],
  ];

  test.each(factories)('%s refuses ReadWriteType.NONE, naming the argument', (name, factory) => {
    expectError(() => factory(ReadWriteType.NONE), `DataEvents.${name}.readWriteType`, /must be READ_ONLY, WRITE_ONLY or ALL: NONE would select no data event/);
  });

  test.each(factories)('%s refuses a value that is not a ReadWriteType', (name, factory) => {
    expectError(() => factory('Sometimes' as ReadWriteType), `DataEvents.${name}.readWriteType`, /must be a ReadWriteType/);
  });

  test.each(factories)('%s defaults to read and write events (no readOnly condition)', (_name, factory) => {
    const { selectors } = render({ dataEvents: [factory()] });
    expect(selectors[1].fieldSelectors).not.toContainEqual(expect.objectContaining({ field: 'readOnly' }));
    expect(selectors[1].fieldSelectors).toEqual(expect.arrayContaining([DATA]));
  });

  test('an entry that no factory made is an error naming its index', () => {
    expectError(() => render({ dataEvents: [DataEvents.s3AllBuckets(), {} as DataEvents] }), 'BaselineTrailProps.dataEvents[1]',
      /must be made by a DataEvents factory/);
  });

  test('rendering is deterministic and the names are unique', () => {
    const input = () => ({
      managementEvents: { readWriteType: ReadWriteType.ALL },
      dataEvents: [
        DataEvents.s3AllBuckets(ReadWriteType.WRITE_ONLY), DataEvents.s3AllBuckets(ReadWriteType.WRITE_ONLY), DataEvents.lambdaFunctions([FN_A]),
      ],
    });
    const first = render(input()).selectors;
    expect(render(input()).selectors).toEqual(first);
    expect(new Set(first.map((s) => s.name)).size).toBe(first.length);
    expect(first.map((s) => s.name)).toEqual([
      'Management events selector',
      'Data events 1: S3 objects in all buckets, log archive excluded, write-only',
      'Data events 2: S3 objects in all buckets, log archive excluded, write-only',
      'Data events 3: Lambda invocations of 1 function',
    ]);
  });
});

describe('in an AWS::CloudTrail::Trail', () => {
  test('the selectors synthesize to AdvancedEventSelectors with Field / Equals / StartsWith / NotStartsWith', () => {
    const stack = new Stack(new App(), 'Audit', { env: { account: '111111111111', region: 'us-east-1' } });
    const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
      excludedBucketArns: [ARCHIVE_ARN, ACCESS_LOGS_ARN],
      partition: 'aws',
      propsName: 'BaselineTrailProps',
      managementEvents: { excludeKmsEvents: true },
      dataEvents: [DataEvents.s3Buckets(['app-data'], ReadWriteType.READ_ONLY)],
    });
    new CfnTrail(stack, 'Resource', { isLogging: true, s3BucketName: ARCHIVE, advancedEventSelectors: selectors });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: [
        {
          Name: 'Management events selector',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }],
        },
        {
          Name: 'Data events 1: S3 objects in 1 bucket, log archive excluded, read-only',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'readOnly', Equals: ['true'] },
            { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::app-data/'], NotStartsWith: [`${ARCHIVE_ARN}/`, `${ACCESS_LOGS_ARN}/`] },
          ],
        },
      ],
    });
  });
});

describe('conditions and quotas', () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `bucket-${String(i).padStart(3, '0')}`);

  test('countConditions counts every value of every operator, eventCategory and resources.type included', () => {
    expect(countConditions([MANAGEMENT])).toBe(1);
    expect(countConditions(render({
      managementEvents: { readWriteType: ReadWriteType.READ_ONLY, excludeKmsEvents: true, excludeRdsDataApiEvents: true },
    }).selectors)).toBe(4);
    // Data, S3 type, 3 StartsWith, 2 NotStartsWith.
    expect(countConditions(render({ dataEvents: [DataEvents.s3Buckets(['aaa', 'bbb', 'ccc'])] }).selectors)).toBe(1 + 7);
    expect(countConditions([{
      fieldSelectors: [{ field: 'x', equalTo: ['a'], notEquals: ['b', 'c'], startsWith: ['d'], notStartsWith: ['e'], endsWith: ['f', 'g'], notEndsWith: ['h'] }],
    }])).toBe(8);
  });

  test('countConditions counts unresolved parts as 0', () => {
    const resolvable = Lazy.any({ produce: () => [] });
    expect(countConditions([{ fieldSelectors: resolvable as any }, { fieldSelectors: [resolvable as any, { field: 'x', equalTo: ['a'] }] }])).toBe(1);
  });

  test('500 condition values are accepted', () => {
    // Management 1 + (Data, S3 type, 495 buckets, 2 exclusions) = 500.
    const { selectors } = render({ dataEvents: [DataEvents.s3Buckets(names(495))] });
    expect(countConditions(selectors)).toBe(MAX_ADVANCED_EVENT_SELECTOR_CONDITIONS);
  });

  test('501 condition values are an error naming dataEvents and the count', () => {
    expectError(() => render({ dataEvents: [DataEvents.s3Buckets(names(496))] }), 'BaselineTrailProps.dataEvents',
      /advanced event selectors hold 501 condition values; CloudTrail allows at most 500 per trail/);
  });

  test('the excluded buckets count too, in every S3 selection', () => {
    // Management 1 + 2 x (Data, S3 type, 247 buckets, 2 exclusions) = 503.
    expectError(() => render({ dataEvents: [DataEvents.s3Buckets(names(247)), DataEvents.s3Buckets(names(247))] }),
      'BaselineTrailProps.dataEvents', /hold 503 condition values/);
  });

  test('checkSelectorQuotas refuses names that are empty or over 1,000 characters, and accepts 1,000', () => {
    const selector = (name: string) => ({ name, fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] });
    expect(() => checkSelectorQuotas([selector('n'.repeat(1000))], 'P')).not.toThrow();
    expectError(() => checkSelectorQuotas([selector('n'.repeat(1001))], 'P'), 'P.dataEvents', /a name of 1001 characters; CloudTrail accepts 1 to 1000/);
    expectError(() => checkSelectorQuotas([selector('')], 'P'), 'P.dataEvents', /a name of 0 characters/);
    expect(() => checkSelectorQuotas([selector(Lazy.string({ produce: () => '' }))], 'P')).not.toThrow();
  });
});

describe('Insights', () => {
  const CALL = InsightType.API_CALL_RATE;
  const ERROR = InsightType.API_ERROR_RATE;

  test.each([undefined, ReadWriteType.ALL, ReadWriteType.WRITE_ONLY])('both Insights types work with management readWriteType %s', (readWriteType) => {
    expect(() => checkInsights([CALL, ERROR], readWriteType ? { readWriteType } : undefined, 'BaselineTrailProps')).not.toThrow();
  });

  test('ApiCallRateInsight needs write management events: READ_ONLY and NONE are errors', () => {
    for (const readWriteType of [ReadWriteType.READ_ONLY, ReadWriteType.NONE]) {
      expectError(() => checkInsights([CALL], { readWriteType }, 'BaselineTrailProps'), 'BaselineTrailProps.insightTypes',
        /^BaselineTrailProps\.insightTypes: ApiCallRateInsight analyses write management events, but managementEvents\.readWriteType is ReadWriteType\.(READ_ONLY|NONE)/);
    }
  });

  test('ApiErrorRateInsight needs read or write management events: READ_ONLY works, NONE is an error', () => {
    expect(() => checkInsights([ERROR], { readWriteType: ReadWriteType.READ_ONLY }, 'P')).not.toThrow();
    expectError(() => checkInsights([ERROR], { readWriteType: ReadWriteType.NONE }, 'P'), 'P.insightTypes',
      /ApiErrorRateInsight analyses read or write management events, but managementEvents\.readWriteType is ReadWriteType\.NONE/);
  });

  test('no Insights, no constraint', () => {
    expect(() => checkInsights([], { readWriteType: ReadWriteType.NONE }, 'P')).not.toThrow();
  });

  test('KMS and RDS Data API exclusions do not matter to Insights', () => {
    expect(() => checkInsights([CALL, ERROR], { excludeKmsEvents: true, excludeRdsDataApiEvents: true }, 'P')).not.toThrow();
  });
});
