/**
 * Which trail a `BaselineTrail` creates: from a shared `TrailDescription` or from its parts
 * (exactly one way), checked against the stack; and the CloudTrail delegated administrator set-up,
 * where the management account owns the trail and so is named by every `aws:SourceArn`.
 */
import { App, Aws, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ILogArchive, LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, BaselineTrailProps } from '../../lib/trail';

const MANAGEMENT = '222222222222';
const DELEGATED_ADMIN = '333333333333';
const ARCHIVE_ACCOUNT = '111111111111';
const ORG_ID = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const ORG_TRAIL = TrailDescription.organizationTrail({ organizationId: ORG_ID, managementAccountId: MANAGEMENT, region: REGION, trailName: 'org-trail' });
const MANAGEMENT_TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`;

type Json = Record<string, any>;

function stackIn(account: string, region = REGION): Stack {
  return new Stack(new App(), 'Trail', { env: { account, region } });
}

function importedArchive(stack: Stack, allowedTrails: TrailDescription[] = [ORG_TRAIL]): ILogArchive {
  return LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
    bucketName: 'example-org-archive', encryptionKeyArn: `arn:aws:kms:${REGION}:${ARCHIVE_ACCOUNT}:alias/cloudtrail-log-archive`, allowedTrails,
  });
}

function build(account: string, props: Partial<BaselineTrailProps>, region = REGION) {
  const stack = stackIn(account, region);
  const trail = new BaselineTrail(stack, 'Trail', { logArchive: importedArchive(stack), ...props });
  return { stack, trail };
}

/** Every `aws:SourceArn` in these statements. */
function sourceArns(statements: Json[]): string[] {
  return statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c: any) => [c['aws:SourceArn'] ?? []].flat()));
}

describe('a shared description instead of the separate properties', () => {
  test('gives the same trail, log group and role as the separate properties', () => {
    const fromDescription = build(MANAGEMENT, { description: ORG_TRAIL });
    const fromParts = build(MANAGEMENT, { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID });
    expect(fromDescription.trail.description).toBe(ORG_TRAIL);
    expect(fromDescription.trail.trailArn).toBe(MANAGEMENT_TRAIL_ARN);
    expect(fromDescription.trail.trailName).toBe('org-trail');
    expect(Template.fromStack(fromDescription.stack).toJSON()).toEqual(Template.fromStack(fromParts.stack).toJSON());
  });

  test('an account trail description in its own account', () => {
    const description = TrailDescription.accountTrail({ accountId: MANAGEMENT, region: REGION, trailName: 'account-trail' });
    const { stack, trail } = build(MANAGEMENT, { description });
    expect(trail.trailArn).toBe(`arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/account-trail`);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'account-trail', IsOrganizationTrail: false });
  });

  test.each([
    ['trailName', { trailName: 'org-trail' }],
    ['isOrganizationTrail', { isOrganizationTrail: true }],
    ['organizationId', { organizationId: ORG_ID }],
    ['managementAccountId', { managementAccountId: MANAGEMENT }],
  ])('combined with %s: an error naming both', (name, extra) => {
    expect(() => build(MANAGEMENT, { description: ORG_TRAIL, ...extra }))
      .toThrow(new RegExp(`^BaselineTrailProps\\.description: must not be combined with BaselineTrailProps\\.${name}: `));
  });

  test('several conflicting properties are all named', () => {
    expect(() => build(MANAGEMENT, { description: ORG_TRAIL, trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID }))
      .toThrow(/must not be combined with BaselineTrailProps\.trailName, BaselineTrailProps\.isOrganizationTrail, BaselineTrailProps\.organizationId:/);
  });

  test('neither a description nor a trail name: an error naming both', () => {
    expect(() => build(MANAGEMENT, {}))
      .toThrow(/^BaselineTrailProps\.trailName: is required unless BaselineTrailProps\.description is given/);
    expect(() => build(MANAGEMENT, { isOrganizationTrail: true, organizationId: ORG_ID }))
      .toThrow(/^BaselineTrailProps\.trailName: is required unless BaselineTrailProps\.description is given/);
  });

  test('a description of another region: error', () => {
    expect(() => build(MANAGEMENT, { description: ORG_TRAIL }, 'eu-west-1'))
      .toThrow(/^BaselineTrailProps\.description: describes a trail whose home region is us-east-1, but this stack is in eu-west-1/);
  });

  test('an account trail description of another account: error', () => {
    const description = TrailDescription.accountTrail({ accountId: MANAGEMENT, region: REGION, trailName: 'account-trail' });
    expect(() => build(DELEGATED_ADMIN, { description }))
      .toThrow(/^BaselineTrailProps\.description: describes an account trail owned by 222222222222, but this stack is in account 333333333333/);
  });

  test('an env-agnostic stack accepts any description (nothing concrete to compare)', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const trail = new BaselineTrail(stack, 'Trail', { logArchive: new LogArchive(stack, 'Archive'), description: ORG_TRAIL });
    expect(trail.trailArn).toBe(MANAGEMENT_TRAIL_ARN);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('delegated administrator'))).toEqual([]);
  });

  test('a description with token account and region in a concrete stack is not compared', () => {
    const description = TrailDescription.accountTrail({ accountId: Aws.ACCOUNT_ID, region: Aws.REGION, trailName: 'account-trail' });
    expect(() => build(MANAGEMENT, { description })).not.toThrow();
  });
});

describe('CloudTrail delegated administrator: the management account owns the trail', () => {
  test('managementAccountId: the ARN, description and CfnTrail name the management account', () => {
    const { stack, trail } = build(DELEGATED_ADMIN, { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: MANAGEMENT });
    expect(trail.trailArn).toBe(MANAGEMENT_TRAIL_ARN);
    expect(trail.description.ownerAccountId).toBe(MANAGEMENT);
    expect(trail.description.objectKeyPrefixes()).toEqual([`AWSLogs/${MANAGEMENT}/`, `AWSLogs/${ORG_ID}/`]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'org-trail', IsOrganizationTrail: true });
  });

  test('the same trail from a description whose management account is not the stack\'s', () => {
    const fromDescription = build(DELEGATED_ADMIN, { description: ORG_TRAIL });
    const fromParts = build(DELEGATED_ADMIN, { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: MANAGEMENT });
    expect(fromDescription.trail.trailArn).toBe(MANAGEMENT_TRAIL_ARN);
    expect(Template.fromStack(fromDescription.stack).toJSON()).toEqual(Template.fromStack(fromParts.stack).toJSON());
  });

  test('an archive in the same stack: bucket and key policy aws:SourceArn carry the management account', () => {
    const stack = stackIn(DELEGATED_ADMIN);
    const archive = new LogArchive(stack, 'Archive');
    new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: MANAGEMENT });
    const template = Template.fromStack(stack);
    const bucketStatements: Json[] = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: Json) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    const keyStatements: Json[] = template.findResources('AWS::KMS::Key')[stack.getLogicalId(archive.encryptionKey.node.defaultChild as any)]
      .Properties.KeyPolicy.Statement.filter((s: Json) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(bucketStatements.map((s) => s.Sid)).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
    expect(sourceArns(bucketStatements)).toEqual([MANAGEMENT_TRAIL_ARN, MANAGEMENT_TRAIL_ARN]);
    expect(JSON.stringify(bucketStatements[1].Resource)).toContain(`/AWSLogs/${MANAGEMENT}/*`);
    expect(JSON.stringify(bucketStatements[1].Resource)).not.toContain(DELEGATED_ADMIN);
    expect(sourceArns(keyStatements)).toEqual([MANAGEMENT_TRAIL_ARN, MANAGEMENT_TRAIL_ARN, MANAGEMENT_TRAIL_ARN]);
    expect(keyStatements[0].Condition.StringLike).toEqual({ 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` });
  });

  test('the log streams the role may write are the management account\'s and the organization\'s', () => {
    const { stack } = build(DELEGATED_ADMIN, { description: ORG_TRAIL });
    const logGroupArn = `arn:aws:logs:${REGION}:${DELEGATED_ADMIN}:log-group:cloudtrail/org-trail`;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Resource: [`${logGroupArn}:log-stream:${MANAGEMENT}_CloudTrail_${REGION}*`, `${logGroupArn}:log-stream:${ORG_ID}_*`],
        })],
      },
    });
  });

  test('a warning names the property, both accounts and the two caveats (CloudFormation, CloudWatch Logs)', () => {
    for (const [props, property] of [
      [{ description: ORG_TRAIL }, 'BaselineTrailProps.description'],
      [{ trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: MANAGEMENT }, 'BaselineTrailProps.managementAccountId'],
    ] as const) {
      const { stack } = build(DELEGATED_ADMIN, props);
      const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('delegated administrator'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].id).toBe('/Trail/Trail');
      const text = String(warnings[0].entry.data);
      expect(text).toMatch(new RegExp(`^${property.replace('.', '\\.')}: this stack \\(account ${DELEGATED_ADMIN}\\) creates organization trail ${MANAGEMENT_TRAIL_ARN}`));
      expect(text).toContain(`owned by the management account ${MANAGEMENT}`);
      expect(text).toContain('cloudformation-coverage-roadmap/issues/1932');
      expect(text).toContain('CloudWatch Logs group and role of the trail owner\'s account');
      expect(text).toContain('[ack: cdk-cloudtrail-baseline:delegatedAdministrator]');
    }
  });

  test('no such warning in the management account, also with managementAccountId = the stack\'s account', () => {
    for (const props of [
      { description: ORG_TRAIL },
      { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: MANAGEMENT },
      { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID },
    ]) {
      const { stack, trail } = build(MANAGEMENT, props);
      expect(trail.trailArn).toBe(MANAGEMENT_TRAIL_ARN);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });

  test('managementAccountId for an account trail: error', () => {
    expect(() => build(DELEGATED_ADMIN, { trailName: 'account-trail', managementAccountId: MANAGEMENT }))
      .toThrow(/^BaselineTrailProps\.managementAccountId: is only for organization trails/);
    expect(() => build(MANAGEMENT, { trailName: 'account-trail', isOrganizationTrail: false, managementAccountId: MANAGEMENT }))
      .toThrow(/^BaselineTrailProps\.managementAccountId: is only for organization trails/);
  });

  test('a malformed managementAccountId: error naming it', () => {
    expect(() => build(DELEGATED_ADMIN, { trailName: 'org-trail', isOrganizationTrail: true, organizationId: ORG_ID, managementAccountId: '2222' }))
      .toThrow(/^BaselineTrailProps\.managementAccountId: must be a 12-digit AWS account ID \(got '2222'\)/);
  });
});
