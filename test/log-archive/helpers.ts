/**
 * Shared fixtures of the log archive tests: stacks, trail descriptions, and readers of the
 * statements of a bucket policy or key policy in a synthesized template.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { LogArchive, LogArchiveProps } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';

export const ARCHIVE_ENV = { account: '111111111111', region: 'us-east-1' };

export const ORG_TRAIL = TrailDescription.organizationTrail({
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '222222222222',
  region: 'us-east-1',
  trailName: 'org-trail',
});
export const ORG_TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/org-trail';

export const ACCOUNT_TRAIL = TrailDescription.accountTrail({
  accountId: '111111111111',
  region: 'us-east-1',
  trailName: 'account-trail',
});
export const ACCOUNT_TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/account-trail';

/** A JSON statement of a synthesized policy. */
export type Statement = Record<string, any>;

export interface ArchiveFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly archive: LogArchive;
  readonly template: Template;
  readonly bucketId: string;
  readonly accessLogsBucketId: string;
  readonly keyId: string;
}

/** A stack in account 111111111111, us-east-1, with a `LogArchive` (one account trail unless told). */
export function archiveFixture(props: LogArchiveProps = { trails: [ACCOUNT_TRAIL] }, configure?: (archive: LogArchive) => void): ArchiveFixture {
  const app = new App();
  const stack = new Stack(app, 'LogArchiveStack', { env: ARCHIVE_ENV });
  const archive = new LogArchive(stack, 'Archive', props);
  configure?.(archive);
  const template = Template.fromStack(stack);
  return {
    app,
    stack,
    archive,
    template,
    bucketId: logicalId(archive.bucket),
    accessLogsBucketId: logicalId(archive.accessLogsBucket),
    keyId: logicalId(archive.encryptionKey),
  };
}

/** The logical ID of an L2 construct's default child. */
export function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** `{ 'Fn::GetAtt': [id, 'Arn'] }` */
export function arnOf(id: string): Record<string, unknown> {
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

/** The CloudFormation join of a resource's ARN and a suffix, as `bucket.arnForObjects()` writes it. */
export function arnWith(id: string, suffix: string): Record<string, unknown> {
  return { 'Fn::Join': ['', [arnOf(id), suffix]] };
}

/** The statements of the bucket policy attached to the bucket with this logical ID. */
export function bucketPolicyStatements(template: Template, bucketId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'))
    .filter((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }));
  if (policies.length !== 1) throw new Error(`expected one bucket policy for ${bucketId}, found ${policies.length}`);
  return policies[0].Properties.PolicyDocument.Statement;
}

/** The statements of the key policy of the key with this logical ID. */
export function keyPolicyStatements(template: Template, keyId: string): Statement[] {
  const key = template.findResources('AWS::KMS::Key')[keyId];
  if (!key) throw new Error(`no key ${keyId}`);
  return key.Properties.KeyPolicy.Statement;
}

/** The one statement with this Sid. */
export function bySid(statements: Statement[], sid: string): Statement {
  const found = statements.filter((s) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length} among ${statements.map((s) => s.Sid).join(', ')}`);
  return found[0];
}

/** The Sids of the statements, in order (statements without a Sid appear as `undefined`). */
export function sids(statements: Statement[]): Array<string | undefined> {
  return statements.map((s) => s.Sid);
}
