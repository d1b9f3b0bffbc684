import { Stack } from 'aws-cdk-lib';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { ComplianceResult, Finding, forStacks, runCompliance } from './compliance-harness';
import { addLandingZone } from '../../examples/landing-zone/app';
import { LOG_ARCHIVE, MEMBER_ACCOUNT_TRAILS, ORGANIZATION, PAGING_ENDPOINT } from '../../examples/landing-zone/organization';
import { addSingleAccount } from '../../examples/single-account/app';
import { LogArchive, MemberAccountDetections } from '../../lib';

/**
 * Control Tower proactive controls (cfn-guard) that the examples fail by design. The plugin has no
 * per-resource suppression (and an app-wide acknowledgment would hide the rule everywhere), so
 * each finding is allowed here for one kind of resource only, with the reason; the README lists
 * them. cdk-nag findings are acknowledged on the constructs themselves, in the library.
 */
const ALLOWED_CFN_GUARD_FINDINGS: Array<{ rule: string; resource: RegExp; reason: string }> = [
  {
    rule: 's3_bucket_logging_enabled_check',
    resource: /\/AccessLogsBucket\/Resource$/,
    reason: 'CT.S3.PR.2: the access-logs bucket is the server access log destination; logging it into itself would loop.',
  },
  {
    rule: 's3_bucket_object_lock_enabled_check',
    resource: /\/(AccessLogsBucket|History\/ResultsBucket)\/Resource$/,
    reason: 'CT.S3.PR.9: a bucket with Object Lock cannot be the destination of server access logs; '
      + 'Athena query results are transient copies that expire (the archive they come from has Object Lock).',
  },
  {
    rule: 'lambda_inside_vpc_check',
    resource: /\/(Notifier|TrailLoggingRemediation|DigestValidator)\/Function\/Resource$/,
    reason: 'CT.LAMBDA.PR.3: the notifier, the trail logging remediation and the digest validator call only AWS APIs (SNS, CloudWatch Logs, Secrets Manager, CloudTrail, S3 reads of the log archive) and the chat webhooks; a VPC would need a NAT gateway or endpoints the baseline does not own.',
  },
  {
    rule: 'sqs_dlq_check',
    // The baseline's notifications and any extra AlarmNotifications (the landing zone's paging route).
    resource: /\/DeadLetterQueue\/Resource$/,
    reason: 'CT.SQS.PR.1: this queue is itself the dead-letter queue of the notifier and the subscriptions.',
  },
];

function unexplained(result: ComplianceResult): Finding[] {
  return result.findings.filter((f) => !(f.plugin === 'cdk-validator-cfnguard'
    && ALLOWED_CFN_GUARD_FINDINGS.some((a) => a.rule === f.rule && f.resources.length > 0 && f.resources.every((r) => a.resource.test(r)))));
}

function describe_(findings: Finding[]): string {
  return findings.map((f) => `${f.plugin} ${f.rule} at ${f.resources.join(', ')}: ${f.description}`).join('\n');
}

const PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321', 'Serverless', 'cdk-validator-cfnguard'];

// One run for the negative control and both examples (see forStacks).
let all: ComplianceResult;
const EXAMPLE_STACKS: Record<string, string[]> = {};
beforeAll(() => {
  all = runCompliance((app) => {
    const stack = new Stack(app, 'NonCompliant', { env: { account: '444444444444', region: 'us-east-1' } });
    new Bucket(stack, 'Bucket');
    new Function(stack, 'Function', { runtime: Runtime.NODEJS_18_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
    const { logArchive, management, securityTooling } = addLandingZone(app);
    EXAMPLE_STACKS['landing zone (log archive + management accounts)'] = [logArchive, management, securityTooling].flatMap((s) => (s ? [s.node.id] : []));
    EXAMPLE_STACKS['single account'] = [addSingleAccount(app).node.id];
    // The per-account landing zone's member stack, as the management stack deploys it (same app: one cfn-guard run).
    const membersStack = new Stack(app, 'MemberDetections', { env: { account: ORGANIZATION.managementAccountId, region: ORGANIZATION.region } });
    const members = new MemberAccountDetections(membersStack, 'MemberAccountDetections', {
      trail: MEMBER_ACCOUNT_TRAILS,
      logArchive: LogArchive.fromLogArchiveAttributes(membersStack, 'LogArchive', {
        bucketName: LOG_ARCHIVE.bucketName, encryptionKeyArn: LOG_ARCHIVE.encryptionKeyArn, allowedTrails: [MEMBER_ACCOUNT_TRAILS],
      }),
      organizationalUnitIds: [...ORGANIZATION.memberOrganizationalUnitIds],
      httpsEndpoints: [PAGING_ENDPOINT],
    });
    // Negative control: an unencrypted, unlogged bucket in the member stack must be reported.
    new Bucket(members.memberStack, 'Probe');
  });
});

test('the harness reports findings of every pack (negative control: an unencrypted, unlogged bucket and a default Lambda)', () => {
  const result = forStacks(all, ['NonCompliant']);
  expect(result.findings.filter((f) => f.rule === 'PluginError')).toEqual([]);
  for (const pack of PACKS) {
    expect({ pack, findings: result.findings.filter((f) => f.plugin === pack).length > 0 }).toEqual({ pack, findings: true });
  }
});

describe.each([
  ['landing zone (log archive + management accounts)'],
  ['single account'],
])('%s example', (_name) => {
  let result: ComplianceResult;
  beforeAll(() => {
    result = forStacks(all, EXAMPLE_STACKS[_name]);
  });

  test('no validation plugin failed to run', () => {
    expect(result.findings.filter((f) => f.rule === 'PluginError')).toEqual([]);
  });

  test('no unacknowledged cdk-nag finding and no unexplained Control Tower finding', () => {
    const left = unexplained(result);
    if (left.length > 0) throw new Error(`${left.length} finding(s):\n${describe_(left)}`);
  });

  test('the allowed Control Tower findings are the expected ones (no stale allowance)', () => {
    const rules = [...new Set(result.findings.filter((f) => f.plugin === 'cdk-validator-cfnguard').map((f) => f.rule))].sort();
    expect(rules).toEqual(expectedGuardRules[_name]);
  });
});

const expectedGuardRules: Record<string, string[]> = {
  'landing zone (log archive + management accounts)': ALLOWED_CFN_GUARD_FINDINGS.map((a) => a.rule).sort(),
  'single account': ALLOWED_CFN_GUARD_FINDINGS.map((a) => a.rule).sort(),
};

describe('per-account detections (MemberAccountDetections: each member account\'s trail, log group, filters and alarms)', () => {
  const PROBE = /^MemberDetections\/MemberAccountDetections\/MemberStack\/Probe\//;
  let result: ComplianceResult;
  beforeAll(() => {
    result = forStacks(all, ['MemberDetections']);
  });

  test('the packs check the member stack (the probe bucket in it is reported)', () => {
    expect(result.findings.some((f) => f.resources.some((r) => PROBE.test(r)))).toBe(true);
  });

  test('no validation plugin failed to run, no unacknowledged cdk-nag finding and no unexplained Control Tower finding', () => {
    expect(result.findings.filter((f) => f.rule === 'PluginError')).toEqual([]);
    const left = unexplained(result)
      .map((f) => ({ ...f, resources: f.resources.filter((r) => !PROBE.test(r)) }))
      .filter((f) => f.resources.length > 0);
    if (left.length > 0) throw new Error(`${left.length} finding(s):\n${describe_(left)}`);
  });
});
