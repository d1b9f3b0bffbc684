import { Duration } from 'aws-cdk-lib';
import {
  Alarm, ComparisonOperator, IAlarmAction, Metric, Stats, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  BUCKET_DIMENSION, CHECK_ACTIONS, METRIC_NAME, METRIC_NAMESPACE, VAULT_BUCKET_ENV,
} from './mfa-delete-check-handler/contract';
import { baselineFunction } from '../private/baseline-function';

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
  public readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: MfaDeleteCheckProps) {
    super(scope, id);
    const interval = Duration.minutes(props.checkIntervalMinutes);

    const { function: fn, deadLetterQueue } = baselineFunction(this, {
      asset: 'mfa-delete-check',
      encryptionKey: props.encryptionKey,
      keyStatementSid: 'AllowCloudWatchLogsForMfaDeleteCheck',
      statements: [new PolicyStatement({ sid: 'ReadVaultVersioning', actions: [...CHECK_ACTIONS], resources: [props.vaultBucket.bucketArn] })],
      functionDescription: 'Checks that MFA delete is enabled on the CloudTrail log archive vault bucket (cdk-cloudtrail-baseline)',
      policyDescription: 'MFA delete check of the CloudTrail log archive vault (cdk-cloudtrail-baseline): read the vault\'s versioning, own logs, traces, dead-letter queue',
      roleDescription: 'MFA delete check of the CloudTrail log archive vault (cdk-cloudtrail-baseline)',
      deadLetterQueueReason: 'This queue is the dead-letter queue of the MFA delete check; a dead-letter queue has none of its own.',
      vpcReason: 'The check reads no data store and calls one AWS API (S3 GetBucketVersioning); a VPC would need a NAT gateway or an S3 endpoint that the baseline does not own, without reducing exposure.',
      concurrencyReason: 'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the check runs once per interval.',
      environment: { [VAULT_BUCKET_ENV]: props.vaultBucket.bucketName },
      // Lambda's retries absorb a transient error; an event older than one interval is dropped (the next check runs by then).
      maxEventAge: Duration.minutes(Math.min(props.checkIntervalMinutes, 360)),
    });
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
