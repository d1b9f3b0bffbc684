/**
 * `BaselineTrail`: the trail resource, its CloudWatch Logs group and key, the delivery role, and
 * the checks on its input.
 */
import { App, CfnElement, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { ILogArchive, LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, BaselineTrailProps } from '../../lib/trail';

const ENV = { account: '111111111111', region: 'us-east-1' };
const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:111111111111:log-group:cloudtrail/account-trail';
const ALIAS_ARN = 'arn:aws:kms:us-east-1:999999999999:alias/cloudtrail-log-archive';

function id(construct: IConstruct): string {
  const child = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** An account trail delivering to a log archive in the same stack. */
function sameStack(props: Partial<BaselineTrailProps> = {}) {
  const stack = new Stack(new App(), 'Audit', { env: ENV });
  const archive = new LogArchive(stack, 'Archive', { s3KeyPrefix: 'audit' });
  const trail = new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail', ...props });
  return { stack, archive, trail, template: Template.fromStack(stack) };
}

/** An organization trail in the management account, delivering to an imported archive. */
function importedArchive(props: Partial<BaselineTrailProps> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: '999999999999', region: 'us-east-1' } });
  const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', { bucketName: 'example-cloudtrail-archive', encryptionKeyArn: ALIAS_ARN });
  const trail = new BaselineTrail(stack, 'Trail', {
    logArchive: archive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5', ...props,
  });
  return { stack, archive, trail, template: Template.fromStack(stack) };
}

describe('account trail with a log archive in the same stack', () => {
  const { stack, archive, trail, template } = sameStack();
  const cfnTrail = template.findResources('AWS::CloudTrail::Trail')[id(trail.cfnTrail)];
  const role = trail.node.findChild('CloudWatchLogsRole');
  const policy = trail.node.findChild('CloudWatchLogsPolicy');

  test('multi-region, global events, validation, logging, named, KMS with the archive key, CloudWatch Logs, all management events', () => {
    expect(cfnTrail.Properties).toEqual({
      TrailName: 'account-trail',
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsOrganizationTrail: false,
      S3BucketName: { Ref: id(archive.bucket) },
      S3KeyPrefix: 'audit',
      KMSKeyId: { 'Fn::GetAtt': [id(archive.encryptionKey), 'Arn'] },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [id(trail.logGroup), 'Arn'] },
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': [id(role), 'Arn'] },
      // Always an advanced management events selector (aws-cdk#19398): read and write, no exclusion.
      AdvancedEventSelectors: [{ Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
    });
  });

  test('created after the bucket policy, the role and its policy (CloudTrail checks them on creation)', () => {
    const bucketPolicy = archive.bucket.policy!.node.defaultChild as CfnElement;
    expect(cfnTrail.DependsOn).toEqual(expect.arrayContaining([
      stack.getLogicalId(bucketPolicy), id(archive.bucket), id(role), id(policy),
    ]));
  });

  test('registers itself with the archive: policies bound to its ARN', () => {
    expect(archive.trailDescriptions.map((t) => t.trailArn)).toEqual(['arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail']);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AWSCloudTrailWrite',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(archive.bucket), 'Arn'] }, '/audit/AWSLogs/111111111111/*']] },
          Condition: { StringEquals: Match.objectLike({ 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail' }) },
        })]),
      },
    });
  });

  test('trailArn, trailName and description', () => {
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail');
    expect(trail.trailName).toBe('account-trail');
    expect(trail.description.isOrganizationTrail).toBe(false);
    expect(trail.description.ownerAccountId).toBe('111111111111');
  });

  test('log group: cloudtrail/<trail>, one year, KMS, retained', () => {
    const logGroup = template.findResources('AWS::Logs::LogGroup')[id(trail.logGroup)];
    expect(logGroup.Properties).toEqual({
      LogGroupName: 'cloudtrail/account-trail',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [id(trail.logGroupEncryptionKey), 'Arn'] },
    });
    expect(logGroup.DeletionPolicy).toBe('Retain');
    expect(logGroup.UpdateReplacePolicy).toBe('Retain');
  });

  test('log group key: the regional Logs principal, bound to the log group ARN', () => {
    const key = template.findResources('AWS::KMS::Key')[id(trail.logGroupEncryptionKey)];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    const statements = key.Properties.KeyPolicy.Statement;
    expect(statements).toContainEqual({
      Sid: 'AllowCloudWatchLogsToUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': LOG_GROUP_ARN } },
    });
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'DenyGrantsExceptForAwsServices', Effect: 'Deny' }));
  });

  test('role: trusted by CloudTrail, one managed policy, no inline policy', () => {
    const roleResource = template.findResources('AWS::IAM::Role')[id(role)];
    expect(roleResource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(roleResource.Properties.ManagedPolicyArns).toEqual([{ Ref: id(policy) }]);
    expect(roleResource.Properties.Policies).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
  });

  test('managed policy: create and write only CloudTrail\'s own log streams', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Sid: 'AWSCloudTrailCreateLogStreamAndPutLogEvents',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${LOG_GROUP_ARN}:log-stream:111111111111_CloudTrail_us-east-1*`,
        }],
        Version: '2012-10-17',
      },
    });
  });
});

describe('organization trail with an imported log archive', () => {
  const { trail, template } = importedArchive();
  const cfnTrail = template.findResources('AWS::CloudTrail::Trail')[id(trail.cfnTrail)];

  test('IsOrganizationTrail, bucket by name, KMS key by alias ARN', () => {
    expect(cfnTrail.Properties).toEqual(expect.objectContaining({
      TrailName: 'org-trail',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      S3BucketName: 'example-cloudtrail-archive',
      KMSKeyId: ALIAS_ARN,
    }));
    expect(cfnTrail.Properties.S3KeyPrefix).toBeUndefined();
  });

  test('depends on the role and its policy only (the archive is elsewhere)', () => {
    expect(cfnTrail.DependsOn).toEqual([id(trail.node.findChild('CloudWatchLogsPolicy')), id(trail.node.findChild('CloudWatchLogsRole'))]);
  });

  test('the role may also write the member accounts\' streams <o-id>_*', () => {
    const arn = 'arn:aws:logs:us-east-1:999999999999:log-group:cloudtrail/org-trail';
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [Match.objectEquals({
          Sid: 'AWSCloudTrailCreateLogStreamAndPutLogEvents',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [`${arn}:log-stream:999999999999_CloudTrail_us-east-1*`, `${arn}:log-stream:o-a1b2c3d4e5_*`],
        })],
      },
    });
  });

  test('description and ARN', () => {
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail');
    expect(trail.description.organizationId).toBe('o-a1b2c3d4e5');
    expect(trail.description.objectKeyPrefixes()).toEqual(['AWSLogs/999999999999/', 'AWSLogs/o-a1b2c3d4e5/']);
  });
});

describe('options', () => {
  test('a custom log group name is used for the group, the key condition and the role', () => {
    const { trail, template } = sameStack({ logGroupName: '/org/cloudtrail' });
    const arn = 'arn:aws:logs:us-east-1:111111111111:log-group:/org/cloudtrail';
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/org/cloudtrail' });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': arn } } })]) },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: `${arn}:log-stream:111111111111_CloudTrail_us-east-1*` })] },
    });
    expect(trail.logGroup.logGroupName).toBeDefined();
  });

  test('retention of two years, and never expire', () => {
    sameStack({ cloudWatchLogsRetention: RetentionDays.TWO_YEARS }).template
      .hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    sameStack({ cloudWatchLogsRetention: RetentionDays.INFINITE }).template
      .hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'cloudtrail/account-trail', RetentionInDays: Match.absent() });
  });

  test('a given log group key: no key is created for the log group', () => {
    const stack = new Stack(new App(), 'Audit', { env: ENV });
    const key = new Key(stack, 'LogsKey');
    const archive = new LogArchive(stack, 'Archive');
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail', logGroupEncryptionKey: key });
    expect(trail.logGroupEncryptionKey).toBe(key);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 2); // the archive key and the given one
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [id(key), 'Arn'] } });
  });

  test('an env-agnostic stack: the log group ARN uses the stack partition, region and account', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const archive = new LogArchive(stack, 'Archive');
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail' });
    expect(stack.resolve(trail.trailArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':trail/account-trail']],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: {
            ArnEquals: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:cloudtrail/account-trail']],
              },
            },
          },
        })]),
      },
    });
  });
});

describe('errors', () => {
  const stack = (): Stack => new Stack(new App(), 'Audit', { env: ENV });
  const archive = (s: Stack): ILogArchive => LogArchive.fromLogArchiveAttributes(s, 'Archive', {
    bucketName: 'example-cloudtrail-archive', encryptionKeyArn: 'arn:aws:kms:us-east-1:999999999999:alias/cloudtrail-log-archive',
  });
  const trail = (props: Partial<BaselineTrailProps>) => () => {
    const s = stack();
    return new BaselineTrail(s, 'Trail', { logArchive: archive(s), trailName: 'account-trail', ...props });
  };

  test('isOrganizationTrail without organizationId', () => {
    expect(trail({ isOrganizationTrail: true }))
      .toThrow(/^BaselineTrailProps\.organizationId: is required when isOrganizationTrail is true/);
  });

  test('organizationId without isOrganizationTrail', () => {
    expect(trail({ organizationId: 'o-a1b2c3d4e5' }))
      .toThrow(/^BaselineTrailProps\.isOrganizationTrail: must be true when organizationId is set/);
    expect(trail({ organizationId: 'o-a1b2c3d4e5', isOrganizationTrail: false }))
      .toThrow(/^BaselineTrailProps\.isOrganizationTrail: must be true/);
  });

  test.each([RetentionDays.ONE_DAY, RetentionDays.ONE_MONTH, RetentionDays.SIX_MONTHS])('retention of %p days: under a year', (cloudWatchLogsRetention) => {
    expect(trail({ cloudWatchLogsRetention }))
      .toThrow(new RegExp(`^BaselineTrailProps\\.cloudWatchLogsRetention: must be at least one year .*got ${cloudWatchLogsRetention} days`));
  });

  test('retention of exactly a year and over is accepted', () => {
    expect(trail({ cloudWatchLogsRetention: RetentionDays.ONE_YEAR })).not.toThrow();
    expect(trail({ cloudWatchLogsRetention: RetentionDays.THIRTEEN_MONTHS })).not.toThrow();
  });

  test('a token trail name', () => {
    expect(trail({ trailName: Lazy.string({ produce: () => 'later' }) }))
      .toThrow(/^BaselineTrailProps\.trailName: must be a literal string, not a token/);
    expect(trail({ trailName: Lazy.string({ produce: () => 'later' }), isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' }))
      .toThrow(/^BaselineTrailProps\.trailName: must be a literal string, not a token/);
  });

  test('a malformed trail name or organization ID', () => {
    expect(trail({ trailName: 'my--trail' })).toThrow(/trailName: must not have adjacent/);
    expect(trail({ isOrganizationTrail: true, organizationId: 'o-bad' })).toThrow(/OrganizationTrailDescriptionProps\.organizationId: must be an AWS Organizations ID/);
  });
});

describe('TrailDescription shared with the archive', () => {
  test('the same description as the BaselineTrail builds', () => {
    const { trail } = importedArchive();
    const shared = TrailDescription.organizationTrail({
      organizationId: 'o-a1b2c3d4e5', managementAccountId: '999999999999', region: 'us-east-1', trailName: 'org-trail',
    });
    expect(trail.description.trailArn).toBe(shared.trailArn);
    expect(trail.description.objectKeyPrefixes('x')).toEqual(shared.objectKeyPrefixes('x'));
  });
});

describe('log group name', () => {
  test('a name CloudWatch Logs refuses is reported as BaselineTrailProps.logGroupName', () => {
    const app = new App();
    const stack = new Stack(app, 'BadLogGroup', { env: { account: '111111111111', region: 'us-east-1' } });
    const logArchive = new LogArchive(stack, 'Archive');
    expect(() => new BaselineTrail(stack, 'Trail', { trailName: 'account-trail', logArchive, logGroupName: 'bad name!' }))
      .toThrow(/^BaselineTrailProps\.logGroupName: must be 1-512 letters/);
  });
});
