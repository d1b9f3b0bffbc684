/**
 * Cross-account proof: a log archive account (111111111111) and the account that creates the
 * organization trail, in one region, sharing one `TrailDescription`. The trail is created from the
 * management account (222222222222) or from a CloudTrail delegated administrator account
 * (333333333333), from the shared description or from separate properties. The `aws:SourceArn`
 * the archive's bucket and key policies allow must be the ARN of the trail the trail's stack
 * creates, owned by the management account, in every partition; otherwise CloudTrail cannot
 * deliver (or, worse, a policy names another trail).
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, BaselineTrailProps } from '../../lib/trail';

const ARCHIVE_ACCOUNT = '111111111111';
const MANAGEMENT_ACCOUNT = '222222222222';
const DELEGATED_ADMIN_ACCOUNT = '333333333333';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
const TRAIL_NAME = 'organization-trail';
const BUCKET_NAME = 'example-org-cloudtrail-archive';

type Json = Record<string, any>;

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** Every `aws:SourceArn` value under a condition operator in these statements. */
function sourceArns(statements: Json[]): string[] {
  return statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c: any) => (c['aws:SourceArn'] === undefined ? [] : [c['aws:SourceArn']].flat())));
}

/** How the trail's stack says which trail it creates. */
type SetUp = 'management account, separate properties' | 'management account, shared description'
| 'delegated administrator, managementAccountId' | 'delegated administrator, shared description';

const SET_UPS: Array<[SetUp, string]> = [
  ['management account, separate properties', MANAGEMENT_ACCOUNT],
  ['management account, shared description', MANAGEMENT_ACCOUNT],
  ['delegated administrator, managementAccountId', DELEGATED_ADMIN_ACCOUNT],
  ['delegated administrator, shared description', DELEGATED_ADMIN_ACCOUNT],
];

function trailProps(setUp: SetUp, description: TrailDescription): Partial<BaselineTrailProps> {
  const parts = { trailName: TRAIL_NAME, isOrganizationTrail: true, organizationId: ORGANIZATION_ID };
  switch (setUp) {
    case 'management account, separate properties': return parts;
    case 'delegated administrator, managementAccountId': return { ...parts, managementAccountId: MANAGEMENT_ACCOUNT };
    default: return { description };
  }
}

const PARTITIONS = [
  ['aws', 'us-east-1'],
  ['aws-cn', 'cn-north-1'],
  ['aws-us-gov', 'us-gov-west-1'],
];

describe.each(PARTITIONS.flatMap(([partition, region]) => SET_UPS.map(([setUp, trailAccount]) => [partition, region, setUp, trailAccount] as const)))
('partition %s (%s), trail created from the %s', (partition, region, setUp, trailAccount) => {
  const expectedTrailArn = `arn:${partition}:cloudtrail:${region}:${MANAGEMENT_ACCOUNT}:trail/${TRAIL_NAME}`;
  const app = new App();

  // One description, shared by both stacks.
  const description = TrailDescription.organizationTrail({
    organizationId: ORGANIZATION_ID,
    managementAccountId: MANAGEMENT_ACCOUNT,
    region,
    trailName: TRAIL_NAME,
  });

  // Log archive account.
  const archiveStack = new Stack(app, 'LogArchive', { env: { account: ARCHIVE_ACCOUNT, region } });
  const archive = new LogArchive(archiveStack, 'Archive', { bucketName: BUCKET_NAME, trails: [description] });

  // The trail's account (management or delegated administrator), referring to the archive by name
  // and alias ARN.
  const keyAliasArn = `arn:${partition}:kms:${region}:${ARCHIVE_ACCOUNT}:alias/cloudtrail-log-archive`;
  const managementStack = new Stack(app, 'Management', { env: { account: trailAccount, region } });
  const imported = LogArchive.fromLogArchiveAttributes(managementStack, 'Archive', {
    bucketName: BUCKET_NAME,
    encryptionKeyArn: keyAliasArn,
    allowedTrails: [description],
  });
  const trail = new BaselineTrail(managementStack, 'Trail', { logArchive: imported, ...trailProps(setUp, description) });
  const delegated = trailAccount !== MANAGEMENT_ACCOUNT;

  // Synthesize once both stacks are built (one app).
  const archiveTemplate = Template.fromStack(archiveStack);
  const bucketStatements: Json[] = Object.values(archiveTemplate.findResources('AWS::S3::BucketPolicy'))
    .find((p) => p.Properties.Bucket.Ref === logicalId(archive.bucket))!.Properties.PolicyDocument.Statement;
  const keyStatements: Json[] = archiveTemplate.findResources('AWS::KMS::Key')[logicalId(archive.encryptionKey)]
    .Properties.KeyPolicy.Statement;
  const managementTemplate = Template.fromStack(managementStack);
  const cfnTrail = managementTemplate.findResources('AWS::CloudTrail::Trail')[logicalId(trail)];

  test('the description\'s ARN is the expected trail ARN', () => {
    expect(description.trailArn).toBe(expectedTrailArn);
  });

  test('bucket policy: every aws:SourceArn is the trail ARN', () => {
    const arns = sourceArns(bucketStatements.filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com'));
    expect(arns).toEqual([expectedTrailArn, expectedTrailArn]);
    expect(bucketStatements.find((s) => s.Sid === 'AWSCloudTrailWrite')!.Resource).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] }, `/AWSLogs/${MANAGEMENT_ACCOUNT}/*`]] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] }, `/AWSLogs/${ORGANIZATION_ID}/*`]] },
    ]);
  });

  test('key policy: every aws:SourceArn is the trail ARN; the encryption context is in the partition', () => {
    const cloudtrail = keyStatements.filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(cloudtrail.map((s) => s.Sid)).toEqual(['AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDecryptWithS3BucketKey', 'AllowCloudTrailToDescribeKey']);
    expect(sourceArns(cloudtrail)).toEqual([expectedTrailArn, expectedTrailArn, expectedTrailArn]);
    expect(cloudtrail[0].Condition.StringLike).toEqual({
      'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${MANAGEMENT_ACCOUNT}:trail/*`,
    });
  });

  test('no partition other than this one is written in the archive\'s policies', () => {
    const text = JSON.stringify([bucketStatements, keyStatements]);
    const partitions = new Set([...text.matchAll(/arn:([a-z-]+):/g)].map((m) => m[1]));
    expect([...partitions]).toEqual([partition]);
  });

  test('the BaselineTrail\'s trailArn is the same ARN', () => {
    expect(trail.trailArn).toBe(expectedTrailArn);
    expect(trail.description.trailArn).toBe(description.trailArn);
  });

  test('the CfnTrail\'s name, with the stack\'s region and the owner (the management account) gives that ARN', () => {
    const props = cfnTrail.Properties;
    expect(props.TrailName).toBe(TRAIL_NAME);
    expect(props.IsOrganizationTrail).toBe(true);
    expect(managementStack.region).toBe(region);
    expect(managementStack.account).toBe(trailAccount);
    // A delegated administrator creates the trail, the management account owns it.
    const owner = delegated ? MANAGEMENT_ACCOUNT : managementStack.account;
    expect(`arn:${partition}:cloudtrail:${managementStack.region}:${owner}:trail/${props.TrailName}`).toBe(expectedTrailArn);
  });

  test('the trail delivers to the archive: bucket name, key alias ARN in the same partition and region', () => {
    expect(cfnTrail.Properties.S3BucketName).toBe(BUCKET_NAME);
    expect(cfnTrail.Properties.KMSKeyId).toBe(keyAliasArn);
    archiveTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/cloudtrail-log-archive' });
    archiveTemplate.hasResourceProperties('AWS::S3::Bucket', { BucketName: BUCKET_NAME });
    expect(managementStack.resolve(imported.bucket.bucketArn)).toBe(`arn:${partition}:s3:::${BUCKET_NAME}`);
  });

  test('the allowed trail raises no warning (a delegated administrator gets only its own caveats)', () => {
    const warnings = Annotations.fromStack(managementStack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => String(w.entry.data).match(/\[ack: ([^\]]+)\]/)![1]))
      .toEqual(delegated ? ['cdk-cloudtrail-baseline:delegatedAdministrator'] : []);
  });

  test('CloudWatch Logs: log group ARN, role policy (the owner\'s and the organization\'s streams) and log group key in the partition', () => {
    const logGroupArn = `arn:${partition}:logs:${region}:${trailAccount}:log-group:cloudtrail/${TRAIL_NAME}`;
    managementTemplate.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Resource: [
            `${logGroupArn}:log-stream:${MANAGEMENT_ACCOUNT}_CloudTrail_${region}*`,
            `${logGroupArn}:log-stream:${ORGANIZATION_ID}_*`,
          ],
        })],
      },
    });
    managementTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowCloudWatchLogsToUseTheKey',
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
        })]),
      },
    });
    const text = JSON.stringify(managementTemplate.toJSON().Resources);
    const partitions = new Set([...text.matchAll(/arn:([a-z-]+):/g)].map((m) => m[1]));
    expect([...partitions]).toEqual([partition]);
  });
});

test('a trail name that differs between the stacks is caught: the management stack warns', () => {
  const app = new App();
  const description = TrailDescription.organizationTrail({
    organizationId: ORGANIZATION_ID, managementAccountId: MANAGEMENT_ACCOUNT, region: 'us-east-1', trailName: TRAIL_NAME,
  });
  const stack = new Stack(app, 'Management', { env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' } });
  const imported = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: BUCKET_NAME,
    encryptionKeyArn: `arn:aws:kms:us-east-1:${ARCHIVE_ACCOUNT}:alias/cloudtrail-log-archive`,
    allowedTrails: [description],
  });
  new BaselineTrail(stack, 'Trail', { logArchive: imported, trailName: 'renamed-trail', isOrganizationTrail: true, organizationId: ORGANIZATION_ID });
  Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('arn:aws:cloudtrail:us-east-1:222222222222:trail/renamed-trail'));
});
