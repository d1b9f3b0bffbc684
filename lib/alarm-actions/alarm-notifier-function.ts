import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LOG_GROUP_NAME_ENV, TOPIC_ARN_ENV } from './notifier-handler/contract';
import { acknowledge } from '../private/compliance';

/**
 * Properties of an `AlarmNotifierFunction`.
 */
export interface AlarmNotifierFunctionProps {
  /** The topic the notifier publishes its readable messages to. */
  readonly topic: ITopic;

  /**
   * The customer managed key of the topic, the dead-letter queue and the notifier's log group.
   * Its policy must let `logs.<region>.amazonaws.com` use it (as `AlarmNotifications`' key does).
   */
  readonly encryptionKey: IKey;

  /** Where failed asynchronous invocations (alarm events the notifier could not handle) go. */
  readonly deadLetterQueue: IQueue;

  /**
   * The CloudTrail log group, for a CloudWatch Logs Insights link in each message.
   *
   * @default - no link
   */
  readonly cloudTrailLogGroupName?: string;
}

/**
 * The alarm notifier: a Lambda function that CloudWatch alarms invoke directly (Lambda alarm
 * action) and that publishes a readable message (what fired, which controls, the state change,
 * when, in which account and region, why, with console links) to an SNS topic.
 *
 * The handler is bundled when this library is built (`assets/notifier/index.js`, shipped in the
 * package): synthesizing needs neither esbuild nor Docker, and the asset hash is the same on every
 * machine. Node.js 24 on arm64, X-Ray tracing, a dead-letter queue for failed asynchronous
 * invocations, a KMS-encrypted log group kept one year, and a role whose only policy (a customer
 * managed policy) allows its log group, the queue, the topic and the key.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda
 */
export class AlarmNotifierFunction extends Construct {
  /** The notifier function. */
  public readonly function: IFunction;

  constructor(scope: Construct, id: string, props: AlarmNotifierFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Every permission is in one customer managed policy; the role is handed to the function
    // without policy updates, so nothing lands in an inline policy.
    const policy = new ManagedPolicy(this, 'Policy', {
      description: 'Alarm notifier (cdk-cloudtrail-baseline): own logs, traces, dead-letter queue, publish to the alarm topic',
      statements: [
        new PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        new PolicyStatement({ sid: 'PublishNotifications', actions: ['sns:Publish'], resources: [props.topic.topicArn] }),
        new PolicyStatement({ sid: 'UseTopicAndQueueKey', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.encryptionKey.keyArn] }),
        new PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
        new PolicyStatement({ sid: 'XRayTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
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
      timeout: Duration.seconds(30),
      role: role.withoutPolicyUpdates(),
      logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueueEnabled: true,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        [TOPIC_ARN_ENV]: props.topic.topicArn,
        ...(props.cloudTrailLogGroupName ? { [LOG_GROUP_NAME_ENV]: props.cloudTrailLogGroupName } : {}),
      },
    });
    fn.node.addDependency(policy);
    acknowledge(fn, ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
      'The notifier reads no data store and only calls the SNS API; a VPC would need a NAT gateway or an SNS interface endpoint that the baseline does not own, without reducing exposure.');
    acknowledge(fn, ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'],
      'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the notifier runs once per alarm state change.');
    this.function = fn;
  }
}
