/**
 * `TrailDescription`: the trail ARN the bucket and key policies bind `aws:SourceArn` to, the object
 * key prefixes CloudTrail writes under, and the checks on its input.
 */
import { Aws, Lazy, Stack } from 'aws-cdk-lib';
import { TrailDescription } from '../../lib/organization';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const ORG = {
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '222222222222',
  region: 'us-east-1',
  trailName: 'org-trail',
};
const ACCOUNT = { accountId: '111111111111', region: 'us-east-1', trailName: 'account-trail' };

describe('organizationTrail', () => {
  test('describes a trail owned by the management account', () => {
    const trail = TrailDescription.organizationTrail(ORG);
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail');
    expect(trail.ownerAccountId).toBe('222222222222');
    expect(trail.region).toBe('us-east-1');
    expect(trail.trailName).toBe('org-trail');
    expect(trail.organizationId).toBe('o-a1b2c3d4e5');
    expect(trail.partition).toBe('aws');
    expect(trail.isOrganizationTrail).toBe(true);
  });

  test('object key prefixes: the management account and the organization, without a prefix', () => {
    expect(TrailDescription.organizationTrail(ORG).objectKeyPrefixes()).toEqual([
      'AWSLogs/222222222222/',
      'AWSLogs/o-a1b2c3d4e5/',
    ]);
  });

  test('object key prefixes: under the S3 key prefix', () => {
    expect(TrailDescription.organizationTrail(ORG).objectKeyPrefixes('audit/cloudtrail')).toEqual([
      'audit/cloudtrail/AWSLogs/222222222222/',
      'audit/cloudtrail/AWSLogs/o-a1b2c3d4e5/',
    ]);
  });

  test('an empty prefix is the same as none', () => {
    expect(TrailDescription.organizationTrail(ORG).objectKeyPrefixes('')).toEqual([
      'AWSLogs/222222222222/',
      'AWSLogs/o-a1b2c3d4e5/',
    ]);
  });
});

describe('accountTrail', () => {
  test('describes a trail owned by the account', () => {
    const trail = TrailDescription.accountTrail(ACCOUNT);
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail');
    expect(trail.ownerAccountId).toBe('111111111111');
    expect(trail.organizationId).toBeUndefined();
    expect(trail.isOrganizationTrail).toBe(false);
  });

  test('object key prefixes: only the account', () => {
    const trail = TrailDescription.accountTrail(ACCOUNT);
    expect(trail.objectKeyPrefixes()).toEqual(['AWSLogs/111111111111/']);
    expect(trail.objectKeyPrefixes('logs')).toEqual(['logs/AWSLogs/111111111111/']);
  });
});

describe('partition', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-west-3', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('region %s is in partition %s', (region, partition) => {
    const org = TrailDescription.organizationTrail({ ...ORG, region });
    expect(org.partition).toBe(partition);
    expect(org.trailArn).toBe(`arn:${partition}:cloudtrail:${region}:222222222222:trail/org-trail`);
    const account = TrailDescription.accountTrail({ ...ACCOUNT, region });
    expect(account.trailArn).toBe(`arn:${partition}:cloudtrail:${region}:111111111111:trail/account-trail`);
  });

  test('a region unknown to region-info falls back on its prefix', () => {
    expect(TrailDescription.accountTrail({ ...ACCOUNT, region: 'cn-south-9' }).partition).toBe('aws-cn');
    expect(TrailDescription.accountTrail({ ...ACCOUNT, region: 'us-gov-south-9' }).partition).toBe('aws-us-gov');
    expect(TrailDescription.accountTrail({ ...ACCOUNT, region: 'xx-south-9' }).partition).toBe('aws');
  });

  test('an explicit partition must be the partition of a known region', () => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, partition: 'aws-iso' }))
      .toThrow(/^OrganizationTrailDescriptionProps\.partition: must be the partition of region us-east-1 \('aws'\), got 'aws-iso'/);
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, region: 'cn-north-1', partition: 'aws' }))
      .toThrow(/^AccountTrailDescriptionProps\.partition: .*'aws-cn'/);
  });

  test('an explicit partition is used for a region region-info does not know yet', () => {
    const org = TrailDescription.organizationTrail({ ...ORG, region: 'xx-newregion-1', partition: 'aws-iso' });
    expect(org.trailArn).toBe('arn:aws-iso:cloudtrail:xx-newregion-1:222222222222:trail/org-trail');
    const account = TrailDescription.accountTrail({ ...ACCOUNT, region: 'cn-north-1', partition: 'aws-cn' });
    expect(account.trailArn).toBe('arn:aws-cn:cloudtrail:cn-north-1:111111111111:trail/account-trail');
  });

  test('an env-agnostic description (tokens for account and region) uses AWS::Partition', () => {
    const stack = new Stack();
    const trail = TrailDescription.accountTrail({ accountId: Aws.ACCOUNT_ID, region: Aws.REGION, trailName: 'account-trail' });
    expect(stack.resolve(trail.partition)).toEqual({ Ref: 'AWS::Partition' });
    expect(stack.resolve(trail.trailArn)).toEqual({
      'Fn::Join': ['', [
        'arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
        ':trail/account-trail',
      ]],
    });
  });
});

describe('validation', () => {
  test('errors are CloudTrailBaselineErrors that name the property', () => {
    let error: unknown;
    try {
      TrailDescription.organizationTrail({ ...ORG, organizationId: 'o-SHORT' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CloudTrailBaselineError);
    expect((error as CloudTrailBaselineError).name).toBe('CloudTrailBaselineError');
    expect((error as CloudTrailBaselineError).property).toBe('OrganizationTrailDescriptionProps.organizationId');
    expect((error as Error).message).toMatch(/^OrganizationTrailDescriptionProps\.organizationId: must be an AWS Organizations ID.*\(got 'o-SHORT'\)$/);
  });

  test('organization ID is required', () => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, organizationId: '' }))
      .toThrow(/OrganizationTrailDescriptionProps\.organizationId: is required/);
    expect(() => TrailDescription.organizationTrail({ ...ORG, organizationId: undefined as unknown as string }))
      .toThrow(/OrganizationTrailDescriptionProps\.organizationId: is required/);
  });

  test.each([
    'a1b2c3d4e5', // no 'o-'
    'o-a1b2c3d4', // 8 characters after 'o-'
    'o-A1B2C3D4E5', // uppercase
    `o-${'a'.repeat(33)}`, // too long
    'o-a1b2c3d4e5 ', // trailing space
  ])('bad organization ID %p', (organizationId) => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, organizationId }))
      .toThrow(/OrganizationTrailDescriptionProps\.organizationId: must be an AWS Organizations ID/);
  });

  test('organization IDs of 10 and 32 characters after o- are accepted', () => {
    expect(TrailDescription.organizationTrail({ ...ORG, organizationId: 'o-abcdefghij' }).organizationId).toBe('o-abcdefghij');
    const longest = `o-${'a'.repeat(32)}`;
    expect(TrailDescription.organizationTrail({ ...ORG, organizationId: longest }).organizationId).toBe(longest);
  });

  test.each(['22222222222', '2222222222222', '22222222222a', ''])('bad management account ID %p', (managementAccountId) => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, managementAccountId }))
      .toThrow(/OrganizationTrailDescriptionProps\.managementAccountId: must be a 12-digit AWS account ID/);
  });

  test.each(['11111111111', 'account', ''])('bad account ID %p', (accountId) => {
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, accountId }))
      .toThrow(/AccountTrailDescriptionProps\.accountId: must be a 12-digit AWS account ID/);
  });

  test.each(['US-EAST-1', 'us-east', 'useast1', 'us_east_1', 'us-east-1a', ''])('bad region %p', (region) => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, region }))
      .toThrow(/OrganizationTrailDescriptionProps\.region: must be an AWS Region code/);
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, region }))
      .toThrow(/AccountTrailDescriptionProps\.region: must be an AWS Region code/);
  });

  test.each([
    ['too short', 'ab', /be 3 to 128 characters long/],
    ['too long (129)', 'a'.repeat(129), /be 3 to 128 characters long/],
    ['space', 'my trail', /contain only letters, digits/],
    ['slash', 'my/trail', /contain only letters, digits/],
    ['colon', 'trail:1', /contain only letters, digits/],
    ['leading -', '-trail', /start and end with a letter or digit/],
    ['trailing _', 'trail_', /start and end with a letter or digit/],
    ['leading .', '.trail', /start and end with a letter or digit/],
    ['adjacent -_', 'my-_trail', /not have adjacent '\.', '_' or '-'/],
    ['adjacent ..', 'my..trail', /not have adjacent '\.', '_' or '-'/],
    ['adjacent --', 'my--trail', /not have adjacent '\.', '_' or '-'/],
    ['adjacent ._', 'my._trail', /not have adjacent '\.', '_' or '-'/],
    ['IP address', '192.168.5.4', /not be formatted as an IP address/],
    ['IP address', '10.0.0.1', /not be formatted as an IP address/],
  ])('bad trail name: %s', (_label, trailName, rule) => {
    expect(() => TrailDescription.organizationTrail({ ...ORG, trailName }))
      .toThrow(/OrganizationTrailDescriptionProps\.trailName: must /);
    expect(() => TrailDescription.organizationTrail({ ...ORG, trailName })).toThrow(rule);
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, trailName }))
      .toThrow(/AccountTrailDescriptionProps\.trailName: must /);
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, trailName })).toThrow(rule);
  });

  test('several problems of a trail name are reported together', () => {
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, trailName: '-a' }))
      .toThrow(/be 3 to 128 characters long, start and end with a letter or digit \(got '-a'\)/);
  });

  test.each([
    ['3 characters', 'abc'],
    ['128 characters', 'a'.repeat(128)],
    ['mixed', 'My.Trail_1-x'],
    ['hyphen', 'org-trail'],
    ['three numbers', '1.2.3'],
    ['five numbers', '1.2.3.4.5'],
  ])('good trail name: %s', (_label, trailName) => {
    expect(TrailDescription.accountTrail({ ...ACCOUNT, trailName }).trailName).toBe(trailName);
  });

  test('a token trail name is refused: the ARN must be known at synth time', () => {
    const trailName = Lazy.string({ produce: () => 'later' });
    expect(() => TrailDescription.organizationTrail({ ...ORG, trailName }))
      .toThrow(/OrganizationTrailDescriptionProps\.trailName: must be a literal string, not a token/);
    expect(() => TrailDescription.accountTrail({ ...ACCOUNT, trailName }))
      .toThrow(/AccountTrailDescriptionProps\.trailName: must be a literal string, not a token/);
  });

  test('tokens for IDs and region are accepted (checked at deploy time)', () => {
    const trail = TrailDescription.organizationTrail({
      organizationId: Lazy.string({ produce: () => 'o-a1b2c3d4e5' }),
      managementAccountId: Aws.ACCOUNT_ID,
      region: Aws.REGION,
      trailName: 'org-trail',
    });
    expect(trail.isOrganizationTrail).toBe(true);
    expect(new Stack().resolve(trail.objectKeyPrefixes()[1])).toBe('AWSLogs/o-a1b2c3d4e5/');
  });
});

describe('memberAccountTrails', () => {
  const MEMBERS = { organizationId: 'o-a1b2c3d4e5', region: 'us-east-1', trailName: 'member-account-trail' };

  test('describes the trails of one name in every member account: an ARN pattern, the organization they belong to', () => {
    const trail = TrailDescription.memberAccountTrails(MEMBERS);
    expect(trail.trailArn).toBe('arn:aws:cloudtrail:us-east-1:*:trail/member-account-trail');
    expect(trail.ownerAccountId).toBe('*');
    expect(trail.isMemberAccountTrails).toBe(true);
    expect(trail.isOrganizationTrail).toBe(false);
    expect(trail.memberOf).toBe('o-a1b2c3d4e5');
    expect(trail.organizationId).toBeUndefined();
  });

  test('they write under member-account-trails/, apart from the organization trail, under the archive prefix if any', () => {
    const trail = TrailDescription.memberAccountTrails(MEMBERS);
    expect(trail.s3KeyPrefixIn()).toBe('member-account-trails');
    expect(trail.s3KeyPrefixIn('audit')).toBe('audit/member-account-trails');
    expect(trail.objectKeyPrefixes()).toEqual(['member-account-trails/AWSLogs/']);
    expect(trail.objectKeyPrefixes('audit')).toEqual(['audit/member-account-trails/AWSLogs/']);
  });

  test('other trails are created with the archive prefix itself', () => {
    expect(TrailDescription.organizationTrail(ORG).s3KeyPrefixIn('audit')).toBe('audit');
    expect(TrailDescription.accountTrail(ACCOUNT).s3KeyPrefixIn()).toBeUndefined();
  });

  test.each([
    [{ ...MEMBERS, organizationId: 'a1b2c3d4e5' }, /MemberAccountTrailsDescriptionProps\.organizationId: must be an AWS Organizations ID/],
    [{ ...MEMBERS, organizationId: undefined }, /MemberAccountTrailsDescriptionProps\.organizationId: is required/],
    [{ ...MEMBERS, region: 'useast1' }, /MemberAccountTrailsDescriptionProps\.region: must be an AWS Region code/],
    [{ ...MEMBERS, trailName: 'a b' }, /MemberAccountTrailsDescriptionProps\.trailName/],
    [{ ...MEMBERS, accountId: '111111111111' }, /MemberAccountTrailsDescriptionProps.*accountId/],
  ])('refuses %j', (props, message) => {
    expect(() => TrailDescription.memberAccountTrails(props as never)).toThrow(message);
  });
});
