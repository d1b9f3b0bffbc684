/**
 * ArchiveQueries: the Glue table over the archive (columns, projection, layouts, prefix), the workgroup,
 * the results bucket, the named queries (one per detection, compiled; the investigations), bad input,
 * and the analyst's grant proven by deciding requests against the synthesized policies.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { ArchiveQueries, ArchiveQueriesProps, Detection, Detections, DetectionSeverity, LogArchive, TrailDescription } from '../../lib';
import { CLOUDTRAIL_COLUMNS } from '../../lib/filter-pattern/cloudtrail-columns';
import { PolicyWorld, templatesOf } from '../support/policy-evaluation';

const ORG = 'o-a1b2c3d4e5';
const TRAIL = TrailDescription.organizationTrail({ organizationId: ORG, managementAccountId: '222222222222', region: 'us-east-1', trailName: 'org-trail' });
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail';
const BUCKET = 'archive-111111111111';

function build(props: Partial<ArchiveQueriesProps> = {}, archiveProps: { s3KeyPrefix?: string } = {}) {
  const app = new App();
  const stack = new Stack(app, 'History', { env: { account: '111111111111', region: 'us-east-1' } });
  const logArchive = new LogArchive(stack, 'LogArchive', { bucketName: BUCKET, trails: [TRAIL], ...archiveProps });
  const queries = new ArchiveQueries(stack, 'Queries', {
    logArchive, organizationId: ORG, accounts: ['111111111111', '222222222222', '333333333333'], regions: ['us-east-1', 'eu-west-1'], ...props,
  });
  return { stack, logArchive, queries };
}

const tableOf = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::Glue::Table'))[0].Properties.TableInput;
const queriesOf = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::Athena::NamedQuery')).map((r) => r.Properties);
const resolved = (stack: Stack, value: unknown) => JSON.stringify(stack.resolve(value));

describe('the table over the archive', () => {
  test('organization layout: projection on account, region and day; the template reaches CloudTrail/ folders only', () => {
    const { stack } = build();
    const table = tableOf(stack);
    expect(table.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': '111111111111,222222222222,333333333333',
      'projection.region.type': 'enum',
      'projection.region.values': 'us-east-1,eu-west-1',
      'projection.timestamp.type': 'date',
      'projection.timestamp.format': 'yyyy/MM/dd',
      'projection.timestamp.range': '2025/01/01,NOW',
      'projection.timestamp.interval': '1',
      'projection.timestamp.interval.unit': 'DAYS',
    });
    expect(JSON.stringify(table.Parameters['storage.location.template'])).toMatch(/"\/AWSLogs\/o-a1b2c3d4e5\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}"/);
    expect(table.PartitionKeys.map((k: any) => k.Name)).toEqual(['account', 'region', 'timestamp']);
    expect(table.StorageDescriptor).toMatchObject({
      InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
    });
  });

  test('every column of the Athena user guide\'s CloudTrail table, with its typed structs', () => {
    const { stack } = build();
    const columns = tableOf(stack).StorageDescriptor.Columns;
    expect(columns.map((c: any) => c.Name)).toEqual([
      'eventversion', 'useridentity', 'eventtime', 'eventsource', 'eventname', 'awsregion', 'sourceipaddress', 'useragent', 'errorcode',
      'errormessage', 'requestparameters', 'responseelements', 'additionaleventdata', 'requestid', 'eventid', 'readonly', 'resources',
      'eventtype', 'apiversion', 'recipientaccountid', 'serviceeventdetails', 'sharedeventid', 'vpcendpointid', 'vpcendpointaccountid',
      'eventcategory', 'addendum', 'sessioncredentialfromconsole', 'edgedevicedetails', 'tlsdetails',
    ]);
    expect(columns).toHaveLength(CLOUDTRAIL_COLUMNS.length);
    const type = (name: string) => columns.find((c: any) => c.Name === name).Type;
    expect(type('useridentity')).toBe('struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,'
      + 'username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<attributes:struct<mfaauthenticated:string,'
      + 'creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,'
      + 'webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>');
    expect(type('resources')).toBe('array<struct<arn:string,accountid:string,type:string>>');
    expect(type('addendum')).toBe('struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>');
    expect(type('tlsdetails')).toBe('struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>');
    expect(type('requestparameters')).toBe('string');
  });

  test('account layout and the trail\'s prefix', () => {
    const { stack, queries } = build({ organizationId: undefined, projectionStartDate: '2026/06/01' }, { s3KeyPrefix: 'audit/trail' });
    const table = tableOf(stack);
    expect(JSON.stringify(table.Parameters['storage.location.template'])).toMatch(/"\/audit\/trail\/AWSLogs\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}"/);
    expect(table.Parameters['projection.timestamp.range']).toBe('2026/06/01,NOW');
    expect(resolved(stack, queries.tableLocation)).toMatch(/"\/audit\/trail\/AWSLogs\/"/);
  });
});

describe('the workgroup and its results', () => {
  test('engine v3, enforced configuration, bytes-scanned cutoff, KMS-encrypted results', () => {
    const { stack } = build({ bytesScannedCutoffPerQuery: 200 * 1024 ** 3 });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'cloudtrail-history',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 200 * 1024 ** 3,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        PublishCloudWatchMetricsEnabled: true,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('QueriesResultsKey'), 'Arn'] } },
          ExpectedBucketOwner: '111111111111',
        },
      },
    });
  });

  test('the results bucket: KMS, no public access, TLS only, results expire', () => {
    const { stack } = build({ resultsExpiration: Duration.days(7) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ Id: 'ExpireQueryResults', ExpirationInDays: 7, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }] },
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('Athena query results') });
  });
});

describe('named queries', () => {
  test('one per catalog detection, compiled from its filter pattern, then the five investigations', () => {
    const { stack, queries } = build();
    const named = queriesOf(stack);
    const detections = Detections.everything();
    expect(named).toHaveLength(detections.length + 5);
    expect(queries.namedQueryNames.slice(detections.length)).toEqual([
      'Investigation: everything a principal did', 'Investigation: root user activity', 'Investigation: access denied by principal and API',
      'Investigation: console sign-ins without MFA', 'Investigation: changes to the trail and the archive',
    ]);
    for (const q of named) {
      expect(q).toMatchObject({ Database: 'cloudtrail_archive', WorkGroup: { Ref: expect.stringMatching(/^QueriesWorkGroup/) } });
      // Every query is bounded by the date partition.
      expect(JSON.stringify(q.QueryString)).toContain('\\"timestamp\\" BETWEEN ? AND ?');
    }
    const root = named.find((q) => q.Name === 'CloudWatch.1 Root user activity');
    expect(root.QueryString).toContain('FROM "cloudtrail_archive"."cloudtrail"');
    expect(root.QueryString).toContain('AND (\n    "useridentity"."type" = \'Root\'\n    AND "useridentity"."invokedby" IS NULL\n    AND "eventtype" <> \'AwsServiceEvent\'\n  )');
  });

  test('the trail and archive query names the archive bucket', () => {
    const { stack } = build();
    const changes = queriesOf(stack).find((q) => q.Name === 'Investigation: changes to the trail and the archive');
    expect(JSON.stringify(changes.QueryString)).toContain('json_extract_scalar(\\"requestparameters\\", \'$.bucketName\') = \'');
    expect(JSON.stringify(stack.resolve(changes.QueryString))).toMatch(/LogArchiveBucket/);
  });

  test('a detection whose filter pattern SQL cannot express is refused at synth, with the reason', () => {
    const wildcard = Detection.custom({
      id: 'Custom.1',
      title: 'Any resource ARN',
      metricName: 'Custom1',
      severity: DetectionSeverity.LOW,
      description: 'x',
      filterPattern: '{ $.resources[*].ARN = "arn:aws:s3:::secret*" }',
    });
    expect(() => build({ detections: [wildcard] })).toThrow(
      /^ArchiveQueriesProps\.detections \(detection Custom\.1\): cannot be expressed in SQL over the CloudTrail table: \$\.resources\[\*\]\.ARN: wildcard selectors/);
  });
});

describe('bad input is refused by name', () => {
  test.each([
    [{ accounts: [] }, /ArchiveQueriesProps\.accounts: must list at least one value/],
    [{ accounts: ['12345'] }, /ArchiveQueriesProps\.accounts\[0\]: must be a 12-digit AWS account ID/],
    [{ accounts: ['111111111111', '111111111111'] }, /ArchiveQueriesProps\.accounts/],
    [{ regions: ['mars'] }, /ArchiveQueriesProps\.regions\[0\]: must be an AWS Region code/],
    [{ organizationId: 'org-1' }, /ArchiveQueriesProps\.organizationId: must be an AWS Organizations ID/],
    [{ projectionStartDate: '2025-01-01' }, /ArchiveQueriesProps\.projectionStartDate: must be a day as YYYY\/MM\/DD/],
    [{ databaseName: 'Cloud-Trail' }, /ArchiveQueriesProps\.databaseName: must be 1-255 lower case letters, digits and _/],
    [{ workGroupName: 'a b' }, /ArchiveQueriesProps\.workGroupName: must be 1-128 letters/],
    [{ bytesScannedCutoffPerQuery: 1000 }, /ArchiveQueriesProps\.bytesScannedCutoffPerQuery: must be a whole number of bytes, at least 10,000,000/],
    [{ resultsExpiration: Duration.hours(5) }, /ArchiveQueriesProps\.resultsExpiration: must be a whole number of days/],
    [{ resultsExpiration: Duration.days(0) }, /ArchiveQueriesProps\.resultsExpiration: must be at least 1 day/],
    [{ tabelName: 'x' }, /ArchiveQueriesProps/],
  ])('%j', (props, message) => {
    expect(() => build(props as any)).toThrow(message);
  });
});

describe('readers: grantQuery, proven by deciding requests', () => {
  const { stack, queries } = build();
  const analyst = new Role(stack, 'Analyst', { roleName: 'Analyst', assumedBy: new AccountRootPrincipal() });
  queries.grantQuery(analyst);
  const world = new PolicyWorld(templatesOf([stack]));
  const ANALYST = 'arn:aws:iam::111111111111:role/Analyst';
  const OTHER = 'arn:aws:iam::111111111111:role/Other';
  const archiveKey = world.arnOf('History', 'AWS::KMS::Key', 'LogArchiveKey');
  const resultsKey = world.arnOf('History', 'AWS::KMS::Key', 'ResultsKey');
  const resultsBucket = world.nameOf('History', 'AWS::S3::Bucket', 'ResultsBucket');
  const logFile = `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/333333333333/CloudTrail/us-east-1/2026/12/02/f.json.gz`;
  const ask = (principal: string, action: string, resource: string, context?: Record<string, string>) =>
    world.decide({ principal, action, resource, context });

  test('the analyst runs queries of the workgroup, and no other', async () => {
    expect(await ask(ANALYST, 'athena:StartQueryExecution', 'arn:aws:athena:us-east-1:111111111111:workgroup/cloudtrail-history')).toBe('Allowed');
    expect(await ask(ANALYST, 'athena:GetNamedQuery', 'arn:aws:athena:us-east-1:111111111111:workgroup/cloudtrail-history')).toBe('Allowed');
    expect(await ask(ANALYST, 'athena:StartQueryExecution', 'arn:aws:athena:us-east-1:111111111111:workgroup/primary')).toBe('ImplicitlyDenied');
    expect(await ask(ANALYST, 'athena:UpdateWorkGroup', 'arn:aws:athena:us-east-1:111111111111:workgroup/cloudtrail-history')).toBe('ImplicitlyDenied');
    expect(await ask(OTHER, 'athena:StartQueryExecution', 'arn:aws:athena:us-east-1:111111111111:workgroup/cloudtrail-history')).toBe('ImplicitlyDenied');
  });

  test('the analyst reads the table\'s metadata, and changes nothing', async () => {
    expect(await ask(ANALYST, 'glue:GetTable', 'arn:aws:glue:us-east-1:111111111111:table/cloudtrail_archive/cloudtrail')).toBe('Allowed');
    expect(await ask(ANALYST, 'glue:GetDatabase', 'arn:aws:glue:us-east-1:111111111111:database/cloudtrail_archive')).toBe('Allowed');
    expect(await ask(ANALYST, 'glue:GetTable', 'arn:aws:glue:us-east-1:111111111111:table/other/cloudtrail')).toBe('ImplicitlyDenied');
    expect(await ask(ANALYST, 'glue:UpdateTable', 'arn:aws:glue:us-east-1:111111111111:table/cloudtrail_archive/cloudtrail')).toBe('ImplicitlyDenied');
  });

  test('the analyst reads log files and decrypts them only with CloudTrail\'s encryption context', async () => {
    expect(await ask(ANALYST, 's3:GetObject', logFile)).toBe('Allowed');
    expect(await ask(ANALYST, 's3:ListBucket', `arn:aws:s3:::${BUCKET}`)).toBe('Allowed');
    expect(await ask(ANALYST, 'kms:Decrypt', archiveKey, { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_ARN })).toBe('Allowed');
    expect(await ask(ANALYST, 'kms:Decrypt', archiveKey)).toBe('ImplicitlyDenied');
    expect(await ask(ANALYST, 's3:PutObject', logFile)).not.toBe('Allowed');
    expect(await ask(ANALYST, 's3:DeleteObject', logFile)).not.toBe('Allowed');
    expect(await ask(OTHER, 's3:GetObject', logFile)).toBe('ImplicitlyDenied');
  });

  test('the analyst writes and reads query results, encrypted with the results key', async () => {
    const result = `arn:aws:s3:::${resultsBucket}/results/abc.csv`;
    expect(await ask(ANALYST, 's3:PutObject', result)).toBe('Allowed');
    expect(await ask(ANALYST, 's3:GetObject', result)).toBe('Allowed');
    expect(await ask(ANALYST, 's3:DeleteObject', result)).toBe('ImplicitlyDenied');
    expect(await ask(ANALYST, 'kms:GenerateDataKey', resultsKey)).toBe('Allowed');
    expect(await ask(ANALYST, 'kms:Decrypt', resultsKey)).toBe('Allowed');
    expect(await ask(ANALYST, 'kms:ScheduleKeyDeletion', resultsKey)).toBe('ImplicitlyDenied');
    expect(await ask(OTHER, 's3:GetObject', result)).toBe('ImplicitlyDenied');
  });
});

describe('an imported archive of another account', () => {
  test('works, and the grant warns with the statements the archive owner must add', () => {
    const app = new App();
    const stack = new Stack(app, 'Tooling', { env: { account: '333333333333', region: 'us-east-1' } });
    const logArchive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: BUCKET, encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive', allowedTrails: [TRAIL],
    });
    const queries = new ArchiveQueries(stack, 'Queries', { logArchive, organizationId: ORG, accounts: ['111111111111'], regions: ['us-east-1'] });
    queries.grantQuery(new Role(stack, 'Analyst', { assumedBy: new AccountRootPrincipal() }));
    expect(JSON.stringify(tableOf(stack).Parameters['storage.location.template']))
      .toBe(JSON.stringify(`s3://${BUCKET}/AWSLogs/${ORG}/\${account}/CloudTrail/\${region}/\${timestamp}`));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('importedLogArchive|bucket and key policy|owner'));
    expect(warnings.length).toBeGreaterThan(0);
  });
});
