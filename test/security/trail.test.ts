/**
 * The trail's CloudWatch Logs delivery, proven by deciding requests: the delivery role is for
 * CloudTrail only and writes only CloudTrail's streams of its log group; the log group key serves
 * CloudWatch Logs only for that log group.
 */
import { landingZoneWorld, singleAccountWorld } from './worlds';
import { ADMINISTRATOR_ACCESS, PolicyWorld } from '../support/policy-evaluation';

const cases = [
  { name: 'landing zone (organization trail)', world: landingZoneWorld(), stack: 'Management', account: '222222222222', region: 'us-east-1', logGroup: 'cloudtrail/organization-trail', organizationId: 'o-a1b2c3d4e5' as string | undefined },
  { name: 'single account', world: singleAccountWorld(), stack: 'SingleAccount', account: '333333333333', region: 'eu-west-1', logGroup: 'cloudtrail/account-trail', organizationId: undefined },
];

describe.each(cases)('$name', ({ world, stack, account, region, logGroup, organizationId }) => {
  const role = () => (world as PolicyWorld).arnOf(stack, 'AWS::IAM::Role', 'BaselineTrailCloudWatchLogsRole');
  const stream = (name: string, group = logGroup) => `arn:aws:logs:${region}:${account}:log-group:${group}:log-stream:${name}`;

  test('CloudTrail may assume the delivery role; another service or an administrator of the account may not', async () => {
    expect(await world.decide({ principal: 'cloudtrail.amazonaws.com', action: 'sts:AssumeRole', resource: role() })).toBe('Allowed');
    expect(await world.decide({ principal: 'lambda.amazonaws.com', action: 'sts:AssumeRole', resource: role() })).toBe('ImplicitlyDenied');
    expect(await world.decide({ principal: `arn:aws:iam::${account}:role/Administrator`, identityPolicies: [ADMINISTRATOR_ACCESS], action: 'sts:AssumeRole', resource: role() })).toBe('ImplicitlyDenied');
  });

  test('the trust policy has no aws:SourceArn / aws:SourceAccount (CloudTrail does not support them for this role)', () => {
    const trust = (world as any).trustPolicies.get(role()).document;
    expect(JSON.stringify(trust)).not.toMatch(/aws:Source/);
  });

  test('the role writes CloudTrail\'s streams of its log group', async () => {
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      expect(await world.decide({ principal: role(), action, resource: stream(`${account}_CloudTrail_${region}_1`) })).toBe('Allowed');
    }
    if (organizationId) {
      expect(await world.decide({ principal: role(), action: 'logs:PutLogEvents', resource: stream(`${organizationId}_444444444444_CloudTrail_${region}_1`) })).toBe('Allowed');
    }
  });

  test('the role writes no other stream or log group and cannot delete', async () => {
    expect(await world.decide({ principal: role(), action: 'logs:PutLogEvents', resource: stream('forged-stream') })).toBe('ImplicitlyDenied');
    expect(await world.decide({ principal: role(), action: 'logs:PutLogEvents', resource: stream(`${account}_CloudTrail_${region}_1`, 'other-group') })).toBe('ImplicitlyDenied');
    expect(await world.decide({ principal: role(), action: 'logs:DeleteLogStream', resource: stream(`${account}_CloudTrail_${region}_1`) })).toBe('ImplicitlyDenied');
  });

  test('the log group key: CloudWatch Logs of the region for this log group only', async () => {
    const key = world.arnOf(stack, 'AWS::KMS::Key', 'BaselineTrailLogGroupKey');
    const use = (principal: string, group: string) => world.decide({
      principal,
      action: 'kms:GenerateDataKey',
      resource: key,
      context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${account}:log-group:${group}` },
    });
    expect(await use(`logs.${region}.amazonaws.com`, logGroup)).toBe('Allowed');
    expect(await use(`logs.${region}.amazonaws.com`, 'other-group')).toBe('ImplicitlyDenied');
    expect(await use('logs.ap-south-1.amazonaws.com', logGroup)).toBe('ImplicitlyDenied');
  });
});
