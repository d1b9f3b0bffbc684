import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  describeAction, describeParameters, describePrincipal, describeWhere, MAX_PARAMETERS, MAX_USER_AGENT_LENGTH,
  parseCloudTrailMessage, summarizeCloudTrailRecord,
} from '../../../lib/alarm-actions/notifier-handler/cloudtrail-event';

// Real CloudTrail records (see test/fixtures/cloudtrail-events/README.md and SOURCES.tsv).
const EVENTS_DIR = path.join(__dirname, '..', '..', 'fixtures', 'cloudtrail-events', 'events');

function record(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(EVENTS_DIR, file), 'utf-8'));
}

function summary(file: string) {
  return summarizeCloudTrailRecord(record(file));
}

describe('summarizeCloudTrailRecord on real records', () => {
  test('Root with an S3 call (Panther fixture): principal, MFA from the session, bucket', () => {
    const e = summary('001_root_usage__panther_PutBucketVersioning.json');
    expect(e).toEqual({
      eventId: '1',
      eventTime: '2019-01-01T00:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketVersioning',
      errorCode: undefined,
      errorMessage: undefined,
      accountId: '123456789012',
      region: 'us-west-2',
      sourceIp: '111.111.111.111',
      userAgent: 'Mozilla',
      principal: {
        type: 'Root',
        arn: 'arn:aws:iam::123456789012:root',
        userName: undefined,
        accountId: '123456789012',
        issuerArn: undefined,
        issuerUserName: undefined,
        invokedBy: undefined,
        mfa: false,
      },
      parameters: [['bucketName', 'bucket']],
      consoleUrl: 'https://us-west-2.console.aws.amazon.com/cloudtrail/home?region=us-west-2#/events/1',
    });
    expect(describePrincipal(e.principal)).toBe('Root arn:aws:iam::123456789012:root, MFA no');
    expect(describeWhere(e)).toBe('account 123456789012, us-west-2, from 111.111.111.111');
  });

  test('IAM user attaching a policy (Stratus Red Team detonation)', () => {
    const e = summary('068_iam_policy__stratus_AttachUserPolicy.json');
    expect(describePrincipal(e.principal)).toBe('IAMUser arn:aws:iam::229654561268:user/christophe');
    expect(describeAction(e)).toBe('iam.amazonaws.com AttachUserPolicy');
    expect(describeParameters(e)).toBe('userName=malicious-iam-user, policyArn=arn:aws:iam::aws:policy/AdministratorAccess');
    expect(e.consoleUrl).toBe(
      'https://ap-isob-central-3r.console.aws.amazon.com/cloudtrail/home?region=ap-isob-central-3r#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc');
    expect(e.userAgent).toBe('stratus-red-team_6bf00313-712c-4fd2-9bdd-88f48a4b1282');
  });

  test('assumed role: the session issuer and MFA', () => {
    const e = summary('092_cloudtrail_cfg__panther_StopLogging.json');
    expect(describePrincipal(e.principal)).toBe(
      'AssumedRole arn:aws:sts::123456789012:assumed-role/tester (session of arn:aws:iam::123456789012:role/tester), MFA yes');
    expect(describeParameters(e)).toBe('name=arn:aws:cloudtrail:us-west-2:123456789012:trail/example-trail');
  });

  test('a denied call: error code and message', () => {
    const e = summary('026_unauthorized__stratus_AssumeRole.json');
    expect(e.errorCode).toBe('AccessDenied');
    expect(e.errorMessage).toMatch(/^User: arn:aws:iam::457448411975:user\/christophe is not authorized to perform: sts:AssumeRole/);
    expect(describeAction(e)).toBe('sts.amazonaws.com AssumeRole -> failed: AccessDenied');
    expect(e.parameters).toEqual([]);
  });

  test('console sign-in without MFA: MFAUsed wins', () => {
    const e = summary('045_console_nomfa__stratus_ConsoleLogin.json');
    expect(e.principal.mfa).toBe(false);
    expect(describePrincipal(e.principal)).toBe('IAMUser arn:aws:iam::562283505220:user/stratus-red-team-nmfalu-jfzdtsvchl, MFA no');
  });

  test('security group ingress: the group and the rule', () => {
    const e = summary('143_secgroup__stratus_AuthorizeSecurityGroupIngress.json');
    expect(describeParameters(e)).toBe('groupId=sg-003dc7f1f1c686164, cidrIp=208.236.235.254/0, ipProtocol=tcp, fromPort=22, toPort=22');
  });

  test('a Panther export with lower-cased identity keys keeps what it can', () => {
    // This fixture has `sessioncontext`/`principalid` (Panther's normalisation, not CloudTrail's).
    const e = summary('030_unauthorized__panther_AuthorizeSecurityGroupIngress.json');
    expect(e.principal).toMatchObject({ type: 'AssumedRole', arn: 'arn:aws:sts::112233445566:assumed-role/TestAdmin/alan', issuerArn: undefined, mfa: undefined });
    expect(describePrincipal(e.principal)).toBe('AssumedRole arn:aws:sts::112233445566:assumed-role/TestAdmin/alan');
  });

  test('every fixture record gives a bounded summary without throwing', () => {
    const files = readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const e = parseCloudTrailMessage(JSON.stringify(record(file)));
      expect(e).toBeDefined();
      expect(e!.parameters.length).toBeLessThanOrEqual(MAX_PARAMETERS);
      expect((e!.userAgent ?? '').length).toBeLessThanOrEqual(MAX_USER_AGENT_LENGTH);
      for (const line of [describePrincipal(e!.principal), describeAction(e!), describeWhere(e!), describeParameters(e!) ?? '']) {
        expect(line).not.toMatch(/[\r\n]/);
      }
    }
  });
});

describe('parseCloudTrailMessage on malformed input', () => {
  test.each([
    ['not JSON', 'CloudTrail validation message: not a record'],
    ['truncated JSON', '{"eventName":"ConsoleLogin",'],
    ['a JSON array', '[{"eventName":"ConsoleLogin"}]'],
    ['a JSON string', '"ConsoleLogin"'],
    ['null', 'null'],
    ['not a string', 42],
    ['undefined', undefined],
  ])('%s -> undefined', (_name, message) => {
    expect(parseCloudTrailMessage(message)).toBeUndefined();
  });

  test('missing and wrongly typed fields', () => {
    const e = parseCloudTrailMessage(JSON.stringify({
      eventName: 7, userIdentity: 'Root', requestParameters: [1], sessionContext: null, awsRegion: 'eu-west-1',
    }))!;
    expect(e.eventName).toBeUndefined();
    expect(e.consoleUrl).toBeUndefined();
    expect(describePrincipal(e.principal)).toBe('unknown principal');
    expect(describeAction(e)).toBe('unknown action');
    expect(describeWhere(e)).toBe('eu-west-1');
    expect(describeParameters(e)).toBeUndefined();
  });

  test('long and multi-line values are shortened to one line', () => {
    const e = parseCloudTrailMessage(JSON.stringify({
      eventID: 'e/1 #2',
      awsRegion: 'cn-north-1',
      userAgent: `aws-cli/2 ${'x'.repeat(1000)}`,
      errorCode: 'AccessDenied',
      errorMessage: `line one\nline two ${'y'.repeat(1000)}`,
      requestParameters: { bucketName: `b${'c'.repeat(500)}`, policy: '{"Statement":[]}', roleName: { nested: true } },
    }))!;
    expect(e.userAgent).toHaveLength(200);
    expect(e.userAgent!.endsWith('...')).toBe(true);
    expect(e.errorMessage).toHaveLength(500);
    expect(e.errorMessage!.startsWith('line one line two')).toBe(true);
    expect(e.parameters).toEqual([['bucketName', `b${'c'.repeat(196)}...`]]);
    // China partition host, event ID URI-encoded.
    expect(e.consoleUrl).toBe('https://cn-north-1.console.amazonaws.cn/cloudtrail/home?region=cn-north-1#/events/e%2F1%20%232');
  });

  test('service-invoked calls and user names', () => {
    const e = summarizeCloudTrailRecord({
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/path/alice', userName: 'bob', invokedBy: 'cloudformation.amazonaws.com' },
      additionalEventData: { MFAUsed: 'Yes' },
    });
    expect(describePrincipal(e.principal)).toBe(
      'IAMUser arn:aws:iam::1:user/path/alice (user name bob), invoked by cloudformation.amazonaws.com, MFA yes');
  });
});
