/**
 * The CIS AWS Foundations Benchmark / Security Hub (CloudWatch.1-14) metric filter patterns, with their
 * spacing and quoting variations, against CloudTrail records.
 */
import { JsonFilterPattern } from '../../lib/filter-pattern';

/** A CloudTrail management event record. */
function record(fields: Record<string, any>): any {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
    eventTime: '2024-05-01T12:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: 'f00d',
    eventID: 'beef',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...fields,
  };
}

const ROOT = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };

describe('CloudWatch.1 / CIS 1.1: root user activity', () => {
  const p = JsonFilterPattern.parse('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');

  test('matches an API call by the root user', () => {
    expect(p.matches(record({ userIdentity: ROOT }))).toBe(true);
    expect(p.matches(record({ userIdentity: ROOT, eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin' }))).toBe(true);
  });

  test('does not match a non-root user, a call made by an AWS service for root, or an AwsServiceEvent', () => {
    expect(p.matches(record({}))).toBe(false);
    expect(p.matches(record({ userIdentity: { ...ROOT, invokedBy: 'cloudtrail.amazonaws.com' } }))).toBe(false);
    expect(p.matches(record({ userIdentity: ROOT, eventType: 'AwsServiceEvent' }))).toBe(false);
  });

  test('does not match a root event without an eventType field ("!=" needs the field to exist)', () => {
    const event = record({ userIdentity: ROOT });
    delete event.eventType;
    expect(p.matches(event)).toBe(false);
  });

  test('keeps the text byte-exact and has no regex', () => {
    expect(p.text).toBe('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');
    expect(p.regexCount).toBe(0);
  });
});

describe('CloudWatch.2 / CIS 3.1: unauthorized API calls', () => {
  const p = JsonFilterPattern.parse('{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}');

  test.each(['UnauthorizedOperation', 'Client.UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException'])('matches errorCode %s', (errorCode) => {
    expect(p.matches(record({ errorCode }))).toBe(true);
  });

  test.each(['ThrottlingException', 'UnauthorizedOperationX', 'Client.AccessDenied', 'accessdenied'])('does not match errorCode %s', (errorCode) => {
    expect(p.matches(record({ errorCode }))).toBe(false);
  });

  test('does not match a successful call (no errorCode)', () => {
    expect(p.matches(record({}))).toBe(false);
  });
});

describe('CloudWatch.3 / CIS 3.2: console sign-in without MFA', () => {
  const p = JsonFilterPattern.parse(
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }');
  const login = (mfa: any, result = 'Success') => record({
    eventName: 'ConsoleLogin',
    eventSource: 'signin.amazonaws.com',
    eventType: 'AwsConsoleSignIn',
    additionalEventData: mfa === undefined ? {} : { MFAUsed: mfa },
    responseElements: { ConsoleLogin: result },
  });

  test('matches a successful IAM user sign-in with MFAUsed "No"', () => {
    expect(p.matches(login('No'))).toBe(true);
  });

  test('does not match a sign-in with MFA, a failed sign-in, a root sign-in, or another event', () => {
    expect(p.matches(login('Yes'))).toBe(false);
    expect(p.matches(login('No', 'Failure'))).toBe(false);
    expect(p.matches({ ...login('No'), userIdentity: ROOT })).toBe(false);
    expect(p.matches({ ...login('No'), eventName: 'GetSigninToken' })).toBe(false);
  });

  test('does not match when MFAUsed is absent ("!=" on a missing field is false)', () => {
    expect(p.matches(login(undefined))).toBe(false);
  });
});

describe('CloudWatch.4 / CIS 3.4: IAM policy changes', () => {
  test('the short form "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=PutGroupPolicy)}"', () => {
    const p = JsonFilterPattern.parse('{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=PutGroupPolicy)}');
    expect(p.matches(record({ eventName: 'DeleteRolePolicy' }))).toBe(true);
    expect(p.matches(record({ eventName: 'PutGroupPolicy' }))).toBe(true);
    expect(p.matches(record({ eventName: 'PutRolePolicy' }))).toBe(false);
    expect(p.matches(record({ eventName: 'deletegrouppolicy' }))).toBe(false);
  });

  test('the full Security Hub form, without spaces', () => {
    const names = ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy',
      'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy',
      'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'];
    const p = JsonFilterPattern.parse(`{${names.map((n) => `($.eventName=${n})`).join('||')}}`);
    for (const n of names) expect(p.matches(record({ eventName: n }))).toBe(true);
    expect(p.matches(record({ eventName: 'CreateUser' }))).toBe(false);
  });
});

describe('CloudWatch.5 / CIS 3.5: CloudTrail configuration changes', () => {
  const p = JsonFilterPattern.parse(
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}');

  test('matches StopLogging, not LookupEvents', () => {
    expect(p.matches(record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' }))).toBe(true);
    expect(p.matches(record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'LookupEvents' }))).toBe(false);
  });
});

describe('CloudWatch.6 / CIS 3.6: console authentication failures', () => {
  const p = JsonFilterPattern.parse('{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}');

  test('matches a failed sign-in, not a successful one nor another message', () => {
    expect(p.matches(record({ eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' }))).toBe(true);
    expect(p.matches(record({ eventName: 'ConsoleLogin' }))).toBe(false);
    expect(p.matches(record({ eventName: 'ConsoleLogin', errorMessage: 'Failed authentication.' }))).toBe(false);
    expect(p.matches(record({ eventName: 'AssumeRole', errorMessage: 'Failed authentication' }))).toBe(false);
  });
});

describe('CloudWatch.7 / CIS 3.7: disabling or scheduled deletion of KMS keys', () => {
  const p = JsonFilterPattern.parse('{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}');

  test('matches DisableKey and ScheduleKeyDeletion from kms.amazonaws.com (unquoted value with dots)', () => {
    expect(p.matches(record({ eventSource: 'kms.amazonaws.com', eventName: 'DisableKey' }))).toBe(true);
    expect(p.matches(record({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion' }))).toBe(true);
  });

  test('does not match other KMS calls or other sources', () => {
    expect(p.matches(record({ eventSource: 'kms.amazonaws.com', eventName: 'EnableKey' }))).toBe(false);
    expect(p.matches(record({ eventSource: 'kmsXamazonaws.com', eventName: 'DisableKey' }))).toBe(false);
    expect(p.matches(record({ eventSource: 'ec2.amazonaws.com', eventName: 'DisableKey' }))).toBe(false);
  });
});

describe('CloudWatch.8-14 / CIS 3.8-3.14', () => {
  test.each([
    ['S3 bucket policy changes',
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
      { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy' }, { eventSource: 's3.amazonaws.com', eventName: 'GetBucketPolicy' }],
    ['AWS Config changes',
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
      { eventSource: 'config.amazonaws.com', eventName: 'StopConfigurationRecorder' }, { eventSource: 's3.amazonaws.com', eventName: 'StopConfigurationRecorder' }],
    ['security group changes',
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
      { eventName: 'AuthorizeSecurityGroupIngress' }, { eventName: 'DescribeSecurityGroups' }],
    ['NACL changes',
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
      { eventName: 'ReplaceNetworkAclEntry' }, { eventName: 'DescribeNetworkAcls' }],
    ['network gateway changes',
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
      { eventName: 'AttachInternetGateway' }, { eventName: 'CreateNatGateway' }],
    ['route table changes',
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
      { eventName: 'DisassociateRouteTable' }, { eventName: 'CreateRouteX' }],
    ['VPC changes',
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
      { eventName: 'ModifyVpcAttribute' }, { eventName: 'DescribeVpcs' }],
  ])('%s', (_name, pattern, matching, notMatching) => {
    const p = JsonFilterPattern.parse(pattern);
    expect(p.matches(record(matching))).toBe(true);
    expect(p.matches(record(notMatching))).toBe(false);
  });
});

describe('CIS 4.15: AWS Organizations changes', () => {
  test('"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy")) }"', () => {
    const p = JsonFilterPattern.parse(
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy")) }');
    expect(p.matches(record({ eventSource: 'organizations.amazonaws.com', eventName: 'AttachPolicy' }))).toBe(true);
    expect(p.matches(record({ eventSource: 'organizations.amazonaws.com', eventName: 'AcceptHandshake' }))).toBe(true);
    expect(p.matches(record({ eventSource: 'organizations.amazonaws.com', eventName: 'ListAccounts' }))).toBe(false);
    expect(p.matches(record({ eventSource: 'iam.amazonaws.com', eventName: 'AttachPolicy' }))).toBe(false);
  });

  test('the same pattern from a raw CloudTrail log event (matchesJson)', () => {
    const p = JsonFilterPattern.parse(
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy")) }');
    expect(p.matchesJson(JSON.stringify(record({ eventSource: 'organizations.amazonaws.com', eventName: 'AttachPolicy' })))).toBe(true);
    expect(p.matchesJson(JSON.stringify(record({ eventSource: 'organizations.amazonaws.com', eventName: 'DetachPolicy' })))).toBe(false);
  });
});
