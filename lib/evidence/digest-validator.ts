import { Annotations, Arn, ArnFormat, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm, ComparisonOperator, IAlarm, IAlarmAction, MathExpression, Metric, Stats, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkArchivePlace } from './archive-place';
import {
  ARCHIVE_BUCKET_ENV, CLOUDTRAIL_ACTIONS, DIGEST_KEY_WILDCARD, METRIC_NAMESPACE, METRICS,
} from './digest-validator-handler/contract';
import { ILogArchive } from '../log-archive/ilog-archive';
import { baselineFunction } from '../private/baseline-function';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { isConcrete } from '../private/validate';

/**
 * Properties of `DigestValidator`.
 */
export interface DigestValidatorProps {
  /**
   * The log archive whose digest files to check. Its bucket must be in this stack's account and
   * region (S3 sends its events to the default event bus of the bucket's account and region) and
   * send events to EventBridge (`ILogArchive.eventBridgeEnabled`): a `LogArchive` does; for an imported
   * archive its owner must enable it (synth warning `digestValidatorImportedArchive`).
   *
   * @throws when the archive's region or account is known and differs from this stack's
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
   */
  readonly logArchive: ILogArchive;

  /**
   * The customer managed key that encrypts the function's log group (its policy gets a statement
   * for CloudWatch Logs of this region, for that log group only), e.g. the archive's own key
   * (`LogArchive.encryptionKey`) or `BaselineTrail.logGroupEncryptionKey`.
   */
  readonly encryptionKey: IKey;

  /**
   * Where the alarms go: an invalid or missing file (tampering, or deletion), a chain gone silent
   * and events the function could not handle. Use the critical route.
   *
   * @default - none (synth warning `noDigestValidatorAlarmActions`)
   */
  readonly alarmActions?: IAlarmAction[];

  /**
   * How long no digest may arrive before the silence alarm fires: CloudTrail delivers one digest
   * per hour for each account and region a trail logs, so silence means every trail writing to the
   * archive stopped, or validation, or the S3 event notifications. Whole hours, 1 to 24.
   *
   * @default Duration.hours(2)
   * @throws when not a whole number of hours from 1 to 24
   */
  readonly silenceAlarmPeriod?: Duration;
}

/**
 * Continuous validation of the CloudTrail archive: every new digest file (S3 `Object Created` on a
 * `CloudTrail-Digest/` key, through EventBridge) invokes a function that checks the digest's
 * signature (RSA SHA-256, with the public key from CloudTrail `ListPublicKeys` in the trail's
 * home region), its link to the previous digest (that digest is there, with the hash and the
 * signature this one names) and the SHA-256 of every log file it lists (8 at once), as the AWS
 * CLI's `validate-logs` does for a time range.
 *
 * The function (Node.js 24, arm64, 512 MB, 5 minutes, bundled at library build time into
 * `assets/digest-validator/index.js`) writes in Embedded Metric Format, without dimensions, the
 * metrics `CloudTrailBaseline/Evidence` `DigestFilesValid`, `DigestFilesInvalid`, `LogFilesValid`,
 * `LogFilesInvalid` and `LogFilesMissing`; its log line names the digest, the account, the region
 * and each problem. Alarms: `invalidAlarm` (any invalid or missing digest or log file within 5
 * minutes), `silenceAlarm` (no digest checked for `silenceAlarmPeriod`, missing data breaching) and
 * `deadLetterAlarm` (an event the function failed on after its retries, e.g. access denied).
 *
 * Least privilege: the archive's `grantRead()` (`s3:GetObject` and `s3:GetObjectVersion` on its
 * objects; `s3:ListBucket`, so that a deleted file is reported missing (404) rather than access
 * denied; `s3:GetBucketLocation`; `kms:Decrypt` only with the CloudTrail encryption context or
 * the bucket's S3 Bucket Key context) and `cloudtrail:ListPublicKeys` (no resource-level
 * permissions). It can neither write nor delete.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export class DigestValidator extends Construct {
  /** The function that checks each digest. */
  public readonly function: IFunction;
  /** The dead-letter queue of events the function failed on (kept 14 days). */
  public readonly deadLetterQueue: IQueue;
  /** The EventBridge rule that matches new digest files of the archive. */
  public readonly rule: Rule;
  /** Sum of `DigestFilesInvalid`, `LogFilesInvalid` and `LogFilesMissing` ≥ 1 over 5 minutes. */
  public readonly invalidAlarm: IAlarm;
  /** Sum of `DigestFilesValid` and `DigestFilesInvalid` < 1 over `silenceAlarmPeriod` (missing data breaching). */
  public readonly silenceAlarm: IAlarm;
  /** Messages visible in the dead-letter queue ≥ 1 (maximum over 5 minutes). */
  public readonly deadLetterAlarm: IAlarm;

  constructor(scope: Construct, id: string, props: DigestValidatorProps) {
    super(scope, id);
    const P = 'DigestValidatorProps';
    checkProps(P, props, schemas.DigestValidatorProps(), ['logArchive', 'encryptionKey']);
    const silence = silenceHours(`${P}.silenceAlarmPeriod`, props.silenceAlarmPeriod ?? Duration.hours(2));
    const stack = Stack.of(this);
    const archive = props.logArchive;
    checkArchivePlace(`${P}.logArchive`, archive, stack);
    if (archive.eventBridgeEnabled !== true) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:digestValidatorImportedArchive',
        `The log archive ${archive.bucket.bucketName} is imported: its owner must enable Amazon EventBridge notifications on the bucket `
        + '(NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled, as LogArchive does), or no digest reaches the validator and its silence alarm fires.');
    }

    const { function: fn, deadLetterQueue } = baselineFunction(this, {
      asset: 'digest-validator',
      encryptionKey: props.encryptionKey,
      keyStatementSid: 'AllowCloudWatchLogsForDigestValidator',
      statements: [new PolicyStatement({ sid: 'ListCloudTrailPublicKeys', actions: [...CLOUDTRAIL_ACTIONS], resources: ['*'] })],
      grant: (grantee) => archive.grantRead(grantee),
      wildcardReason: 'cloudtrail:ListPublicKeys does not support resource-level permissions either; every other statement names its resource.',
      functionDescription: 'Checks each new CloudTrail digest file: signature, previous digest, log file hashes (cdk-cloudtrail-baseline)',
      policyDescription: 'CloudTrail digest validator (cdk-cloudtrail-baseline): read the log archive, CloudTrail public keys, own logs, traces, dead-letter queue',
      roleDescription: 'CloudTrail digest validator (cdk-cloudtrail-baseline)',
      deadLetterQueueReason: 'This queue is the dead-letter queue of the digest validator; a dead-letter queue has none of its own.',
      vpcReason: 'The validator reads the log archive bucket and calls CloudTrail ListPublicKeys; a VPC would need a NAT gateway or S3 and CloudTrail endpoints that the baseline does not own, without reducing exposure.',
      concurrencyReason: 'Reserved concurrency cannot be set in accounts with the default concurrency quota of 10 (the unreserved pool must stay >= 10); the validator runs once per digest file.',
      environment: { [ARCHIVE_BUCKET_ENV]: archive.bucket.bucketName },
      memorySize: 512,
      timeout: Duration.minutes(5),
      maxEventAge: Duration.hours(6),
    });
    this.function = fn;
    this.deadLetterQueue = deadLetterQueue;
    const policy = this.node.tryFindChild('Policy');
    if (policy) acknowledge(policy, archiveWildcards(archive), 'The validator reads every digest and log file of the log archive bucket (its ARN followed by /*), as LogArchive.grantRead() grants readers; it cannot write or delete.');

    this.rule = new Rule(this, 'Rule', {
      description: 'Sends each new CloudTrail digest file of the log archive to the digest validator (cdk-cloudtrail-baseline)',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [archive.bucket.bucketName] },
          object: { key: Match.wildcard(DIGEST_KEY_WILDCARD) },
        },
      },
      targets: [new LambdaFunction(fn, { deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });

    const metric = (name: string, period: Duration) => new Metric({ namespace: METRIC_NAMESPACE, metricName: name, statistic: Stats.SUM, period });
    const fiveMinutes = Duration.minutes(5);
    this.invalidAlarm = new Alarm(this, 'InvalidAlarm', {
      alarmDescription: 'A CloudTrail digest or log file in the log archive is invalid or missing: tampering, deletion or a broken digest chain. '
        + 'The digest validator\'s log names the files (Problems); confirm with the validate CLI or aws cloudtrail validate-logs (cdk-cloudtrail-baseline).',
      metric: new MathExpression({
        expression: 'FILL(digestInvalid, 0) + FILL(logInvalid, 0) + FILL(logMissing, 0)',
        usingMetrics: {
          digestInvalid: metric(METRICS.digestInvalid, fiveMinutes),
          logInvalid: metric(METRICS.logInvalid, fiveMinutes),
          logMissing: metric(METRICS.logMissing, fiveMinutes),
        },
        label: 'Invalid or missing digest and log files',
        period: fiveMinutes,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const silencePeriod = Duration.hours(silence);
    this.silenceAlarm = new Alarm(this, 'SilenceAlarm', {
      alarmDescription: `No CloudTrail digest file was checked for ${silence} hours: every trail writing to the log archive stopped, log file validation was turned off, `
        + 'or the archive bucket no longer sends events to EventBridge (cdk-cloudtrail-baseline).',
      metric: new MathExpression({
        expression: 'FILL(digestValid, 0) + FILL(digestInvalid, 0)',
        usingMetrics: {
          digestValid: metric(METRICS.digestValid, silencePeriod),
          digestInvalid: metric(METRICS.digestInvalid, silencePeriod),
        },
        label: 'Digest files checked',
        period: silencePeriod,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.BREACHING,
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'The digest validator failed on a digest after its retries (e.g. access denied, throttling): the event is in its dead-letter queue. '
        + 'Read the function\'s log, fix the cause, and validate the digest again (cdk-cloudtrail-baseline).',
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const actions = props.alarmActions ?? [];
    if (actions.length === 0) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:noDigestValidatorAlarmActions',
        `${P}.alarmActions is empty: an invalid or missing log file, or a digest chain gone silent, changes the alarms' state silently. Route them to the critical alarm actions.`);
    }
    for (const alarm of [this.invalidAlarm, this.silenceAlarm, this.deadLetterAlarm]) (alarm as Alarm).addAlarmAction(...actions);
  }
}

/** The whole hours of the silence period. @throws CloudTrailBaselineError unless 1 to 24 whole hours */
function silenceHours(property: string, period: Duration): number {
  const minutes = period.toMinutes({ integral: false });
  if (!Number.isInteger(minutes / 60) || minutes < 60 || minutes > 24 * 60) {
    throw new CloudTrailBaselineError(property, `must be a whole number of hours from 1 to 24 (got ${period.toHumanString()}): CloudTrail delivers a digest every hour`);
  }
  return minutes / 60;
}

/** The cdk-nag IDs of the object (and alias key) wildcards of the archive's read grant. */
function archiveWildcards(archive: ILogArchive): string[] {
  const ids: string[] = [];
  const cfn = archive.bucket.node.defaultChild;
  if (cfn instanceof CfnElement) {
    ids.push(`AwsSolutions-IAM5[Resource::<${Stack.of(cfn).getLogicalId(cfn)}.Arn>/*]`);
  } else if (isConcrete(archive.bucket.bucketArn)) {
    ids.push(`AwsSolutions-IAM5[Resource::${archive.bucket.bucketArn}/*]`);
  }
  const keyArn = archive.encryptionKeyArn;
  if (isConcrete(keyArn) && /:alias\//.test(keyArn)) {
    ids.push(`AwsSolutions-IAM5[Resource::${Arn.format({ ...Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME), resourceName: '*', resource: 'key' })}]`);
  }
  return ids;
}
