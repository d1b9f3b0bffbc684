import * as path from 'path';
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm, ComparisonOperator, IAlarm, IAlarmAction, Metric, Stats, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function, IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  BUCKET_DIMENSION, CHECK_ACTIONS, METRIC_NAME, METRIC_NAMESPACE, VAULT_BUCKET_ENV,
} from './mfa-delete-check-handler/contract';
import { acknowledge } from '../private/compliance';

/** Properties of an `MfaDeleteCheck` (internal: built by `MfaDeleteVault`). */
export interface MfaDeleteCheckProps {
  readonly vaultBucket: IBucket;
  /** The archive key; its policy must let CloudWatch Logs of this region use it (added here). */
  readonly encryptionKey: IKey;
  /** Whole minutes, 5 to 1440. */
  readonly checkIntervalMinutes: number;
  readonly alarmActions: IAlarmAction[];
}

/**
 * Checks MFA delete on the vault bucket every `checkIntervalMinutes` and alarms when it is off.
 *
 * An EventBridge schedule invokes a Lambda function (Node.js 24, arm64, bundled at library build
 * time into `assets/mfa-delete-check/index.js`) that calls `s3:GetBucketVersioning` on the vault,
 * its only S3 permission, and writes the metric `CloudTrailBaseline/LogArchive MfaDeleteEnabled`
 * (dimension `BucketName`; 1 or 0) in Embedded Metric Format to its own log, so it needs no
 * `cloudwatch:PutMetricData`. The alarm fires when the minimum over one period is below 1, and
 * treats missing data as breaching: a check that fails (e.g. access denied) or does not run alarms too.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export class MfaDeleteCheck extends Construct {
  public readonly function: IFunction;
  public readonly alarm: IAlarm;

  constructor(scope: Construct, id: string, props: MfaDeleteCheckProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const interval = Duration.minutes(props.checkIntervalMinutes);

    // The log group is named, so that the archive key lets CloudWatch Logs use it for this one log
    // group only (its ARN, a token, would make the key policy and the log group depend on each other).
    const logGroupName = `/cdk-cloudtrail-baseline/mfa-delete-check/${Names.uniqueResourceName(this, { maxLength: 128 })}`;
    props.encryptionKey.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchLogsForMfaDeleteCheck',
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
    // Failed invocations land here. SQS-managed encryption: the queue holds only the schedule's
    // event (no log data), and the archive key's policy need not admit Lambda and EventBridge.
    const deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(deadLetterQueue, ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
      'This queue is the dead-letter queue of the MFA delete check; a dead-letter queue has none of its own.');

    const policy = new ManagedPolicy(this, 'Policy', {
      description: 'MFA delete check of the CloudTrail log archive vault (cdk-cloudtrail-baseline): read the vault\'s versioning, own logs, traces, dead-letter queue',
      statements: [
        new PolicyStatement({ sid: 'ReadVaultVersioning', actions: [...CHECK_ACTIONS], resources: [props.vaultBucket.bucketArn] }),
        new PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        new PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
        new PolicyStatement({ sid: 'XRayTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      ],
    });
    acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'],
      'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (Service Authorization Reference); every other statement names its resource.');
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'MFA delete check of the CloudTrail log archive vault (cdk-cloudtrail-baseline)',
      managedPolicies: [policy],
    });

    const fn = new Function(this, 'Function', {
      description: 'Checks that MFA delete is enabled on the CloudTrail log archive vault bucket (cdk-cloudtrail-baseline)',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'mfa-delete-check')),
      memorySize: 128,
      timeout: Duration.seconds(30),
      role: role.withoutPolicyUpdates(),
      logGroup,
      tracing: Tracing.ACTIVE,
      deadLetterQueueEnabled: true,
      deadLetterQueue,
      // Lambda's retries absorb a transient error; an event older than one interval is dropped (the next check runs by then).
      retryAttempts: 2,
      maxEventAge: Duration.minutes(Math.min(props.checkIntervalMinutes, 360)),
      onFailure: new SqsDestination(deadLetterQueue),
      environment: { [VAULT_BUCKET_ENV]: props.vaultBucket.bucketName },
    });
    fn.node.addDependency(policy);
    acknowledge(fn, ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
      'The check reads no data store and calls one AWS API (S3 GetBucketVersioning); a VPC would need a NAT gateway or an S3 endpoint that the baseline does not own, without reducing exposure.');
    acknowledge(fn, ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'],
      'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the check runs once per interval.');
    this.function = fn;

    new Rule(this, 'Schedule', {
      description: 'Runs the MFA delete check of the CloudTrail log archive vault (cdk-cloudtrail-baseline)',
      schedule: Schedule.rate(interval),
      targets: [new LambdaFunction(fn, { deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    const alarm = new Alarm(this, 'Alarm', {
      alarmDescription: 'MFA delete is not enabled on the CloudTrail log archive vault bucket, or the check did not run. '
        + 'The root user enables it with the command in the stack output EnableMfaDeleteCommand (cdk-cloudtrail-baseline).',
      metric: new Metric({
        namespace: METRIC_NAMESPACE,
        metricName: METRIC_NAME,
        dimensionsMap: { [BUCKET_DIMENSION]: props.vaultBucket.bucketName },
        statistic: Stats.MINIMUM,
        period: interval,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: TreatMissingData.BREACHING,
    });
    alarm.addAlarmAction(...props.alarmActions);
    this.alarm = alarm;
  }
}
