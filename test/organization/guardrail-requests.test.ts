/**
 * The organization guardrails, proven by evaluating requests: the SCP and RCP that
 * OrganizationGuardrails synthesizes are taken from the template and decided, request by request,
 * by an IAM policy engine (@cloud-copilot/iam-simulate), together with the identity and resource
 * policies a real account would have (an administrator allowed everything; a bucket policy; a key
 * policy that delegates to IAM). Every test states the request, and would fail if a statement
 * loosened. The engine reports the context keys it ignored; the helper fails on any, so a condition
 * key the engine does not evaluate cannot pass silently.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogArchive, OrganizationGuardrails, TrailDescription } from '../../lib';

const ORG = 'o-a1b2c3d4e5';
const OTHER_ORG = 'o-zzzzzzzzzz';
const ROOT = 'r-ab12';
const MANAGEMENT = '222222222222';
const ARCHIVE_ACCOUNT = '111111111111';
const MEMBER = '444444444444';
const OUTSIDER = '999999999999';
const BUCKET = 'cloudtrail-archive-111111111111-us-east-1';
const ACCESS_LOGS = 'cloudtrail-archive-access-logs-111111111111-us-east-1';
const ALIAS_ARN = `arn:aws:kms:us-east-1:${ARCHIVE_ACCOUNT}:alias/cloudtrail-log-archive`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ARCHIVE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const BREAK_GLASS = `arn:aws:iam::${ARCHIVE_ACCOUNT}:role/security/BreakGlass`;
const DEPLOYMENT = `arn:aws:iam::${ARCHIVE_ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ARCHIVE_ACCOUNT}-us-east-1`;
const ADMIN = `arn:aws:iam::${ARCHIVE_ACCOUNT}:role/Administrator`;
const ORGANIZATION_ACCOUNTS = [MANAGEMENT, ARCHIVE_ACCOUNT, MEMBER];
const MEMBER_BREAK_GLASS = `arn:aws:iam::${MEMBER}:role/BreakGlass*`;
/** A member account's own trail: same-account requests, which the SCP decides alone. */
const MEMBER_TRAIL = TrailDescription.accountTrail({ accountId: MEMBER, region: 'us-east-1', trailName: 'member-trail' });
const TRAIL = TrailDescription.organizationTrail({ organizationId: ORG, managementAccountId: MANAGEMENT, region: 'us-east-1', trailName: 'organization-trail' });

function synthesizePolicies(): { scp: unknown; rcp: unknown } {
  const app = new App();
  const stack = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new OrganizationGuardrails(stack, 'Guardrails', {
    organizationId: ORG,
    targetIds: [ROOT],
    trails: [TRAIL, MEMBER_TRAIL],
    logArchive: LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: BUCKET, accessLogsBucketName: ACCESS_LOGS, encryptionKeyArn: ALIAS_ARN, account: ARCHIVE_ACCOUNT,
    }),
    breakGlassRoleArns: [BREAK_GLASS, MEMBER_BREAK_GLASS],
  });
  const policies = Template.fromStack(stack).findResources('AWS::Organizations::Policy');
  const byType = (type: string) => Object.values(policies).find((p) => p.Properties.Type === type)?.Properties.Content;
  return { scp: byType('SERVICE_CONTROL_POLICY'), rcp: byType('RESOURCE_CONTROL_POLICY') };
}

const { scp, rcp } = synthesizePolicies();
const FULL_ACCESS = { name: 'FullAWSAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
const ADMIN_POLICY = { name: 'AdministratorAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context?: Record<string, string | string[]>;
  /** The resource's own policy (bucket or key policy). */
  readonly resourcePolicy?: unknown;
  /** Whether the principal is in a member account of the organization (SCPs apply). */
  readonly scpApplies?: boolean;
  readonly identityPolicies?: Array<{ name: string; policy: unknown }>;
}

async function decide(request: Request): Promise<string> {
  const principalAccount = /^arn:aws:iam::(\d{12}):/.exec(request.principal)?.[1];
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      // The engine does not derive aws:PrincipalArn / aws:PrincipalAccount from the principal: a
      // missing aws:PrincipalArn would make every ArnNotLike exemption true, and the SCP's denials
      // pass for the wrong reason. Set them as AWS does for a role session.
      contextVariables: {
        ...(principalAccount ? { 'aws:PrincipalArn': request.principal, 'aws:PrincipalAccount': principalAccount } : {}),
        // ... and aws:PrincipalOrgID, which AWS sets for every principal of an organization's account.
        ...(principalAccount && ORGANIZATION_ACCOUNTS.includes(principalAccount) ? { 'aws:PrincipalOrgID': ORG } : {}),
        'aws:PrincipalIsAWSService': principalAccount ? 'false' : 'true',
        ...request.context,
      },
    },
    identityPolicies: request.identityPolicies ?? (principalAccount ? [ADMIN_POLICY] : []),
    serviceControlPolicies: request.scpApplies === false || !principalAccount ? [] : [
      { orgIdentifier: ROOT, policies: [FULL_ACCESS, { name: 'cloudtrail-baseline-scp', policy: scp }] },
      { orgIdentifier: principalAccount, policies: [FULL_ACCESS] },
    ],
    resourceControlPolicies: [{ orgIdentifier: ROOT, policies: [{ name: 'cloudtrail-baseline-rcp', policy: rcp }] }, { orgIdentifier: request.resourceAccount, policies: [] }],
    resourcePolicy: request.resourcePolicy,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`unexpected result type ${result.resultType}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`the engine ignored context keys ${ignored.join(', ')}: the decision would not be the one AWS makes`);
  return result.overallResult;
}

/** A key policy like the archive's: the account's IAM decides (root kms:*), CloudTrail may encrypt. */
const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ARCHIVE_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' },
  ],
};
/** A bucket policy that a mistake opened to everyone (what the RCP exists for), plus CloudTrail's write. */
const LEAKED_BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
    { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
    { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${ACCESS_LOGS}/*` },
  ],
};
const OBJECT = `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/${MEMBER}/CloudTrail/us-east-1/2026/12/02/file.json.gz`;
const KEY_CONTEXT = { 'kms:ResourceAliases': ['alias/cloudtrail-log-archive'] };
const MEMBER_ADMIN_TRAIL = `arn:aws:iam::${MEMBER}:role/Administrator`;

describe('OrganizationGuardrails SCP, decided request by request', () => {
  test.each([
    ['cloudtrail:StopLogging'], ['cloudtrail:DeleteTrail'], ['cloudtrail:UpdateTrail'], ['cloudtrail:PutEventSelectors'], ['cloudtrail:PutInsightSelectors'],
  ])('a member account administrator (e.g. a CloudTrail delegated administrator) is denied %s on the organization trail', async (action) => {
    expect(await decide({ principal: MEMBER_ADMIN_TRAIL, action, resource: TRAIL.trailArn, resourceAccount: MANAGEMENT, context: { 'aws:PrincipalOrgID': ORG } }))
      .toBe('ExplicitlyDenied');
  });

  test.each([['cloudtrail:StopLogging'], ['cloudtrail:PutEventSelectors']])('a member account administrator is denied %s on the member account\'s own baseline trail', async (action) => {
    expect(await decide({ principal: MEMBER_ADMIN_TRAIL, action, resource: MEMBER_TRAIL.trailArn, resourceAccount: MEMBER })).toBe('ExplicitlyDenied');
  });

  test('a role matching the member\'s break-glass pattern may stop logging; the administrator may still read the trail status', async () => {
    expect(await decide({ principal: `arn:aws:iam::${MEMBER}:role/BreakGlass-2026`, action: 'cloudtrail:StopLogging', resource: MEMBER_TRAIL.trailArn, resourceAccount: MEMBER })).toBe('Allowed');
    expect(await decide({ principal: MEMBER_ADMIN_TRAIL, action: 'cloudtrail:GetTrailStatus', resource: MEMBER_TRAIL.trailArn, resourceAccount: MEMBER })).toBe('Allowed');
  });

  test.each([
    ['s3:DeleteObject', OBJECT], ['s3:DeleteObjectVersion', OBJECT], ['s3:BypassGovernanceRetention', OBJECT], ['s3:PutObjectRetention', OBJECT],
    ['s3:PutBucketPolicy', `arn:aws:s3:::${BUCKET}`], ['s3:DeleteBucketPolicy', `arn:aws:s3:::${BUCKET}`], ['s3:PutLifecycleConfiguration', `arn:aws:s3:::${BUCKET}`],
    ['s3:PutBucketVersioning', `arn:aws:s3:::${BUCKET}`], ['s3:PutBucketObjectLockConfiguration', `arn:aws:s3:::${BUCKET}`], ['s3:DeleteBucket', `arn:aws:s3:::${BUCKET}`],
    ['s3:PutBucketPublicAccessBlock', `arn:aws:s3:::${BUCKET}`], ['s3:DeleteObject', `arn:aws:s3:::${ACCESS_LOGS}/log`], ['s3:PutLifecycleConfiguration', `arn:aws:s3:::${ACCESS_LOGS}`],
  ])('the log archive account administrator is denied %s on %s', async (action, resource) => {
    expect(await decide({ principal: ADMIN, action, resource, resourceAccount: ARCHIVE_ACCOUNT })).toBe('ExplicitlyDenied');
  });

  test('the deployment role may rewrite the bucket policy; break-glass may delete a version; the administrator may still read', async () => {
    expect(await decide({ principal: DEPLOYMENT, action: 's3:PutBucketPolicy', resource: `arn:aws:s3:::${BUCKET}`, resourceAccount: ARCHIVE_ACCOUNT })).toBe('Allowed');
    expect(await decide({ principal: BREAK_GLASS, action: 's3:DeleteObjectVersion', resource: OBJECT, resourceAccount: ARCHIVE_ACCOUNT })).toBe('Allowed');
    expect(await decide({ principal: ADMIN, action: 's3:GetObject', resource: OBJECT, resourceAccount: ARCHIVE_ACCOUNT })).toBe('Allowed');
  });

  test('the same actions on another bucket of the account stay allowed (the SCP names the archive only)', async () => {
    expect(await decide({ principal: ADMIN, action: 's3:DeleteObject', resource: 'arn:aws:s3:::application-data/file', resourceAccount: ARCHIVE_ACCOUNT })).toBe('Allowed');
  });

  test.each([['kms:ScheduleKeyDeletion'], ['kms:DisableKey'], ['kms:PutKeyPolicy']])('the administrator is denied %s on the archive key (found by its alias)', async (action) => {
    expect(await decide({ principal: ADMIN, action, resource: KEY_ARN, resourceAccount: ARCHIVE_ACCOUNT, context: KEY_CONTEXT, resourcePolicy: KEY_POLICY })).toBe('ExplicitlyDenied');
  });

  test('break-glass may schedule the archive key\'s deletion; the administrator may schedule another key\'s', async () => {
    expect(await decide({ principal: BREAK_GLASS, action: 'kms:ScheduleKeyDeletion', resource: KEY_ARN, resourceAccount: ARCHIVE_ACCOUNT, context: KEY_CONTEXT, resourcePolicy: KEY_POLICY }))
      .toBe('Allowed');
    expect(await decide({ principal: ADMIN, action: 'kms:ScheduleKeyDeletion', resource: KEY_ARN, resourceAccount: ARCHIVE_ACCOUNT, context: { 'kms:ResourceAliases': ['alias/other'] }, resourcePolicy: KEY_POLICY }))
      .toBe('Allowed');
  });

  test.each([['kms:DeleteAlias'], ['kms:UpdateAlias']])('the administrator is denied %s on the archive key\'s alias (which would detach it from the key statement)', async (action) => {
    expect(await decide({ principal: ADMIN, action, resource: ALIAS_ARN, resourceAccount: ARCHIVE_ACCOUNT })).toBe('ExplicitlyDenied');
  });

  test.each([['iam:CreateRole'], ['iam:UpdateAssumeRolePolicy']])('the administrator is denied %s on a role that matches a break-glass ARN (taking the exemption over)', async (action) => {
    expect(await decide({ principal: ADMIN, action, resource: BREAK_GLASS, resourceAccount: ARCHIVE_ACCOUNT })).toBe('ExplicitlyDenied');
    expect(await decide({ principal: ADMIN, action, resource: `arn:aws:iam::${ARCHIVE_ACCOUNT}:role/Application`, resourceAccount: ARCHIVE_ACCOUNT })).toBe('Allowed');
  });
});

describe('OrganizationGuardrails RCP, decided request by request', () => {
  test('a leaked bucket policy does not let a principal outside the organization read a log file', async () => {
    const outsider = `arn:aws:iam::${OUTSIDER}:role/Attacker`;
    expect(await decide({ principal: outsider, action: 's3:GetObject', resource: OBJECT, resourceAccount: ARCHIVE_ACCOUNT, scpApplies: false, context: { 'aws:PrincipalOrgID': OTHER_ORG }, resourcePolicy: LEAKED_BUCKET_POLICY }))
      .toBe('ExplicitlyDenied');
  });

  test('the same leaked policy still serves a principal of the organization (the RCP denies outsiders only)', async () => {
    expect(await decide({ principal: MEMBER_ADMIN_TRAIL, action: 's3:GetObject', resource: OBJECT, resourceAccount: ARCHIVE_ACCOUNT, scpApplies: false, context: { 'aws:PrincipalOrgID': ORG }, resourcePolicy: LEAKED_BUCKET_POLICY }))
      .toBe('Allowed');
  });

  test('CloudTrail still delivers for the organization trail (aws:SourceOrgID of the organization)', async () => {
    expect(await decide({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: ARCHIVE_ACCOUNT,
      context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': MANAGEMENT, 'aws:SourceOrgID': ORG, 'aws:SourceArn': TRAIL.trailArn },
      resourcePolicy: LEAKED_BUCKET_POLICY,
    })).toBe('Allowed');
  });

  test('CloudTrail acting for an account outside the organization is denied (confused deputy)', async () => {
    expect(await decide({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: ARCHIVE_ACCOUNT,
      context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': OUTSIDER, 'aws:SourceOrgID': OTHER_ORG, 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OUTSIDER}:trail/x` },
      resourcePolicy: LEAKED_BUCKET_POLICY,
    })).toBe('ExplicitlyDenied');
  });

  test('S3 server access logging still delivers to the access-logs bucket', async () => {
    expect(await decide({
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${ACCESS_LOGS}/log`,
      resourceAccount: ARCHIVE_ACCOUNT,
      context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': ARCHIVE_ACCOUNT, 'aws:SourceOrgID': ORG },
      resourcePolicy: LEAKED_BUCKET_POLICY,
    })).toBe('Allowed');
  });

  test('the archive key: CloudTrail of the organization may encrypt, an outsider may not decrypt even if the key policy opened', async () => {
    expect(await decide({
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: KEY_ARN,
      resourceAccount: ARCHIVE_ACCOUNT,
      context: { ...KEY_CONTEXT, 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': MANAGEMENT, 'aws:SourceOrgID': ORG },
      resourcePolicy: KEY_POLICY,
    })).toBe('Allowed');
    const openKey = { Version: '2012-10-17', Statement: [...KEY_POLICY.Statement, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
    expect(await decide({
      principal: `arn:aws:iam::${OUTSIDER}:role/Attacker`,
      action: 'kms:Decrypt',
      resource: KEY_ARN,
      resourceAccount: ARCHIVE_ACCOUNT,
      scpApplies: false,
      context: { ...KEY_CONTEXT, 'aws:PrincipalOrgID': OTHER_ORG },
      resourcePolicy: openKey,
    })).toBe('ExplicitlyDenied');
  });
});
