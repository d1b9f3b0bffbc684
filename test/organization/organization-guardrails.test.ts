/**
 * OrganizationGuardrails at synth time: what it creates (two AWS::Organizations::Policy resources
 * attached to the targets, the exempt principals), and every bad input refused by name, as a
 * JavaScript or Python caller could pass it (cast through unknown). What the policies allow and deny
 * is proven request by request in guardrail-requests.test.ts.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import { ILogArchive, LogArchive, OrganizationGuardrails, OrganizationGuardrailsProps, TrailDescription } from '../../lib';

const ORG = 'o-a1b2c3d4e5';
const TRAIL = TrailDescription.organizationTrail({ organizationId: ORG, managementAccountId: '222222222222', region: 'us-east-1', trailName: 'organization-trail' });

function management(): Stack {
  return new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
}

function archiveIn(stack: Stack, id = 'Archive'): ILogArchive {
  return LogArchive.fromLogArchiveAttributes(stack, id, {
    bucketName: 'cloudtrail-archive-111111111111-us-east-1',
    accessLogsBucketName: 'cloudtrail-archive-access-logs-111111111111-us-east-1',
    encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    account: '111111111111',
  });
}

function guardrails(overrides: Record<string, unknown> = {}, stack = management()): OrganizationGuardrails {
  const props = { organizationId: ORG, targetIds: ['r-ab12'], trails: [TRAIL], ...('logArchive' in overrides ? {} : { logArchive: archiveIn(stack) }), ...overrides };
  return new OrganizationGuardrails(stack, 'Guardrails', props as unknown as OrganizationGuardrailsProps);
}

describe('OrganizationGuardrails', () => {
  test('an SCP and an RCP, attached to the targets, with their documents as JSON objects', () => {
    const g = guardrails({ targetIds: ['r-ab12', 'ou-ab12-abcdefgh', '444444444444'] });
    const template = Template.fromStack(Stack.of(g));
    template.resourceCountIs('AWS::Organizations::Policy', 2);
    for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']) {
      const [policy] = Object.values(template.findResources('AWS::Organizations::Policy', { Properties: { Type: type } }));
      expect(policy.Properties.TargetIds).toEqual(['r-ab12', 'ou-ab12-abcdefgh', '444444444444']);
      expect(policy.Properties.Content.Version).toBe('2012-10-17');
      expect(policy.Properties.Name).toBe(type === 'SERVICE_CONTROL_POLICY' ? 'cloudtrail-baseline-scp' : 'cloudtrail-baseline-rcp');
    }
  });

  test('the SCP exempts the archive account\'s CDK deployment role by default, then the break-glass roles', () => {
    const g = guardrails({ breakGlassRoleArns: ['arn:aws:iam::111111111111:role/security/BreakGlass'] });
    expect(g.exemptPrincipalArns).toEqual([
      'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-us-east-1',
      'arn:aws:iam::111111111111:role/security/BreakGlass',
    ]);
    const scp = Stack.of(g).resolve(g.serviceControlPolicy.content);
    for (const statement of scp.Statement) {
      expect(statement.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(g.exemptPrincipalArns);
    }
    expect(scp.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'DenyTrailTampering', 'DenyLogArchiveTampering', 'DenyLogArchiveKeyTampering', 'DenyLogArchiveKeyAliasChanges', 'DenyBreakGlassRoleTakeover',
    ]);
  });

  test('a key ARN (not an alias) is named directly, with no alias statement', () => {
    const stack = management();
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'cloudtrail-archive-111111111111-us-east-1',
      encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    const g = guardrails({ logArchive: archive }, stack);
    const scp = stack.resolve(g.serviceControlPolicy.content);
    const key = scp.Statement.find((s: { Sid: string }) => s.Sid === 'DenyLogArchiveKeyTampering');
    expect(key.Resource).toBe('arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(key.Condition['ForAnyValue:StringEquals']).toBeUndefined();
    expect(scp.Statement.some((s: { Sid: string }) => s.Sid === 'DenyLogArchiveKeyAliasChanges')).toBe(false);
  });

  test('an SSE-S3 archive (no key): bucket statements only, in both policies', () => {
    const stack = management();
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'cloudtrail-archive-111111111111-us-east-1', s3ManagedEncryption: true, account: '111111111111', region: 'us-east-1',
    });
    const g = guardrails({ logArchive: archive }, stack);
    const scp = stack.resolve(g.serviceControlPolicy.content);
    expect(scp.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyTrailTampering', 'DenyLogArchiveTampering']);
    const rcp = stack.resolve(g.resourceControlPolicy!.content);
    expect(rcp.Statement.flatMap((s: { Action: string[] }) => s.Action)).toEqual(['s3:*', 's3:*']);
  });

  test('trails only: an SCP and no RCP; resourceControlPolicy: true without an archive is refused', () => {
    const g = guardrails({ logArchive: undefined, breakGlassRoleArns: ['arn:aws:iam::444444444444:role/BreakGlass'] });
    expect(g.resourceControlPolicy).toBeUndefined();
    Template.fromStack(Stack.of(g)).resourceCountIs('AWS::Organizations::Policy', 1);
    expect(() => guardrails({ logArchive: undefined, resourceControlPolicy: true, breakGlassRoleArns: ['arn:aws:iam::444444444444:role/BreakGlass'] }))
      .toThrow(/OrganizationGuardrailsProps.resourceControlPolicy: needs logArchive/);
  });

  test('synthesizes without warnings', () => {
    const g = guardrails();
    expect(Annotations.fromStack(Stack.of(g)).findWarning('*', '*' as never)).toEqual([]);
  });
});

describe('OrganizationGuardrails refuses bad input by name', () => {
  test.each([
    [{ organizationId: 'o-short' }, /organizationId: must be an AWS Organizations ID/],
    [{ targetIds: [] }, /targetIds: must list at least one target/],
    [{ targetIds: 'r-ab12' }, /targetIds: must be a list/],
    [{ targetIds: ['ab12'] }, /targetIds\[0\]: must be a root ID/],
    [{ targetIds: ['r-ab12', 'ou-x'] }, /targetIds\[1\]: must be a root ID/],
    [{ targetIds: ['12345678901'] }, /targetIds\[0\]: must be a root ID/],
    [{ targetIds: ['r-ab12', 'r-ab12'] }, /targetIds\[1\]: lists 'r-ab12' twice/],
    [{ trails: [{ trailArn: 'arn:aws:cloudtrail:us-east-1:222222222222:trail/x' }] }, /trails\[0\]: must be a TrailDescription/],
    [{ breakGlassRoleArns: ['arn:aws:iam::*:role/BreakGlass'] }, /breakGlassRoleArns\[0\]: must be an IAM role ARN .* literal 12-digit account/],
    [{ breakGlassRoleArns: ['arn:aws-cn:iam::111111111111:role/BreakGlass'] }, /breakGlassRoleArns\[0\]: must be an IAM role ARN of partition aws/],
    [{ breakGlassRoleArns: ['arn:aws:iam::111111111111:user/alice'] }, /breakGlassRoleArns\[0\]: must be an IAM role ARN/],
    [{ deploymentRoleArns: ['arn:aws:iam::111111111111:role/cdk-*'] }, /deploymentRoleArns\[0\]: must be an IAM role ARN .*no wildcard/],
    [{ policyNamePrefix: 'has space ' }, /policyNamePrefix: must be at most 125 letters/],
    [{ trails: [], logArchive: undefined }, /OrganizationGuardrailsProps: must name trails, a logArchive or both/],
    [{ logArchive: undefined, breakGlassRoleArns: [] }, /breakGlassRoleArns: must name at least one role when there is no deployment role/],
  ])('%j', (overrides, message) => {
    expect(() => guardrails(overrides)).toThrow(message);
  });

  test('tokens are refused where the policies need literals, saying why', () => {
    const stack = management();
    const org = new CfnParameter(stack, 'Org').valueAsString;
    expect(() => guardrails({ organizationId: org }, stack)).toThrow(/organizationId: must be a literal string, not a token: the RCP names the organization/);
    const stack2 = management();
    const target = new CfnParameter(stack2, 'Target').valueAsString;
    expect(() => guardrails({ targetIds: [target] }, stack2)).toThrow(/targetIds\[0\]: must be a literal string, not a token/);
  });

  test('an archive in the management account (this stack) is refused: SCPs and RCPs do not reach it', () => {
    const stack = management();
    const own = new LogArchive(stack, 'Own', { trails: [TRAIL] });
    expect(() => guardrails({ logArchive: own }, stack)).toThrow(/logArchive: must be an archive of a member account/);
  });

  test('a document over 5,120 characters is refused with its size', () => {
    const many = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111111111111:role/break-glass/very-long-role-name-number-${i}`);
    expect(() => guardrails({ breakGlassRoleArns: many })).toThrow(/SERVICE_CONTROL_POLICY\): the document is \d+ characters minified, over the AWS Organizations quota of 5120/);
  });

  test('two guardrails with the same policy names in one app are refused; distinct prefixes work', () => {
    const stack = management();
    guardrails({}, stack);
    expect(() => new OrganizationGuardrails(stack, 'Again', { organizationId: ORG, targetIds: ['r-ab12'], trails: [TRAIL], logArchive: archiveIn(stack, 'A2') }))
      .toThrow(/policyNamePrefix: the policy name 'cloudtrail-baseline-scp' is already used by Management\/Guardrails/);
    expect(() => new OrganizationGuardrails(stack, 'Other', { organizationId: ORG, targetIds: ['r-ab12'], trails: [TRAIL], logArchive: archiveIn(stack, 'A3'), policyNamePrefix: 'other-' }))
      .not.toThrow();
  });

  test('more than 5 SCPs of this app on one target fail synth (counting the app\'s other policies too)', () => {
    const stack = management();
    guardrails({}, stack);
    for (let i = 0; i < 5; i++) {
      new CfnPolicy(stack, `Other${i}`, { name: `other-${i}`, type: 'SERVICE_CONTROL_POLICY', content: { Version: '2012-10-17', Statement: [] }, targetIds: ['r-ab12'] });
    }
    expect(() => Template.fromStack(stack)).toThrow(/targetIds: 6 policies of type SERVICE_CONTROL_POLICY in this app are attached to r-ab12, over the AWS Organizations quota of 5/);
  });
});
