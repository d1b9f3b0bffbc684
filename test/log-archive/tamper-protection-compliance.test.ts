/**
 * A stack with only a `LogArchive`, in each tamper protection mode, under the same validation
 * plugins as the examples (cdk-nag AwsSolutions, NIST 800-53 R5, HIPAA, PCI DSS, Serverless and
 * the Control Tower proactive controls): no finding may be left unacknowledged.
 */
import { Stack } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ACCOUNT_TRAIL, ARCHIVE_ENV } from './helpers';
import { LogArchive, TamperProtection } from '../../lib/log-archive';
import { ComplianceResult, Finding, forStacks, runCompliance } from '../compliance/compliance-harness';

/**
 * Control Tower (cfn-guard) findings allowed per resource, with the reason. The first four are
 * also allowed for the examples (test/compliance/examples-compliance.test.ts).
 */
const ALLOWED: Array<{ rule: string; resource: RegExp; reason: string }> = [
  { rule: 's3_bucket_logging_enabled_check', resource: /\/AccessLogsBucket\/Resource$/, reason: 'the access log destination cannot log into itself' },
  { rule: 's3_bucket_object_lock_enabled_check', resource: /\/AccessLogsBucket\/Resource$/, reason: 'an Object Lock bucket cannot receive server access logs' },
  { rule: 'lambda_inside_vpc_check', resource: /\/Vault\/Check\/Function\/Resource$/, reason: 'the check calls one AWS API and reads no data store' },
  { rule: 'sqs_dlq_check', resource: /\/DeadLetterQueue\/Resource$/, reason: 'the queue is itself a dead-letter queue' },
];

/** Also allowed with `TamperProtection.mfaDelete()`. */
const ALLOWED_MFA_DELETE: typeof ALLOWED = [
  { rule: 's3_bucket_object_lock_enabled_check', resource: /\/Vault\/Bucket\/Resource$/, reason: 'CT.S3.PR.9: MFA delete protects the vault instead of Object Lock' },
  { rule: 's3_bucket_object_lock_enabled_check', resource: /\/Archive\/Bucket\/Resource$/, reason: 'CT.S3.PR.9: the archive bucket replicates every new log file into the MFA delete vault, which keeps it' },
  { rule: 's3_version_lifecycle_policy_check', resource: /\/Vault\/Bucket\/Resource$/, reason: 'CT.S3.PR.3: S3 does not support lifecycle configuration on an MFA-delete bucket' },
  { rule: 's3_lifecycle_policy_check', resource: /\/Vault\/Bucket\/Resource$/, reason: 'CT.S3.PR.6: S3 does not support lifecycle configuration on an MFA-delete bucket' },
];

function unexplained(findings: Finding[], extra: typeof ALLOWED = []): Finding[] {
  const allowed = [...ALLOWED, ...extra];
  return findings.filter((f) => !(f.plugin === 'cdk-validator-cfnguard' && f.resources.length > 0
    && f.resources.every((r) => allowed.some((a) => a.rule === f.rule && a.resource.test(r)))));
}

/** The cases, each a stack of one app, validated in one run (cfn-guard's fixed cost: see forStacks). */
let all: ComplianceResult;
beforeAll(() => {
  all = runCompliance((app) => {
    const modes: Array<[string, TamperProtection]> = [
      ['ObjectLock', TamperProtection.objectLock()], ['MfaDelete', TamperProtection.mfaDelete()], ['NoProtection', TamperProtection.none()],
    ];
    for (const [id, tamperProtection] of modes) {
      const stack = new Stack(app, id, { env: ARCHIVE_ENV });
      const topic = Topic.fromTopicArn(stack, 'AlarmTopic', 'arn:aws:sns:us-east-1:111111111111:alarms');
      const alarmActions = tamperProtection._resolved.mfaDelete ? [new SnsAction(topic)] : undefined;
      // One account and region for all cases: each its own key alias (unique per account and region).
      new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], tamperProtection, alarmActions, encryptionKeyAlias: `alias/cloudtrail-log-archive-${id}` });
    }
    const source = new Stack(app, 'ReplicationSource', { env: ARCHIVE_ENV });
    new LogArchive(source, 'Archive', {
      trails: [ACCOUNT_TRAIL],
      encryptionKeyAlias: 'alias/cloudtrail-log-archive-replication-source',
      bucketName: 'example-cloudtrail-archive',
      replication: { region: 'eu-west-1', bucketName: 'example-cloudtrail-dr' },
    });
    const replica = new Stack(app, 'ReplicationReplica', { env: { account: ARCHIVE_ENV.account, region: 'eu-west-1' } });
    new LogArchive(replica, 'Archive', { bucketName: 'example-cloudtrail-dr', replicaOf: 'example-cloudtrail-archive' });
  });
});

function findingsOf(...stackIds: string[]): Finding[] {
  return forStacks(all, stackIds).findings;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.plugin} ${f.rule} at ${f.resources.join(', ')}: ${f.description}`);

test('Object Lock (default): no unacknowledged finding', () => {
  const findings = findingsOf('ObjectLock');
  expect(show(unexplained(findings))).toEqual([]);
});

test('MFA delete vault: no unacknowledged finding; the vault is reported for its missing Object Lock, and allowed', () => {
  const findings = findingsOf('MfaDelete');
  expect(show(unexplained(findings, ALLOWED_MFA_DELETE))).toEqual([]);
  expect(findings.some((f) => f.rule === 's3_bucket_object_lock_enabled_check' && f.resources.some((r) => r.endsWith('/Vault/Bucket/Resource')))).toBe(true);
});

test('none: only the missing Object Lock of the archive bucket is reported', () => {
  const findings = findingsOf('NoProtection');
  const archiveWithoutLock = { rule: 's3_bucket_object_lock_enabled_check', resource: /\/Archive\/Bucket\/Resource$/, reason: 'TamperProtection.none()' };
  expect(show(unexplained(findings, [archiveWithoutLock]))).toEqual([]);
  expect(show(unexplained(findings))).toEqual([expect.stringMatching(/^cdk-validator-cfnguard s3_bucket_object_lock_enabled_check at .*NoProtection\/Archive\/Bucket\/Resource/)]);
});

test('disaster-recovery replication (source and replica stacks, Object Lock): no unacknowledged finding', () => {
  expect(show(unexplained(findingsOf('ReplicationSource', 'ReplicationReplica')))).toEqual([]);
});
