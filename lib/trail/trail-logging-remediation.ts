import { Annotations, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IAlarm, IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REMEDIATION_ACTIONS, TRAIL_ARNS_ENV } from './trail-logging-remediation-handler/contract';
import { TrailDescription } from '../organization/trail-description';
import { baselineFunction } from '../private/baseline-function';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';

/**
 * Properties of `TrailLoggingRemediation`.
 */
export interface TrailLoggingRemediationProps {
  /**
   * The trails to keep logging: each owned by this stack's account and created in its region
   * (StopLogging is called in a trail's home region, where EventBridge receives the event, and the
   * function restarts the trail there). At least one.
   */
  readonly trails: TrailDescription[];

  /**
   * The customer managed key that encrypts the function's log group (its policy gets a statement for
   * CloudWatch Logs of this region, for that log group only), e.g. `BaselineTrail.logGroupEncryptionKey`.
   */
  readonly encryptionKey: IKey;

  /**
   * Where the remediation's own alarm goes: it fires when the function fails (a StopLogging it
   * could not undo, or an event naming an unknown trail). Use the critical route.
   *
   * @default - none (synth warning `noRemediationAlarmActions`)
   */
  readonly alarmActions?: IAlarmAction[];
}

/**
 * Opt-in remediation: when a baseline trail is stopped (`cloudtrail:StopLogging`, a successful call
 * in the trail's home region), an EventBridge rule invokes a function that calls `StartLogging` on
 * it, usually within a minute of the call. Least privilege: `cloudtrail:GetTrailStatus` and
 * `cloudtrail:StartLogging` on these trails' ARNs only; idempotent (a trail that logs again is left
 * alone); a dead-letter queue for events it could not handle, and an alarm on its errors.
 *
 * Who stopped the trail is reported by the detection CIS / Security Hub CloudWatch.5 (CloudTrail
 * configuration changes: the metric filter in ~5 minutes, the fast path in seconds), and by the
 * function's log (`stoppedBy`). `DeleteTrail` cannot be undone by a function: CloudWatch.5 alarms
 * on it, and redeploying the trail's stack recreates the trail.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StartLogging.html
 */
export class TrailLoggingRemediation extends Construct {
  /** The function that restarts logging. */
  public readonly function: IFunction;
  /** The alarm on the function's errors (Sum of `Errors` ≥ 1 over 5 minutes). */
  public readonly alarm: IAlarm;
  /** The EventBridge rule that matches successful StopLogging calls on the trails. */
  public readonly rule: Rule;

  constructor(scope: Construct, id: string, props: TrailLoggingRemediationProps) {
    super(scope, id);
    const P = 'TrailLoggingRemediationProps';
    checkProps(P, props, schemas.TrailLoggingRemediationProps(), ['trails', 'encryptionKey']);
    const stack = Stack.of(this);
    if (props.trails.length === 0) {
      throw new CloudTrailBaselineError(`${P}.trails`, 'must list at least one TrailDescription: the trails to restart');
    }
    props.trails.forEach((trail, i) => {
      if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
        throw new CloudTrailBaselineError(`${P}.trails[${i}]`, 'needs a stack with an explicit env (account and region): the trail must be known to be this account\'s, in this region');
      }
      if (trail.ownerAccountId !== stack.account || trail.region !== stack.region) {
        throw new CloudTrailBaselineError(`${P}.trails[${i}]`,
          `must be a trail of this stack's account ${stack.account} in ${stack.region} (got ${trail.trailArn}): StopLogging is seen, and StartLogging called, in the owner account and home region of the trail`);
      }
    });
    const trailArns = props.trails.map((t) => t.trailArn);

    const { function: fn, deadLetterQueue } = baselineFunction(this, {
      asset: 'trail-logging-remediation',
      encryptionKey: props.encryptionKey,
      keyStatementSid: `AllowCloudWatchLogsFor${Names.uniqueResourceName(this, { maxLength: 64 })}`,
      statements: [new PolicyStatement({ sid: 'RestartBaselineTrails', actions: [...REMEDIATION_ACTIONS], resources: trailArns })],
      functionDescription: 'Restarts logging on a baseline trail after StopLogging (cdk-cloudtrail-baseline)',
      policyDescription: 'Trail logging remediation (cdk-cloudtrail-baseline): restart the baseline trails, own logs, traces, dead-letter queue',
      roleDescription: 'Trail logging remediation (cdk-cloudtrail-baseline)',
      deadLetterQueueReason: 'This queue is the dead-letter queue of the trail logging remediation; a dead-letter queue has none of its own.',
      vpcReason: 'The remediation reads no data store and calls one AWS API (CloudTrail StartLogging); a VPC would need a NAT gateway or a CloudTrail endpoint that the baseline does not own, without reducing exposure.',
      concurrencyReason: 'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the function runs once per StopLogging call.',
      environment: { [TRAIL_ARNS_ENV]: JSON.stringify(trailArns) },
      maxEventAge: Duration.hours(1),
    });
    this.function = fn;

    this.rule = new Rule(this, 'Rule', {
      description: 'Restarts a baseline trail after a successful StopLogging call (cdk-cloudtrail-baseline)',
      eventPattern: {
        source: ['aws.cloudtrail'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['cloudtrail.amazonaws.com'],
          eventName: ['StopLogging'],
          errorCode: [{ exists: false }],
          // StopLogging takes the trail's name or ARN.
          requestParameters: { name: [...props.trails.map((t) => t.trailName), ...trailArns] },
        },
      },
      targets: [new LambdaFunction(fn, { deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    const alarm = new Alarm(this, 'Alarm', {
      alarmDescription: 'The trail logging remediation failed: a baseline trail may be stopped. Check GetTrailStatus, start it by hand, and read the function\'s log and dead-letter queue (cdk-cloudtrail-baseline).',
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const actions = props.alarmActions ?? [];
    if (actions.length === 0) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noRemediationAlarmActions',
        `${P}.alarmActions is empty: when the remediation fails, its alarm changes state silently and a stopped trail may go unnoticed. Route it to the critical alarm actions.`);
    }
    alarm.addAlarmAction(...actions);
    this.alarm = alarm;
  }
}
