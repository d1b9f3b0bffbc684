/**
 * MemberAccountDetections (Security Hub option (b)): the service-managed, auto-deploying StackSet of
 * a trail, log group, metric filters and alarms per member account; the archive admitting those
 * trails, decided request by request (only the organization's, only under member-account-trails/);
 * the landing zone synthesized with that choice; bad input refused by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Names, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../examples/landing-zone/app';
import { LOG_ARCHIVE, MEMBER_ACCOUNT_TRAILS, ORGANIZATION } from '../../examples/landing-zone/organization';
import { Detections, LogArchive, MemberAccountDetections, MemberAccountDetectionsProps, TrailDescription } from '../../lib';
import { PolicyWorld, templatesOf } from '../support/policy-evaluation';

const ORG = ORGANIZATION.organizationId;
const MEMBER = '444444444444';
const MEMBER_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/member-account-trail`;
const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

function importedArchive(stack: Stack) {
  return LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: LOG_ARCHIVE.bucketName,
    encryptionKeyArn: LOG_ARCHIVE.encryptionKeyArn,
    allowedTrails: [MEMBER_ACCOUNT_TRAILS],
  });
}

function build(overrides: Record<string, unknown> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
  const detections = new MemberAccountDetections(stack, 'MemberAccountDetections', {
    trail: MEMBER_ACCOUNT_TRAILS,
    logArchive: importedArchive(stack),
    organizationalUnitIds: ['ou-ab12-workloads'],
    httpsEndpoints: ['https://events.example.com/cloudwatch'],
    ...overrides,
  } as unknown as MemberAccountDetectionsProps);
  const template = Template.fromStack(stack);
  const outdir = app.synth().directory;
  const memberFile = path.join(outdir, `${Names.uniqueId(detections.memberStack)}.stackset.template.json`);
  return { stack, template, member: Template.fromJSON(JSON.parse(fs.readFileSync(memberFile, 'utf8'))) };
}

describe('MemberAccountDetections', () => {
  const { template, member } = build();

  test('a service-managed StackSet, auto-deployed to the OUs, in the trails\' home region only', () => {
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-workloads'] }, Regions: ['us-east-1'] }],
      StackSetName: 'cdk-cloudtrail-baseline-member-detections',
    });
  });

  test('each member account gets a multi-region trail delivering to the archive under member-account-trails/, SSE-KMS, with CloudWatch Logs', () => {
    member.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'member-account-trail',
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsOrganizationTrail: false,
      IsLogging: true,
      S3BucketName: LOG_ARCHIVE.bucketName,
      S3KeyPrefix: 'member-account-trails',
      KMSKeyId: LOG_ARCHIVE.encryptionKeyArn,
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      CloudWatchLogsRoleArn: Match.anyValue(),
    });
    member.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
  });

  test('the metric filters carry Security Hub\'s texts byte for byte (and the CIS texts Prowler reads), one alarm per detection on the topic that has the subscriber', () => {
    const filters = Object.values(member.findResources('AWS::Logs::MetricFilter')).map((r) => r.Properties.FilterPattern);
    const texts = Detections.cisAwsFoundations().flatMap((d) => [d.toFilterPattern().logPatternString, ...d.additionalFilterPatterns]);
    expect(filters.sort()).toEqual(texts.sort());
    const [topicId] = Object.keys(member.findResources('AWS::SNS::Topic'));
    const alarms = Object.values(member.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(15);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    member.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://events.example.com/cloudwatch', TopicArn: { Ref: topicId } });
  });

  test('the member stack has no assets and no parameters: it deploys from its template alone', () => {
    const json = member.toJSON();
    expect(json.Parameters ?? {}).toEqual({});
    expect(Object.keys(member.findResources('AWS::Lambda::Function'))).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/cdk-hnb659fds-assets|AssetParameters/);
  });

  test.each([
    [{ trail: TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: 'account-trail' }) }, /MemberAccountDetectionsProps\.trail: must describe member-account trails/],
    [{ organizationalUnitIds: [] }, /MemberAccountDetectionsProps\.organizationalUnitIds: must list at least one value/],
    [{ organizationalUnitIds: ['123456789012'] }, /MemberAccountDetectionsProps\.organizationalUnitIds\[0\]: must be an OU ID/],
    [{ httpsEndpoints: undefined }, /MemberAccountDetectionsProps\.emailAddresses: or httpsEndpoints must name at least one subscriber/],
    [{ httpsEndpoints: ['http://plain.example.com'] }, /MemberAccountDetectionsProps\.httpsEndpoints\[0\]: must be an https:\/\/ URL/],
    [{ emailAddresses: ['not-an-address'] }, /MemberAccountDetectionsProps\.emailAddresses\[0\]/],
    [{ stackSetName: '1-starts-with-a-digit' }, /MemberAccountDetectionsProps\.stackSetName: must be 1 to 128 characters/],
    [{ detections: [] }, /MemberAccountDetectionsProps\.detections: must list at least one detection/],
    [{ organisationalUnitIds: ['ou-ab12-workloads'] }, /organisationalUnitIds/],
  ])('refuses %j', (overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });

  test('an archive of this app (names are tokens) is refused by name: the member stacks cannot resolve them', () => {
    const app = new App();
    const stack = new Stack(app, 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
    const archive = new LogArchive(stack, 'Archive', { trails: [MEMBER_ACCOUNT_TRAILS] });
    expect(() => new MemberAccountDetections(stack, 'M', {
      trail: MEMBER_ACCOUNT_TRAILS, logArchive: archive, organizationalUnitIds: ['ou-ab12-workloads'], emailAddresses: ['soc@example.com'],
    })).toThrow(/MemberAccountDetectionsProps\.logArchive: must be known by literal names.*bucket\.bucketName is a token/);
  });
});

describe('the landing zone with per-account detections', () => {
  const app = new App();
  const lz = addLandingZone(app, 'per-account-detections');
  const world = new PolicyWorld(templatesOf([lz.logArchive, lz.management]));
  const keyArn = world.arnOf('LogArchive', 'AWS::KMS::Key', 'LogArchiveKey');
  const put = (key: string, context: Record<string, string>) => world.decide({
    principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: `arn:aws:s3:::${LOG_ARCHIVE.bucketName}/${key}`, context,
  });
  const memberKey = `member-account-trails/AWSLogs/${MEMBER}/CloudTrail/eu-west-1/2026/12/03/f.json.gz`;

  test('has no Security Hub automation rule stack, and the StackSet of the member detections', () => {
    expect(lz.securityTooling).toBeUndefined();
    Template.fromStack(lz.management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'cdk-cloudtrail-baseline-member-detections',
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [...ORGANIZATION.memberOrganizationalUnitIds] }, Regions: ['us-east-1'] }],
    });
  });

  test('a member account\'s trail may write under member-account-trails/AWSLogs/', async () => {
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': ORG, ...ACL })).toBe('Allowed');
  });

  test('not from another organization, without the organization, with another name, or without the ACL', async () => {
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': 'o-zzzzzzzzzz', ...ACL })).toBe('ImplicitlyDenied');
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN, ...ACL })).toBe('ImplicitlyDenied');
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN.replace(/trail\/.*/, 'trail/other'), 'aws:SourceOrgID': ORG, ...ACL })).toBe('ImplicitlyDenied');
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN.replace('us-east-1', 'eu-west-1'), 'aws:SourceOrgID': ORG, ...ACL })).toBe('ImplicitlyDenied');
    expect(await put(memberKey, { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': ORG })).toBe('ImplicitlyDenied');
  });

  test('a member trail cannot write into the organization trail\'s files, or outside its folder', async () => {
    const context = { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': ORG, ...ACL };
    expect(await put(`AWSLogs/${ORG}/${MEMBER}/CloudTrail/us-east-1/2026/12/03/f.json.gz`, context)).toBe('ImplicitlyDenied');
    expect(await put(`AWSLogs/${MEMBER}/CloudTrail/us-east-1/2026/12/03/f.json.gz`, context)).toBe('ImplicitlyDenied');
  });

  test('the organization trail still writes its own files', async () => {
    const orgTrail = `arn:aws:cloudtrail:us-east-1:${ORGANIZATION.managementAccountId}:trail/organization-trail`;
    expect(await put(`AWSLogs/${ORG}/${MEMBER}/CloudTrail/us-east-1/2026/12/03/f.json.gz`, { 'aws:SourceArn': orgTrail, ...ACL })).toBe('Allowed');
  });

  test('the archive key encrypts for the member trails of the organization only', async () => {
    const generate = (context: Record<string, string>) => world.decide({ principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: keyArn, context });
    const ok = { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': ORG, 'kms:EncryptionContext:aws:cloudtrail:arn': MEMBER_TRAIL_ARN };
    expect(await generate(ok)).toBe('Allowed');
    expect(await generate({ ...ok, 'aws:SourceOrgID': 'o-zzzzzzzzzz' })).toBe('ImplicitlyDenied');
    expect(await generate({ 'aws:SourceArn': MEMBER_TRAIL_ARN, 'kms:EncryptionContext:aws:cloudtrail:arn': MEMBER_TRAIL_ARN })).toBe('ImplicitlyDenied');
    expect(await generate({ ...ok, 'aws:SourceArn': MEMBER_TRAIL_ARN.replace(/trail\/.*/, 'trail/other') })).toBe('ImplicitlyDenied');
  });

  test('readers of the archive (the history analyst) may decrypt the member trails\' log files, and no other trail\'s', async () => {
    const analyst = `arn:aws:iam::${ORGANIZATION.logArchiveAccountId}:role/cloudtrail-history-analyst`;
    const decrypt = (contextArn: string) => world.decide({
      principal: analyst, action: 'kms:Decrypt', resource: keyArn, context: { 'kms:EncryptionContext:aws:cloudtrail:arn': contextArn },
    });
    expect(await decrypt(MEMBER_TRAIL_ARN)).toBe('Allowed');
    expect(await decrypt(MEMBER_TRAIL_ARN.replace(/trail\/.*/, 'trail/other'))).toBe('ImplicitlyDenied');
  });

  test('the default landing zone admits no member-account trails', async () => {
    const plain = addLandingZone(new App());
    const plainWorld = new PolicyWorld(templatesOf([plain.logArchive, plain.management]));
    expect(await plainWorld.decide({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${LOG_ARCHIVE.bucketName}/${memberKey}`,
      context: { 'aws:SourceArn': MEMBER_TRAIL_ARN, 'aws:SourceOrgID': ORG, ...ACL },
    })).toBe('ImplicitlyDenied');
  });
});
