import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LOG_GROUP_NAME_ENV, TOPIC_ARN_ENV } from './notifier-handler/contract';

/**
 * Properties of an `AlarmNotifierFunction`.
 */
export interface AlarmNotifierFunctionProps {
  /** The topic the notifier publishes its readable messages to. */
  readonly topic: ITopic;

  /**
   * The customer managed key of the topic, the notifier's dead-letter queue and its log group.
   * Its policy must let `logs.<region>.amazonaws.com` use it (as `AlarmNotifications`' key does).
   */
  readonly encryptionKey: IKey;

  /**
   * The CloudTrail log group, for a CloudWatch Logs Insights link in each message.
   *
   * @default - no link
   */
  readonly cloudTrailLogGroupName?: string;
}

/**
 * The alarm notifier: a Lambda function that CloudWatch alarms invoke directly (Lambda alarm
 * action) and that publishes a readable message — what fired, which controls, the state change,
 * when, in which account and region, why, with console links — to an SNS topic.
 *
 * The handler is bundled when this library is built (`assets/notifier/index.js`, shipped in the
 * package): synthesizing needs neither esbuild nor Docker, and the asset hash is the same on every
 * machine. Node.js 22 on arm64, X-Ray tracing, an encrypted dead-letter queue for failed
 * asynchronous invocations, a KMS-encrypted log group kept one year, and a role limited to its
 * log group, its queue, the topic and the key.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda
 */
export class AlarmNotifierFunction extends Construct {
  /** The notifier function. */
  public readonly function: IFunction;
  /** The dead-letter queue that keeps alarm events the notifier failed to deliver (14 days). */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: AlarmNotifierFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Alarm notifier (cdk-cloudtrail-baseline): writes its own logs and publishes to the alarm topic',
    });
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }));

    const fn = new Function(this, 'Function', {
      description: 'Turns CloudWatch alarm state changes into readable notifications (cdk-cloudtrail-baseline)',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'notifier')),
      memorySize: 256,
      timeout: Duration.seconds(30),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueueEnabled: true,
      deadLetterQueue: this.deadLetterQueue,
      environment: {
        [TOPIC_ARN_ENV]: props.topic.topicArn,
        ...(props.cloudTrailLogGroupName ? { [LOG_GROUP_NAME_ENV]: props.cloudTrailLogGroupName } : {}),
      },
    });
    props.topic.grantPublish(fn);
    props.encryptionKey.grant(fn, 'kms:GenerateDataKey*', 'kms:Decrypt');
    this.function = fn;
  }
}
