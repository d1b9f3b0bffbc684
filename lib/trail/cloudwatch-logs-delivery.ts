import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { IRole, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TrailDescription } from '../organization/trail-description';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { baselineKey } from '../private/keys';
import { claimPhysicalName } from '../private/physical-names';

/** What the CloudWatch Logs delivery of a trail needs. */
export interface CloudWatchLogsDeliveryProps {
  readonly description: TrailDescription;
  readonly retention?: RetentionDays;
  readonly logGroupName?: string;
  readonly encryptionKey?: IKey;
}

/** The log group, its key, and the role (with its managed policy) CloudTrail delivers through. */
export interface CloudWatchLogsDelivery {
  readonly logGroup: ILogGroup;
  readonly encryptionKey: IKey;
  readonly role: IRole;
  readonly policy: ManagedPolicy;
}

/**
 * Creates, in `scope`, the CloudWatch Logs group of a trail (KMS-encrypted, retained, at least one
 * year), its key (unless given), and a role trusted by CloudTrail that may only create and write
 * CloudTrail's own log streams: `<owner account>_CloudTrail_<region>*` and, for an organization
 * trail, `<organizationId>_*`.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
 */
export function createCloudWatchLogsDelivery(scope: Construct, props: CloudWatchLogsDeliveryProps): CloudWatchLogsDelivery {
  const stack = Stack.of(scope);
  const { description } = props;
  const trailName = description.trailName;
  const retention = props.retention ?? RetentionDays.ONE_YEAR;
  if (retention !== RetentionDays.INFINITE && retention < RetentionDays.ONE_YEAR) {
    throw new CloudTrailBaselineError('BaselineTrailProps.cloudWatchLogsRetention',
      `must be at least one year (365 days; Control Tower CT.CLOUDWATCH.PR.2); got ${retention} days`);
  }
  const logGroupName = props.logGroupName ?? `cloudtrail/${trailName}`;
  if (!Token.isUnresolved(logGroupName) && !/^[A-Za-z0-9._\-/#]{1,512}$/.test(logGroupName)) {
    throw new CloudTrailBaselineError('BaselineTrailProps.logGroupName',
      `must be 1-512 letters, digits, '.', '_', '-', '/' or '#' (got '${logGroupName}')`);
  }
  claimPhysicalName(scope, 'CloudWatch Logs group', logGroupName, 'BaselineTrailProps.logGroupName');
  const logGroupArn = `arn:${description.partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}`;

  const encryptionKey = props.encryptionKey ?? createLogGroupKey(scope, trailName, logGroupArn);
  const logGroup = new LogGroup(scope, 'LogGroup', {
    logGroupName,
    retention,
    encryptionKey,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  // Streams are named after the account whose events they hold: the trail owner's (the management
  // account of an organization trail) and, for member accounts, '<organizationId>_<account>_...'.
  const streams = [`${description.ownerAccountId}_CloudTrail_${stack.region}*`];
  if (description.organizationId) streams.push(`${description.organizationId}_*`);
  const policy = new ManagedPolicy(scope, 'CloudWatchLogsPolicy', {
    description: `Lets trail ${trailName} create and write its own log streams in ${logGroupName}`,
    statements: [new PolicyStatement({
      sid: 'AWSCloudTrailCreateLogStreamAndPutLogEvents',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: streams.map((s) => `${logGroupArn}:log-stream:${s}`),
    })],
  });
  // No aws:SourceArn / aws:SourceAccount in the trust policy: the CloudTrail user guide ("Role
  // policy document for CloudTrail to use CloudWatch Logs for monitoring") says "Confused deputy
  // prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy
  // doesn't support the use of aws:SourceArn and aws:SourceAccount", and users who added them saw
  // delivery stop (prowler-cloud/prowler#4714). The exposure stays small: only a principal of this
  // account with iam:PassRole can hand the role to a trail (roles cannot be passed across
  // accounts), and the role may only create and write CloudTrail's streams of this one log group.
  // test/security/trail.test.ts pins both facts.
  const role = new Role(scope, 'CloudWatchLogsRole', {
    assumedBy: new ServicePrincipal('cloudtrail.amazonaws.com'),
    description: `Lets trail ${trailName} deliver events to CloudWatch Logs group ${logGroupName}`,
    managedPolicies: [policy],
  });
  // The finding IDs hold the stream ARNs. In an env-agnostic stack (a StackSet's member stack) they
  // hold pseudo parameters, which cdk-nag renders as <AWS::Region>: such an ID is written the same
  // way. A stream prefix with another token (an organizationId or managementAccountId from a
  // CfnParameter or an SSM parameter) cannot be part of a finding ID: metadata keys must be
  // literal, and the finding then stays visible (cdk-nag reports it) rather than failing the synthesis.
  const renderedStreams = streams.map((s) => renderPseudoParameters(stack, s)).filter((s): s is string => s !== undefined);
  const renderedArn = renderPseudoParameters(stack, logGroupArn);
  if (renderedArn !== undefined && renderedStreams.length > 0) {
    acknowledge(policy, renderedStreams.map((s) => `AwsSolutions-IAM5[Resource::${renderedArn}:log-stream:${s}]`),
      'CloudTrail names its log streams <account>_CloudTrail_<region>_<n> (and <organizationId>_<account>_CloudTrail_<region>_<n> for member accounts): the wildcard is the documented stream-name prefix, within one log group.');
  }
  return { logGroup, encryptionKey, role, policy };
}

/**
 * A string as cdk-nag writes it in a finding ID: literal, or with pseudo parameters (`AWS::Region`,
 * `AWS::AccountId`, ...) as `<AWS::Region>`; undefined when it holds any other token.
 */
function renderPseudoParameters(stack: Stack, value: string): string | undefined {
  if (!Token.isUnresolved(value)) return value;
  const resolved: unknown = stack.resolve(value);
  const part = (p: unknown): string | undefined => {
    if (typeof p === 'string') return p;
    const ref = (p as { Ref?: unknown } | null)?.Ref;
    return typeof ref === 'string' && ref.startsWith('AWS::') ? `<${ref}>` : undefined;
  };
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  const parts = join !== undefined && join[0] === '' ? join[1].map(part) : [part(resolved)];
  return parts.every((p): p is string => p !== undefined) ? parts.join('') : undefined;
}

function createLogGroupKey(scope: Construct, trailName: string, logGroupArn: string): IKey {
  const stack = Stack.of(scope);
  const key = baselineKey(scope, 'LogGroupKey', `Encrypts the CloudWatch Logs copy of CloudTrail events of trail ${trailName}`);
  // "Encrypt log data in CloudWatch Logs using AWS KMS": the regional Logs principal, bound to the log group.
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'AllowCloudWatchLogsToUseTheKey',
    principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
  }));
  return key;
}
