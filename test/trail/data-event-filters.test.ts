/**
 * `DataEvents.filter()`: the eventName, userIdentity.arn and sessionCredentialFromConsole field
 * selectors CloudTrail accepts for data events on trails, rendered next to the selection's own;
 * bad filters refused by name; the fields trails accept only on event data stores refused in
 * `ManagementEventsOptions`.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';
import { LogArchive } from '../../lib/log-archive';
import { BaselineTrail, DataEventFilters, DataEvents, NetworkActivityEvents, NetworkActivityEventSource } from '../../lib/trail';
import { countConditions, EventSelectionInput, renderAdvancedEventSelectors } from '../../lib/trail/event-selection';

const ARCHIVE_ARN = 'arn:aws:s3:::example-cloudtrail-archive';
const ROLE_PREFIX = 'arn:aws:sts::111111111111:assumed-role/payments-';

function render(dataEvents: DataEvents[], input: Partial<EventSelectionInput> = {}) {
  const stack = new Stack(new App(), 'Stack');
  return renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
    excludedBucketArns: [ARCHIVE_ARN], partition: 'aws', propsName: 'BaselineTrailProps', dataEvents, ...input,
  });
}

describe('DataEvents.filter', () => {
  test('adds eventName, userIdentity.arn and sessionCredentialFromConsole after the selection\'s own field selectors', () => {
    const [, data] = render([DataEvents.s3AllBuckets(ReadWriteType.WRITE_ONLY).filter({
      eventNames: ['PutObject', 'DeleteObject'],
      userIdentityArnPrefixes: [ROLE_PREFIX],
      excludeUserIdentityArnPrefixes: [`${ROLE_PREFIX}batch`],
      sessionCredentialFromConsole: false,
    })]);
    expect(data.fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['Data'] },
      { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
      { field: 'readOnly', equalTo: ['false'] },
      { field: 'resources.ARN', notStartsWith: [`${ARCHIVE_ARN}/`] },
      { field: 'eventName', equalTo: ['PutObject', 'DeleteObject'] },
      { field: 'userIdentity.arn', startsWith: [ROLE_PREFIX], notStartsWith: [`${ROLE_PREFIX}batch`] },
      { field: 'sessionCredentialFromConsole', equalTo: ['false'] },
    ]);
    expect(data.name).toMatch(/^Data events 1: .*, 2 operations, some principals, no console sessions, write-only$/);
  });

  test('excludeEventNames renders NotEquals; the original selection is unchanged', () => {
    const all = DataEvents.lambdaAllFunctions();
    const filtered = all.filter({ excludeEventNames: ['Invoke'] });
    const [, data] = render([filtered]);
    expect(data.fieldSelectors).toContainEqual({ field: 'eventName', notEquals: ['Invoke'] });
    const [, plain] = render([all]);
    expect(JSON.stringify(plain.fieldSelectors)).not.toContain('eventName');
  });

  test('every filter value counts toward the 500 condition values', () => {
    const names = Array.from({ length: 10 }, (_, i) => `Operation${i}`);
    expect(countConditions(render([DataEvents.s3AllBuckets().filter({ eventNames: names })]))
      - countConditions(render([DataEvents.s3AllBuckets()]))).toBe(10);
  });

  test('a trail renders them into AWS::CloudTrail::Trail', () => {
    const stack = new Stack(new App(), 'Trail', { env: { account: '111111111111', region: 'us-east-1' } });
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'example-cloudtrail-archive', encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    });
    new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail', dataEvents: [DataEvents.dynamoDbAllTables().filter({ sessionCredentialFromConsole: true })] });
    const [trail] = Object.values(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'));
    expect(JSON.stringify(trail.Properties.AdvancedEventSelectors)).toContain('{"Equals":["true"],"Field":"sessionCredentialFromConsole"}');
  });

  test.each<[DataEventFilters, RegExp]>([
    [{}, /DataEvents\.s3AllBuckets\(\)\.filter: names no filter/],
    [{ eventNames: [] }, /DataEvents\.s3AllBuckets\(\)\.filter\.eventNames: must hold at least one value/],
    [{ eventNames: ['PutObject', 'PutObject'] }, /\.eventNames: lists 'PutObject' more than once/],
    [{ eventNames: ['s3:PutObject'] }, /\.eventNames: must hold API operation names such as PutObject \(got 's3:PutObject'\)/],
    [{ eventNames: ['PutObject'], excludeEventNames: ['GetObject'] }, /\.excludeEventNames: cannot be given with eventNames/],
    [{ userIdentityArnPrefixes: ['payments-role'] }, /\.userIdentityArnPrefixes: must hold ARN prefixes/],
    [{ excludeUserIdentityArnPrefixes: ['x'.repeat(10)] }, /\.excludeUserIdentityArnPrefixes: must hold ARN prefixes/],
    [{ eventName: ['PutObject'] } as unknown as DataEventFilters, /\.filter\.eventName: is not a property/],
    [{ sessionCredentialFromConsole: 'yes' } as unknown as DataEventFilters, /\.filter\.sessionCredentialFromConsole: must be/],
  ])('refuses %j', (filters, message) => {
    expect(() => DataEvents.s3AllBuckets().filter(filters)).toThrow(message);
  });

  test('filtering twice is refused: one call says it all', () => {
    expect(() => DataEvents.s3AllBuckets().filter({ eventNames: ['PutObject'] }).filter({ sessionCredentialFromConsole: true }))
      .toThrow(/DataEvents\.s3AllBuckets\(\)\.filter: is already applied/);
  });
});

describe('fields trails accept for management events on event data stores only', () => {
  test.each(['eventNames', 'excludeEventNames', 'eventType', 'sessionCredentialFromConsole', 'userIdentityArnPrefixes'])('ManagementEventsOptions.%s is refused by name', (key) => {
    const stack = new Stack(new App(), 'Trail', { env: { account: '111111111111', region: 'us-east-1' } });
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'example-cloudtrail-archive', encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    });
    expect(() => new BaselineTrail(stack, 'Trail', {
      logArchive: archive, trailName: 'account-trail', managementEvents: { [key]: ['x'] } as never,
    })).toThrow(new RegExp(`BaselineTrailProps\\.managementEvents\\.${key}: CloudTrail accepts eventName, eventType, sessionCredentialFromConsole and userIdentity\\.arn for management events on event data stores only`));
  });
});

describe('userIdentity.arn on network activity events (trails accept it there too)', () => {
  test('renders StartsWith / NotStartsWith after the event source, errorCode and endpoints', () => {
    const [, network] = render([], {
      networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([NetworkActivityEventSource.KMS], {
        userIdentityArnPrefixes: ['arn:aws:sts::111111111111:assumed-role/'], excludeUserIdentityArnPrefixes: [`${ROLE_PREFIX}batch`],
      })],
    });
    expect(network.fieldSelectors).toEqual([
      { field: 'eventCategory', equalTo: ['NetworkActivity'] },
      { field: 'eventSource', equalTo: ['kms.amazonaws.com'] },
      { field: 'errorCode', equalTo: ['VpceAccessDenied'] },
      { field: 'userIdentity.arn', startsWith: ['arn:aws:sts::111111111111:assumed-role/'], notStartsWith: [`${ROLE_PREFIX}batch`] },
    ]);
  });

  test.each([
    [{ userIdentityArnPrefixes: [] }, /NetworkActivityEvents\.all\.options\.userIdentityArnPrefixes: must hold at least one value/],
    [{ excludeUserIdentityArnPrefixes: ['role/x'] }, /NetworkActivityEvents\.all\.options\.excludeUserIdentityArnPrefixes: must hold ARN prefixes/],
  ])('refuses %j', (options, message) => {
    expect(() => NetworkActivityEvents.all([NetworkActivityEventSource.S3], options)).toThrow(message);
  });
});
