/**
 * Network activity events (`NetworkActivityEvents`, `NetworkActivityEventSource`) rendered as advanced event
 * selectors, statement by statement; Insights on data events (`insightEventCategories`) and data-event
 * aggregation (`dataEventsAggregations`) as CfnTrail properties; and the checks of each.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';
import { CloudTrailBaseline } from '../../lib/baseline';
import { LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { CloudTrailBaselineError } from '../../lib/private/errors';
import {
  BaselineTrail, BaselineTrailProps, DataEvents, DataEventsAggregation, InsightEventCategory, NetworkActivityEvents, NetworkActivityEventSource,
} from '../../lib/trail';
import { countConditions, EventSelectionInput, renderAdvancedEventSelectors } from '../../lib/trail/event-selection';

const ENV = { account: '111111111111', region: 'us-east-1' };
const MANAGEMENT = { name: 'Management events selector', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] };
const NETWORK = { field: 'eventCategory', equalTo: ['NetworkActivity'] };
const DENIED = { field: 'errorCode', equalTo: ['VpceAccessDenied'] };
const { CLOUDTRAIL, KMS, S3, SECRETS_MANAGER } = NetworkActivityEventSource;

function render(input: Partial<EventSelectionInput> = {}) {
  const stack = new Stack(new App(), 'Stack');
  const selectors = renderAdvancedEventSelectors(new Construct(stack, 'Trail'), {
    excludedBucketArns: [], partition: 'aws', propsName: 'BaselineTrailProps', ...input,
  });
  return { stack, selectors };
}

function trail(props: Partial<BaselineTrailProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const logArchive = new LogArchive(stack, 'Archive', { bucketName: 'example-archive-111111111111', accessLogsBucketName: 'example-archive-logs-111111111111' });
  new BaselineTrail(stack, 'Trail', { trailName: 'account-trail', logArchive, ...props });
  return Template.fromStack(stack);
}

function trailProperties(props: Partial<BaselineTrailProps> = {}) {
  return Object.values(trail(props).findResources('AWS::CloudTrail::Trail'))[0].Properties;
}

describe('NetworkActivityEventSource', () => {
  test('the constants are the services\' event sources', () => {
    expect([CLOUDTRAIL, KMS, S3, SECRETS_MANAGER].map((s) => s.value))
      .toEqual(['cloudtrail.amazonaws.com', 'kms.amazonaws.com', 's3.amazonaws.com', 'secretsmanager.amazonaws.com']);
    expect([NetworkActivityEventSource.EC2, NetworkActivityEventSource.DYNAMODB, NetworkActivityEventSource.LAMBDA, NetworkActivityEventSource.SNS,
      NetworkActivityEventSource.SQS, NetworkActivityEventSource.SSM].map((s) => s.value))
      .toEqual(['ec2.amazonaws.com', 'dynamodb.amazonaws.com', 'lambda.amazonaws.com', 'sns.amazonaws.com', 'sqs.amazonaws.com', 'ssm.amazonaws.com']);
  });

  test('of() takes another <service>.amazonaws.com and refuses anything else, by name', () => {
    expect(NetworkActivityEventSource.of('bedrock.amazonaws.com').value).toBe('bedrock.amazonaws.com');
    for (const bad of ['bedrock', 'Bedrock.amazonaws.com', 'bedrock.amazonaws.com.cn', '', 'a b.amazonaws.com']) {
      expect(() => NetworkActivityEventSource.of(bad)).toThrow(/^NetworkActivityEventSource\.of\(eventSource\): must be an event source of the form <service>\.amazonaws\.com/);
    }
    expect(() => NetworkActivityEventSource.of(new Stack().region)).toThrow(/must be a literal event source/);
    expect(() => NetworkActivityEventSource.of(7 as unknown as string)).toThrow(CloudTrailBaselineError);
  });
});

describe('NetworkActivityEvents rendered as advanced event selectors', () => {
  test('vpceAccessDenied: one selector per event source, after the management selector: category, source, errorCode', () => {
    const { selectors } = render({ networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([CLOUDTRAIL, KMS, S3, SECRETS_MANAGER])] });
    expect(selectors).toEqual([
      MANAGEMENT,
      ...['cloudtrail', 'kms', 's3', 'secretsmanager'].map((s) => ({
        name: `Network activity: ${s}.amazonaws.com VPC endpoint denials`,
        fieldSelectors: [NETWORK, { field: 'eventSource', equalTo: [`${s}.amazonaws.com`] }, DENIED],
      })),
    ]);
    // 1 + 4 x 3 condition values of the trail's 500.
    expect(countConditions(selectors)).toBe(13);
  });

  test('all(): no errorCode condition; vpcEndpointIds: a vpcEndpointId Equals condition', () => {
    const { selectors } = render({
      networkActivityEvents: [
        NetworkActivityEvents.all([KMS], { vpcEndpointIds: ['vpce-0123456789abcdef0', 'vpce-01234567'] }),
        NetworkActivityEvents.vpceAccessDenied([S3], { vpcEndpointIds: ['vpce-0123456789abcdef0'] }),
      ],
    });
    expect(selectors.slice(1)).toEqual([
      {
        name: 'Network activity: kms.amazonaws.com, 2 VPC endpoints',
        fieldSelectors: [NETWORK, { field: 'eventSource', equalTo: ['kms.amazonaws.com'] }, { field: 'vpcEndpointId', equalTo: ['vpce-0123456789abcdef0', 'vpce-01234567'] }],
      },
      {
        name: 'Network activity: s3.amazonaws.com VPC endpoint denials, 1 VPC endpoint',
        fieldSelectors: [NETWORK, { field: 'eventSource', equalTo: ['s3.amazonaws.com'] }, DENIED, { field: 'vpcEndpointId', equalTo: ['vpce-0123456789abcdef0'] }],
      },
    ]);
  });

  test('a trail that logs only network activity events (management NONE) is accepted; with nothing at all it is refused', () => {
    const { selectors } = render({
      managementEvents: { readWriteType: ReadWriteType.NONE },
      networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([KMS])],
    });
    expect(selectors.map((s) => s.name)).toEqual(['Network activity: kms.amazonaws.com VPC endpoint denials']);
    expect(() => render({ managementEvents: { readWriteType: ReadWriteType.NONE } }))
      .toThrow(/and dataEvents and networkActivityEvents are empty/);
  });

  test('data events come before network activity events', () => {
    const { selectors } = render({
      dataEvents: [DataEvents.lambdaAllFunctions()],
      networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([KMS])],
    });
    expect(selectors.map((s) => s.name)).toEqual(['Management events selector', 'Data events 1: Lambda invocations of all functions',
      'Network activity: kms.amazonaws.com VPC endpoint denials']);
  });

  test.each([
    ['no event source', () => NetworkActivityEvents.vpceAccessDenied([]), /^NetworkActivityEvents\.vpceAccessDenied\.eventSources: must hold at least one event source/],
    ['a repeated source', () => NetworkActivityEvents.all([KMS, KMS]), /^NetworkActivityEvents\.all\.eventSources: lists 'kms\.amazonaws\.com' more than once/],
    ['a string for a source', () => NetworkActivityEvents.all(['kms.amazonaws.com' as unknown as NetworkActivityEventSource]), /NetworkActivityEvents\.all\.eventSources/],
    ['an empty endpoint list', () => NetworkActivityEvents.all([KMS], { vpcEndpointIds: [] }), /vpcEndpointIds: must hold at least one ID when given/],
    ['a malformed endpoint ID', () => NetworkActivityEvents.all([KMS], { vpcEndpointIds: ['vpce-xyz'] }), /vpcEndpointIds: must hold VPC endpoint IDs, vpce- and 8 or 17 hexadecimal digits \(got 'vpce-xyz'\)/],
    ['a repeated endpoint ID', () => NetworkActivityEvents.all([KMS], { vpcEndpointIds: ['vpce-01234567', 'vpce-01234567'] }), /vpcEndpointIds: lists 'vpce-01234567' more than once/],
    ['a misspelt option', () => NetworkActivityEvents.all([KMS], { vpcEndpointId: ['vpce-01234567'] } as never), /NetworkActivityEventsOptions/],
  ])('refuses %s, by name', (_name, make, message) => {
    expect(make).toThrow(CloudTrailBaselineError);
    expect(make).toThrow(message);
  });

  test('refuses the same event source in two entries, naming the second', () => {
    expect(() => render({ networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([KMS]), NetworkActivityEvents.all([S3, KMS])] }))
      .toThrow(/^BaselineTrailProps\.networkActivityEvents\[1\]: selects network activity events of kms\.amazonaws\.com, which BaselineTrailProps\.networkActivityEvents\[0\] selects already/);
  });

  test('refuses an entry not made by a factory', () => {
    expect(() => render({ networkActivityEvents: [{} as NetworkActivityEvents] }))
      .toThrow(/^BaselineTrailProps\.networkActivityEvents\[0\]: must be made by a NetworkActivityEvents factory/);
  });

  test('counts against the 500 condition values of the trail, naming both props', () => {
    const ids = Array.from({ length: 170 }, (_, i) => `vpce-${i.toString(16).padStart(8, '0')}`);
    // 1 + 3 x (2 + 170) = 517 > 500
    expect(() => render({ networkActivityEvents: [NetworkActivityEvents.all([KMS, S3, CLOUDTRAIL], { vpcEndpointIds: ids })] }))
      .toThrow(/^BaselineTrailProps\.dataEvents and BaselineTrailProps\.networkActivityEvents: the trail's advanced event selectors hold 517 condition values; CloudTrail allows at most 500/);
    expect(() => render({ networkActivityEvents: [NetworkActivityEvents.all([KMS, S3], { vpcEndpointIds: ids })] })).not.toThrow();
  });

  test('through BaselineTrail and CloudTrailBaseline into the template', () => {
    const props = trailProperties({ networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([KMS])] });
    expect(props.AdvancedEventSelectors).toEqual([
      { Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'Network activity: kms.amazonaws.com VPC endpoint denials',
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['NetworkActivity'] }, { Field: 'eventSource', Equals: ['kms.amazonaws.com'] },
          { Field: 'errorCode', Equals: ['VpceAccessDenied'] }],
      },
    ]);
    const stack = new Stack(new App(), 'Baseline', { env: ENV });
    new CloudTrailBaseline(stack, 'Baseline', {
      trail: TrailDescription.accountTrail({ accountId: ENV.account, region: ENV.region, trailName: 'account-trail' }),
      notificationEmails: ['a@example.com'],
      networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([S3])],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([Match.objectLike({ Name: 'Network activity: s3.amazonaws.com VPC endpoint denials' })]),
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a misspelt or mistyped prop is refused by name', () => {
    expect(() => trail({ networkActivityEvents: [KMS as unknown as NetworkActivityEvents] }))
      .toThrow(/BaselineTrailProps\.networkActivityEvents/);
  });
});

describe('Insights on data events (insightEventCategories)', () => {
  const data = [DataEvents.s3AllBuckets()];

  test('default: InsightSelectors without EventCategories (management events, CloudFormation\'s default)', () => {
    expect(trailProperties({ insightTypes: [InsightType.API_CALL_RATE] }).InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
    expect(trailProperties().InsightSelectors).toBeUndefined();
  });

  test('MANAGEMENT and DATA: every Insights type gets both categories', () => {
    expect(trailProperties({
      dataEvents: data,
      insightTypes: [InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE],
      insightEventCategories: [InsightEventCategory.MANAGEMENT, InsightEventCategory.DATA],
    }).InsightSelectors).toEqual([
      { InsightType: 'ApiCallRateInsight', EventCategories: ['Management', 'Data'] },
      { InsightType: 'ApiErrorRateInsight', EventCategories: ['Management', 'Data'] },
    ]);
  });

  test('DATA alone does not need management events (a data-events-only trail may have data Insights)', () => {
    const props = trailProperties({
      managementEvents: { readWriteType: ReadWriteType.NONE },
      dataEvents: data,
      insightTypes: [InsightType.API_CALL_RATE],
      insightEventCategories: [InsightEventCategory.DATA],
    });
    expect(props.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight', EventCategories: ['Data'] }]);
    // With MANAGEMENT, the management rule still holds.
    expect(() => trail({
      managementEvents: { readWriteType: ReadWriteType.READ_ONLY },
      dataEvents: data,
      insightTypes: [InsightType.API_CALL_RATE],
      insightEventCategories: [InsightEventCategory.MANAGEMENT],
    })).toThrow(/^BaselineTrailProps\.insightTypes: ApiCallRateInsight analyses write management events/);
  });

  test.each([
    ['DATA on a trail without data events', { insightTypes: [InsightType.API_CALL_RATE], insightEventCategories: [InsightEventCategory.DATA] },
      /^BaselineTrailProps\.insightEventCategories: holds InsightEventCategory\.DATA, but BaselineTrailProps\.dataEvents is empty/],
    ['categories without Insights types', { dataEvents: [DataEvents.s3AllBuckets()], insightEventCategories: [InsightEventCategory.DATA] },
      /^BaselineTrailProps\.insightEventCategories: has no effect without BaselineTrailProps\.insightTypes/],
    ['an empty list', { insightTypes: [InsightType.API_CALL_RATE], insightEventCategories: [] }, /insightEventCategories: must hold at least one category/],
    ['a repeat', { insightTypes: [InsightType.API_CALL_RATE], insightEventCategories: [InsightEventCategory.MANAGEMENT, InsightEventCategory.MANAGEMENT] },
      /insightEventCategories: lists 'Management' more than once/],
    ['a value that is not a category', { insightTypes: [InsightType.API_CALL_RATE], insightEventCategories: ['Network' as InsightEventCategory] },
      /BaselineTrailProps\.insightEventCategories/],
  ])('refuses %s, by name', (_name, props, message) => {
    expect(() => trail(props as Partial<BaselineTrailProps>)).toThrow(message);
  });
});

describe('data-event aggregation (dataEventsAggregations)', () => {
  test('renders one AggregationConfiguration for data events with the templates, in order', () => {
    expect(trailProperties({
      dataEvents: [DataEvents.s3AllBuckets()],
      dataEventsAggregations: [DataEventsAggregation.API_ACTIVITY, DataEventsAggregation.RESOURCE_ACCESS, DataEventsAggregation.USER_ACTIONS],
    }).AggregationConfigurations).toEqual([{ EventCategory: 'Data', Templates: ['API_ACTIVITY', 'RESOURCE_ACCESS', 'USER_ACTIONS'] }]);
    expect(trailProperties().AggregationConfigurations).toBeUndefined();
  });

  test.each([
    ['a trail without data events', { dataEventsAggregations: [DataEventsAggregation.API_ACTIVITY] },
      /^BaselineTrailProps\.dataEventsAggregations: aggregates data events, but BaselineTrailProps\.dataEvents is empty/],
    ['an empty list', { dataEvents: [DataEvents.s3AllBuckets()], dataEventsAggregations: [] }, /dataEventsAggregations: must hold at least one template/],
    ['a repeat', { dataEvents: [DataEvents.s3AllBuckets()], dataEventsAggregations: [DataEventsAggregation.USER_ACTIONS, DataEventsAggregation.USER_ACTIONS] },
      /dataEventsAggregations: lists 'USER_ACTIONS' more than once/],
    ['a value that is not a template', { dataEvents: [DataEvents.s3AllBuckets()], dataEventsAggregations: ['ALL' as DataEventsAggregation] },
      /BaselineTrailProps\.dataEventsAggregations/],
  ])('refuses %s, by name', (_name, props, message) => {
    expect(() => trail(props as Partial<BaselineTrailProps>)).toThrow(message);
  });
});
