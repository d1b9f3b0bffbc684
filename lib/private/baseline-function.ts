import * as path from 'path';
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AddToPrincipalPolicyResult, IGrantable, IPrincipal, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './compliance';

/** What a small baseline function (a bundled handler in `assets/`) is made of (internal). */
export interface BaselineFunctionOptions {
  /** The bundle's folder under `assets/`, also the log group's path segment, e.g. `mfa-delete-check`. */
  readonly asset: string;
  /** The key of the log group; its policy gets a CloudWatch Logs statement for this log group only. */
  readonly encryptionKey: IKey;
  /** The Sid of that key statement. */
  readonly keyStatementSid: string;
  /** The function's own permissions, before its logs, dead-letter queue and X-Ray statements. */
  readonly statements: PolicyStatement[];
  readonly functionDescription: string;
  readonly policyDescription: string;
  readonly roleDescription: string;
  /** Why this queue is a dead-letter queue (cdk-nag acknowledgment). */
  readonly deadLetterQueueReason: string;
  /** Why the function is not in a VPC (cdk-nag acknowledgment). */
  readonly vpcReason: string;
  /** Why it has no reserved concurrency (cdk-nag acknowledgment). */
  readonly concurrencyReason: string;
  readonly environment: Record<string, string>;
  /** How long Lambda keeps retrying an asynchronous event. */
  readonly maxEventAge: Duration;
  /** @default 128 */
  readonly memorySize?: number;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /**
   * Grants of other constructs (e.g. `ILogArchive.grantRead`), made to a grantee whose statements
   * go into the function's one managed policy (the role takes no other policy).
   */
  readonly grant?: (grantee: IGrantable) => void;
  /** Why the function's own statements need `Resource: *`, added to the X-Ray acknowledgment. */
  readonly wildcardReason?: string;
}

/** The parts other constructs wire: the function and its dead-letter queue. */
export interface BaselineFunctionParts {
  readonly function: Function;
  readonly deadLetterQueue: Queue;
}

/**
 * Adds to `scope` the function of a bundled handler the way the baseline builds every one: a named,
 * KMS-encrypted log group kept one year; an SQS-encrypted dead-letter queue (14 days) that is also
 * its on-failure destination; one customer managed policy (its statements, its own logs, the queue,
 * X-Ray) on a role that takes no further policy; Node.js 24 on arm64, 128 MB, 30 s, X-Ray, two retries.
 * Construct IDs: `LogGroup`, `DeadLetterQueue`, `Policy`, `Role`, `Function`.
 */
export function baselineFunction(scope: Construct, options: BaselineFunctionOptions): BaselineFunctionParts {
  const stack = Stack.of(scope);
  // The log group is named, so that the key lets CloudWatch Logs use it for this one log group only
  // (its ARN, a token, would make the key policy and the log group depend on each other).
  const logGroupName = `/cdk-cloudtrail-baseline/${options.asset}/${Names.uniqueResourceName(scope, { maxLength: 128 })}`;
  options.encryptionKey.addToResourcePolicy(new PolicyStatement({
    sid: options.keyStatementSid,
    principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}` },
    },
  }));
  const logGroup = new LogGroup(scope, 'LogGroup', {
    logGroupName,
    retention: RetentionDays.ONE_YEAR,
    encryptionKey: options.encryptionKey,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // SQS-managed encryption: the queue holds only the triggering events (no log data), and the
  // key's policy need not admit Lambda and EventBridge.
  const deadLetterQueue = new Queue(scope, 'DeadLetterQueue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledge(deadLetterQueue, ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'], options.deadLetterQueueReason);

  const policy = new ManagedPolicy(scope, 'Policy', {
    description: options.policyDescription,
    statements: [
      ...options.statements,
      new PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      new PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
      new PolicyStatement({ sid: 'XRayTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'],
    'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (Service Authorization Reference)'
    + (options.wildcardReason ? `; ${options.wildcardReason}` : '; every other statement names its resource.'));
  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: options.roleDescription,
    managedPolicies: [policy],
  });
  options.grant?.(managedPolicyGrantee(role, policy));

  const fn = new Function(scope, 'Function', {
    description: options.functionDescription,
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    handler: 'index.handler',
    code: Code.fromAsset(path.join(__dirname, '..', '..', 'assets', options.asset)),
    memorySize: options.memorySize ?? 128,
    timeout: options.timeout ?? Duration.seconds(30),
    role: role.withoutPolicyUpdates(),
    logGroup,
    tracing: Tracing.ACTIVE,
    deadLetterQueueEnabled: true,
    deadLetterQueue,
    retryAttempts: 2,
    maxEventAge: options.maxEventAge,
    onFailure: new SqsDestination(deadLetterQueue),
    environment: options.environment,
  });
  fn.node.addDependency(policy);
  acknowledge(fn, ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'], options.vpcReason);
  acknowledge(fn, ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'], options.concurrencyReason);
  return { function: fn, deadLetterQueue };
}

/**
 * The role as a grantee whose granted statements are added to its managed policy, so that a
 * construct's `grant*()` method keeps the one-policy shape (the role is used without policy updates).
 */
function managedPolicyGrantee(role: Role, policy: ManagedPolicy): IGrantable {
  const principal: IPrincipal = {
    get grantPrincipal() { return principal; },
    assumeRoleAction: role.assumeRoleAction,
    policyFragment: role.policyFragment,
    principalAccount: role.principalAccount,
    addToPrincipalPolicy: (statement: PolicyStatement): AddToPrincipalPolicyResult => {
      policy.addStatements(statement);
      return { statementAdded: true, policyDependable: policy };
    },
  };
  return principal;
}
