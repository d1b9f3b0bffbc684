import * as path from 'path';
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ChatWebhook } from './chat-webhook';
import {
  CHAT_WEBHOOKS_ENV, ENRICHMENT_LOGS_ACTIONS, LOG_GROUP_NAME_ENV, MAX_EVENTS_ENV, TOPIC_ARN_ENV, WEBHOOK_SECRET_ACTIONS,
} from './notifier-handler/contract';
import { acknowledge } from '../private/compliance';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';

// Internal: `AlarmNotifications` creates the notifier (`AlarmNotifications.notifier` is the
// function); this construct is not exported from the package, so its props are checked by
// `AlarmNotifications`, which owns them.

/**
 * Properties of an `AlarmNotifierFunction`.
 */
export interface AlarmNotifierFunctionProps {
  /**
   * The topic the notifier publishes its readable messages to. When the topic has a KMS key
   * (`ITopic.masterKey`), the notifier may use that key too.
   */
  readonly topic: ITopic;

  /**
   * The customer managed key of the dead-letter queue and the notifier's log group (and of the
   * topic, with `AlarmNotifications`). The notifier adds a key policy statement that lets
   * `logs.<region>.amazonaws.com` use it for its own log group only; an imported key's policy
   * must carry that statement itself.
   */
  readonly encryptionKey: IKey;

  /**
   * Where failed asynchronous invocations (alarm events the notifier could not handle after its
   * retries) go: both as the function's dead-letter queue (the raw event) and as its on-failure
   * destination (an invocation record with the error).
   */
  readonly deadLetterQueue: IQueue;

  /**
   * The trail's CloudWatch Logs group. The notifier links to it (CloudWatch Logs Insights) and
   * quotes the events behind an alarm: it may call `logs:DescribeMetricFilters` (to find the
   * alarm's filter pattern) and `logs:FilterLogEvents` on this log group only.
   *
   * @default - no link and no events in the notifications
   */
  readonly cloudTrailLogGroup?: ILogGroup;

  /**
   * The most CloudTrail events quoted in one notification: a whole number from 1 to 50, already
   * checked by `AlarmNotifications` (which owns `maxEventsPerNotification`).
   */
  readonly maxEventsPerNotification: number;

  /**
   * Chat channels the notifier also posts the notification to. Their URLs stay in Secrets
   * Manager; the notifier may read exactly these secrets.
   *
   * @default - no chat channel
   */
  readonly chatWebhooks?: ChatWebhook[];
}

/**
 * The alarm notifier: a Lambda function that CloudWatch alarms invoke directly (Lambda alarm
 * action) and that publishes a readable message (what fired, which controls, the state change,
 * when, in which account and region, why, the CloudTrail events behind it, with console links) to
 * an SNS topic and, optionally, to chat webhooks.
 *
 * The handler is bundled when this library is built (`assets/notifier/index.js`, shipped in the
 * package): synthesizing needs neither esbuild nor Docker, and the asset hash is the same on every
 * machine. Node.js 24 on arm64, 256 MB, a 60-second timeout (the handler keeps a time budget for
 * its CloudWatch Logs queries), X-Ray tracing, asynchronous invocations retried twice and kept at
 * most 6 hours, then sent to the dead-letter queue; a KMS-encrypted log group kept one year; and a
 * role whose only policy (a customer managed policy) names each resource it may use.
 *
 * Environment (see `notifier-handler/contract.ts`): `TOPIC_ARN`, `LOG_GROUP_NAME` (with
 * `cloudTrailLogGroup`), `MAX_EVENTS`, and `CHAT_WEBHOOKS` (with `chatWebhooks`: a JSON array of
 * `{ "kind", "secretArn" }`).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export class AlarmNotifierFunction extends Construct {
  /** The notifier function. */
  public readonly function: IFunction;

  constructor(scope: Construct, id: string, props: AlarmNotifierFunctionProps) {
    super(scope, id);
    checkProps('AlarmNotifierFunctionProps', props, schemas.AlarmNotifierFunctionProps(), ['topic', 'encryptionKey', 'deadLetterQueue', 'maxEventsPerNotification']);
    const maxEvents = props.maxEventsPerNotification;
    const chatWebhooks = props.chatWebhooks ?? [];

    // The log group is named, so that the key lets CloudWatch Logs use it for this one log group
    // only (its ARN, a token, would make the key policy and the log group depend on each other).
    // "Encrypt log data in CloudWatch Logs using AWS KMS": the regional Logs principal, bound to the
    // log group by the encryption context kms:EncryptionContext:aws:logs:arn.
    const stack = Stack.of(this);
    const logGroupName = `/cdk-cloudtrail-baseline/alarm-notifier/${Names.uniqueResourceName(this, { maxLength: 128 })}`;
    props.encryptionKey.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchLogsToUseTheKey',
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}` },
      },
    }));
    const logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName,
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Every permission is in one customer managed policy; the role is handed to the function
    // without policy updates, so nothing lands in an inline policy.
    const policy = new ManagedPolicy(this, 'Policy', {
      description: 'Alarm notifier (cdk-cloudtrail-baseline): own logs, traces, dead-letter queue, publish to the alarm topic, read the trail log group and chat webhook secrets',
      statements: [
        new PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        new PolicyStatement({ sid: 'PublishNotifications', actions: ['sns:Publish'], resources: [props.topic.topicArn] }),
        new PolicyStatement({
          sid: 'UseTopicAndQueueKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: unique([props.encryptionKey.keyArn, ...(props.topic.masterKey ? [props.topic.masterKey.keyArn] : [])]),
        }),
        new PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
        new PolicyStatement({ sid: 'XRayTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
        ...(props.cloudTrailLogGroup ? [new PolicyStatement({
          sid: 'ReadCloudTrailEvents',
          actions: [...ENRICHMENT_LOGS_ACTIONS],
          resources: [props.cloudTrailLogGroup.logGroupArn],
        })] : []),
        ...chatWebhookStatements(chatWebhooks.map((w) => w.secret)),
      ],
    });
    acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'],
      'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (Service Authorization Reference); every other statement names its resource.');
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Alarm notifier (cdk-cloudtrail-baseline)',
      managedPolicies: [policy],
    });

    const fn = new Function(this, 'Function', {
      description: 'Turns CloudWatch alarm state changes into readable notifications (cdk-cloudtrail-baseline)',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'notifier')),
      memorySize: 256,
      timeout: Duration.seconds(60),
      role: role.withoutPolicyUpdates(),
      logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueueEnabled: true,
      deadLetterQueue: props.deadLetterQueue,
      // Lambda's defaults, pinned: a lost alarm notification must end up in the queue, not vanish.
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.deadLetterQueue),
      environment: {
        [TOPIC_ARN_ENV]: props.topic.topicArn,
        ...(props.cloudTrailLogGroup ? { [LOG_GROUP_NAME_ENV]: props.cloudTrailLogGroup.logGroupName } : {}),
        [MAX_EVENTS_ENV]: String(maxEvents),
        ...(chatWebhooks.length > 0 ? {
          [CHAT_WEBHOOKS_ENV]: stack.toJsonString(chatWebhooks.map((w) => ({
            kind: w.format,
            secretArn: w.secret.secretArn,
            ...(w.detectionMetricNames.length > 0 ? { metricNames: w.detectionMetricNames } : {}),
            ...(w.severities.length > 0 ? { severities: w.severities } : {}),
          }))),
        } : {}),
      },
    });
    fn.node.addDependency(policy);
    acknowledge(fn, ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
      'The notifier reads no data store of its own and only calls AWS APIs (SNS, CloudWatch Logs, Secrets Manager) and chat webhooks on the internet; a VPC would need a NAT gateway or interface endpoints that the baseline does not own, without reducing exposure.');
    acknowledge(fn, ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'],
      'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the notifier runs once per alarm state change.');
    this.function = fn;
  }
}

/**
 * Read access to exactly these secrets: `secretsmanager:GetSecretValue` on each secret's ARN (the
 * complete ARN when known, else the partial ARN followed by Secrets Manager's 6-character suffix,
 * as `ISecret.grantRead` does), and `kms:Decrypt` on the customer managed keys of those that have
 * one, only when Secrets Manager of the secret's region makes the call.
 */
function chatWebhookStatements(secrets: ISecret[]): PolicyStatement[] {
  if (secrets.length === 0) return [];
  const statements = [new PolicyStatement({
    sid: 'ReadChatWebhookSecrets',
    actions: [...WEBHOOK_SECRET_ACTIONS],
    resources: unique(secrets.map((s) => s.secretFullArn ?? `${s.secretArn}-??????`)),
  })];
  const byRegion = new Map<string, string[]>();
  for (const s of secrets) {
    if (!s.encryptionKey) continue;
    const service = `secretsmanager.${s.env.region}.amazonaws.com`;
    byRegion.set(service, unique([...(byRegion.get(service) ?? []), s.encryptionKey.keyArn]));
  }
  [...byRegion.entries()].forEach(([service, keyArns], i) => statements.push(new PolicyStatement({
    sid: `DecryptChatWebhookSecrets${i === 0 ? '' : i + 1}`,
    actions: ['kms:Decrypt'],
    resources: keyArns,
    conditions: { StringEquals: { 'kms:ViaService': service } },
  })));
  return statements;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
