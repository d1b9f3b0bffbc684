/**
 * OrganizationFastPath: the service-managed, auto-deploying StackSet of member rules, the central
 * bus that admits only the organization (decided request by request), the member rules' patterns
 * (the same as the single-account fast path's), and bad input refused by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { App, CfnParameter, Names, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmNotifications, DetectionFastPath, Detections, OrganizationFastPath, OrganizationFastPathProps } from '../../lib';

const ORG = 'o-a1b2c3d4e5';
const BUS_ARN = 'arn:aws:events:us-east-1:222222222222:event-bus/cdk-cloudtrail-baseline-fast-path';

function build(overrides: Record<string, unknown> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: '222222222222', region: 'us-east-1' } });
  const notifications = new AlarmNotifications(stack, 'Notifications', { emailAddresses: ['soc@example.com'] });
  const fastPath = new OrganizationFastPath(stack, 'OrganizationFastPath', {
    organizationId: ORG, organizationalUnitIds: ['ou-ab12-workload1'], regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'], notifications, ...overrides,
  } as unknown as OrganizationFastPathProps);
  const template = Template.fromStack(stack);
  // cdk-stacksets writes the member template into the assembly as <unique id>.stackset.template.json.
  const outdir = (stack.node.root as App).synth().directory;
  const memberFile = path.join(outdir, `${Names.uniqueId(fastPath.memberStack)}.stackset.template.json`);
  return { stack, fastPath, template, member: Template.fromJSON(JSON.parse(fs.readFileSync(memberFile, 'utf8'))) };
}

async function putEvents(busPolicy: unknown, principalAccount: string, orgId: string | undefined): Promise<string> {
  const principal = `arn:aws:iam::${principalAccount}:role/forwarder`;
  const result = await runSimulation({
    request: {
      principal,
      action: 'events:PutEvents',
      resource: { resource: BUS_ARN, accountId: '222222222222' },
      contextVariables: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': principalAccount, ...(orgId ? { 'aws:PrincipalOrgID': orgId } : {}) },
    },
    identityPolicies: [{ name: 'forward', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN }] } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: busPolicy,
  }, {});
  if (result.resultType !== 'single') throw new Error(JSON.stringify(result));
  if ((result.result.ignoredContextKeys ?? []).length > 0) throw new Error(`ignored ${result.result.ignoredContextKeys}`);
  return result.overallResult;
}

describe('OrganizationFastPath', () => {
  const { template, member, stack } = build();

  test('a service-managed StackSet with automatic deployment to the OUs, in every region, with CAPABILITY_IAM', () => {
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-workload1'] }, Regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] }],
    });
  });

  test('the central bus admits events:PutEvents from accounts of the organization only (evaluated requests)', async () => {
    const [policy] = Object.values(template.findResources('AWS::Events::EventBusPolicy'));
    const statement = stack.resolve(policy.Properties.Statement);
    const document = { Version: '2012-10-17', Statement: [{ ...statement, Resource: BUS_ARN }] };
    expect(await putEvents(document, '444444444444', ORG)).toBe('Allowed');
    expect(await putEvents(document, '999999999999', 'o-zzzzzzzzzz')).not.toBe('Allowed');
    expect(await putEvents(document, '999999999999', undefined)).not.toBe('Allowed');
  });

  test('the central rules are the fast path\'s patterns on the central bus, targeting the notifier', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { EventBusName: Match.anyValue() } }));
    expect(rules).toHaveLength(4);
  });

  test('the member stack: one rule per detection with the single-account fast path\'s pattern, forwarding to the central bus by ARN', () => {
    const reference = new Stack(new App(), 'Reference');
    new DetectionFastPath(reference, 'FastPath', {
      detections: Detections.all().filter((d) => DetectionFastPath.supports(d)),
      targets: [{ bind: () => ({ arn: 'arn:aws:sns:us-east-1:1:t' }) }],
    });
    const patterns = (t: Template) => Object.values(t.findResources('AWS::Events::Rule')).map((r) => [r.Properties.EventPattern, r.Properties.State]);
    expect(patterns(member)).toEqual(patterns(Template.fromStack(reference)));
    for (const rule of Object.values(member.findResources('AWS::Events::Rule'))) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: BUS_ARN, RoleArn: expect.anything() })]);
    }
    member.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('the member role may put events on the central bus and nothing else', () => {
    const [policy] = Object.values(member.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Sid: 'ForwardToCentralBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN }]);
    member.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })] } });
  });

  test.each([
    [{ organizationId: 'o-1' }, /organizationId: must be an AWS Organizations ID/],
    [{ organizationalUnitIds: [] }, /organizationalUnitIds: must list at least one value/],
    [{ organizationalUnitIds: ['111111111111'] }, /organizationalUnitIds\[0\]: must be an OU ID/],
    [{ regions: [] }, /regions: must list at least one value/],
    [{ regions: ['eu-west-1'] }, /regions: must include us-east-1/],
    [{ regions: ['us-east-1', 'us-east-1'] }, /regions\[1\]: lists 'us-east-1' twice/],
    [{ regions: ['us-east-1', 'Europe'] }, /regions\[1\]: must be an AWS Region code/],
    [{ notifications: {} }, /notifications: must be an AlarmNotifications/],
    [{ eventBusName: 'default' }, /eventBusName: must be 1 to 256/],
    [{ detections: [Detections.all().find((d) => d.id === 'CloudWatch.2')] }, /'CloudWatch.2' has no EventBridge fast path/],
  ])('refuses %j', (overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });

  test('tokens are refused by name', () => {
    const s = new Stack(new App(), 'M', { env: { account: '222222222222', region: 'us-east-1' } });
    const org = new CfnParameter(s, 'Org').valueAsString;
    const notifications = new AlarmNotifications(s, 'N', { emailAddresses: ['soc@example.com'] });
    expect(() => new OrganizationFastPath(s, 'F', { organizationId: org, organizationalUnitIds: ['ou-ab12-workload1'], regions: ['us-east-1'], notifications }))
      .toThrow(/organizationId: must be a literal organization ID/);
  });
});
