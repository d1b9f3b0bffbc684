import { Annotations, Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import { CfnTrail, InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { OnEventOptions, Rule } from 'aws-cdk-lib/aws-events';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { ILogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkArchiveNotSelected } from './archive-selection';
import { createCloudWatchLogsDelivery } from './cloudwatch-logs-delivery';
import { allowDeliveryNotifications } from './delivery-notifications';
import { checkInsights, renderAdvancedEventSelectors } from './event-selection';
import { DataEvents, ManagementEventsOptions } from './event-selectors';
import { renderAggregations, renderInsightSelectors } from './insight-selection';
import { NetworkActivityEvents } from './network-activity-events';
import { DataEventsAggregation, InsightEventCategory } from './trail-event-options';
import { isDelegatedAdministrator, resolveTrailDescription } from './trail-identity';
import { watchTrailQuota } from './trail-quota';
import { ILogArchive } from '../log-archive/ilog-archive';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { claimPhysicalName } from '../private/physical-names';
import { checkNoDuplicates, checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { isConcrete, knownPartitionOf } from '../private/validate';

/**
 * Properties of a `BaselineTrail`.
 *
 * Say which trail to create in exactly one way: either `description` (a `TrailDescription` shared
 * with the log archive's stack), or `trailName` with, for an organization trail,
 * `isOrganizationTrail`, `organizationId` and `managementAccountId`.
 */
export interface BaselineTrailProps {
  /** The log archive the trail delivers to: in this stack, or imported from another account. */
  readonly logArchive: ILogArchive;

  /**
   * The trail, described once and shared with the log archive's stack: owner account, home
   * region, name and, for an organization trail, organization ID. Its region must be this stack's
   * region; for an account trail its owner must be this stack's account. An organization trail
   * whose management account is not this stack's account is created from a CloudTrail delegated
   * administrator account (see `BaselineTrail`).
   *
   * @default - built from `trailName`, `isOrganizationTrail`, `organizationId` and `managementAccountId`
   * @throws when combined with any of those properties, or when its region or (account trail) owner
   * differs from this stack's
   */
  readonly description?: TrailDescription;

  /**
   * The trail name. Literal: the bucket and key policies bind `aws:SourceArn` to the trail ARN,
   * which contains the name (without it, aws-cdk-lib's `Trail` produced `trail/undefined`,
   * aws-cdk#31400). 3-128 letters, digits, `.`, `_`, `-`.
   *
   * @default - none: required unless `description` is given
   */
  readonly trailName?: string;

  /**
   * Whether the trail logs every account of the organization. Create it in the management account
   * or a CloudTrail delegated administrator account, with `organizationId`.
   *
   * @default false
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * The AWS Organizations ID (`o-...`). Required for an organization trail: the bucket policy lets
   * the trail write under `AWSLogs/<organizationId>/`.
   *
   * @default - none; an error if `isOrganizationTrail` is true
   */
  readonly organizationId?: string;

  /**
   * The organization's management account, which owns an organization trail even when a CloudTrail
   * delegated administrator account creates it. Set it when this stack is in the delegated
   * administrator account: the trail ARN, and so the `aws:SourceArn` of the bucket and key
   * policies, then names the management account, as CloudTrail requires.
   *
   * @default - this stack's account (the management account creates the trail)
   * @throws when set for an account trail
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
   */
  readonly managementAccountId?: string;

  /**
   * How long the CloudWatch Logs copy of the events is kept. At least one year, which the
   * Control Tower proactive control CT.CLOUDWATCH.PR.2 requires. The S3 archive is the long-term
   * record.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: RetentionDays;

  /**
   * The name of the CloudWatch Logs group the trail delivers to, where the detections' metric
   * filters run. The group is created here, with this exact name, and the filters refer to it.
   *
   * @default 'cloudtrail/<trailName>'
   * @throws when it has characters CloudWatch Logs refuses or is over 512 characters
   */
  readonly logGroupName?: string;

  /**
   * The KMS key that encrypts the log group. Its policy must let
   * `logs.<region>.amazonaws.com` use it for this log group.
   *
   * @default - a new customer managed key with rotation and that policy
   */
  readonly logGroupEncryptionKey?: IKey;

  /**
   * An SNS topic notified each time CloudTrail delivers a log file to the archive. The trail names
   * it by ARN (CloudTrail accepts a topic name or ARN; the ARN also works for a topic in another
   * account). The topic policy gets a statement allowing `cloudtrail.amazonaws.com` to
   * `sns:Publish`, bound to this trail with `aws:SourceArn`, and a topic encrypted with a customer
   * managed key gets the matching key policy statement. An imported topic or key cannot be changed
   * from here: a synth warning prints the statement to add.
   *
   * @default - no delivery notifications
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html
   */
  readonly deliveryNotificationTopic?: ITopic;

  /**
   * Which management events the trail logs: read and/or write, and whether to leave out AWS KMS or
   * Amazon RDS Data API events. Rendered as the trail's first advanced event selector
   * (`eventCategory = Management`), which is always present unless `readWriteType` is `NONE`.
   * Anything but all management events weakens the CIS detections and fails Security Hub
   * CloudTrail.1: the trail warns.
   *
   * @default - all read and write management events
   */
  readonly managementEvents?: ManagementEventsOptions;

  /**
   * Data events to log, one advanced event selector each (S3 objects, Lambda invocations,
   * DynamoDB items). S3 selections always exclude the log archive bucket and, when the archive
   * knows it, its access-logs bucket: otherwise the trail would log its own deliveries (Landing
   * Zone Accelerator #1192). At most 500 condition values in all selectors (a synth-time error).
   *
   * @default - no data events
   */
  readonly dataEvents?: DataEvents[];

  /**
   * CloudTrail Insights types to enable (`InsightType.API_CALL_RATE`, `InsightType.API_ERROR_RATE`).
   * `ApiCallRateInsight` needs write management events, `ApiErrorRateInsight` read or write ones
   * (a synth-time error otherwise). Insights events are charged.
   *
   * @default - no Insights
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html
   */
  readonly insightTypes?: InsightType[];

  /**
   * The events the Insights types analyse: management events, data events (trails only), or both
   * (`InsightSelectors[].EventCategories`). `DATA` needs `dataEvents` (a synth-time error otherwise).
   * Costs: $0.35 per 100,000 events analyzed (list price), per Insights type; on data events each
   * type analyses every data event, so both types on 10 million S3 object operations a month cost
   * about $70 a month.
   *
   * @default - management events only (CloudFormation's default)
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/insights-events-costs.html
   */
  readonly insightEventCategories?: InsightEventCategory[];

  /**
   * Network activity events to log: AWS API calls through the account's VPC endpoints, one advanced
   * event selector per event source (`eventCategory = NetworkActivity`, `eventSource`, and with
   * `NetworkActivityEvents.vpceAccessDenied()` `errorCode = VpceAccessDenied`). Billed as data events,
   * $0.10 per 100,000 events delivered (list price): denials only are few and cheap; `all()` can be
   * as many as the services' data events. Each source counts 2 to 3 condition values of the 500
   * (plus its VPC endpoint IDs); the same source in two entries is a synth-time error.
   *
   * @default - no network activity events
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
   */
  readonly networkActivityEvents?: NetworkActivityEvents[];

  /**
   * Aggregate the trail's data events into 5-minute summaries with these templates
   * (`AggregationConfigurations`, `EventCategory = Data`). Needs `dataEvents` (a synth-time error
   * otherwise). CloudTrail bills aggregated events on its pricing page; this library states no price
   * it has not verified.
   *
   * @default - no aggregation
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/aggregating-data-events.html
   */
  readonly dataEventsAggregations?: DataEventsAggregation[];
}

/**
 * A multi-region CloudTrail trail, for one account or a whole organization, delivering to a log
 * archive and to a KMS-encrypted CloudWatch Logs group.
 *
 * Always on: multi-region, global service events, log file validation, SSE-KMS with the archive's
 * key, an explicit name. CloudWatch Logs delivery goes through a role allowed to create and write
 * only CloudTrail's own log streams (`<owner account>_CloudTrail_<region>*` and, for an
 * organization trail, `<organizationId>_*`).
 *
 * The trail binds itself to the log archive (`ILogArchive.bindTrail`): a `LogArchive` adds the
 * bucket and key policies bound to its ARN and, in the same stack, the trail is created after them,
 * as CloudTrail checks them at creation; an imported archive warns with the statements to add.
 *
 * Two set-ups for an organization trail:
 * - **From the management account** (the default): the stack is in the management account, which
 *   owns the trail: `arn:<partition>:cloudtrail:<region>:<management account>:trail/<name>`.
 * - **From a CloudTrail delegated administrator account**: the stack is in a member account that
 *   the management account registered as delegated administrator; set `managementAccountId` (or
 *   give a `description` whose management account is not this stack's). The management account
 *   still owns the trail, so its ARN, and the `aws:SourceArn` that the bucket and key policies
 *   require, name the management account ("the value of aws:SourceArn must be a trail ARN that is
 *   owned by the management account"). A synth warning lists two caveats to check before deploying:
 *   CloudFormation's `AWS::CloudTrail::Trail` fails when created from a delegated administrator
 *   account (it starts logging by trail name, not ARN: cloudformation-coverage-roadmap#1932), and
 *   CloudTrail takes a CloudWatch Logs group and role of the trail owner's account (CreateTrail:
 *   "a log group that exists in your account"), while this stack creates them in its own.
 *
 * Limits checked at synth time: trail names CloudTrail accepts (errors), the archive key in the
 * bucket's region (error), and more than 5 trails in one stack (an error at synth: CloudTrail allows
 * 5 per region and account, a hard quota).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-an-organizational-trail-by-using-the-aws-cli.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 * @see https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1932
 */
export class BaselineTrail extends Construct {
  /**
   * An EventBridge rule on "AWS API Call via CloudTrail" events, like aws-cdk-lib's
   * `Trail.onEvent`. Narrow it with `options.eventPattern` (e.g. `source`, `detail.eventName`).
   *
   * EventBridge sees only the events of the account and region the rule is in: a rule in the
   * management account does not see member accounts' calls, and a rule in one region does not
   * see calls made in another, even with a multi-region organization trail. Events arrive in
   * seconds, where the CloudWatch Logs copy takes minutes.
   *
   * @param scope where the rule is created
   * @param id the rule's construct ID
   * @param options the rule's options: target, name, description, extra event pattern
   */
  public static onEvent(scope: Construct, id: string, options: OnEventOptions = {}): Rule {
    const rule = new Rule(scope, id, options);
    rule.addTarget(options.target);
    rule.addEventPattern({ detailType: ['AWS API Call via CloudTrail'] });
    return rule;
  }

  /** The trail's description: owner, region, name, organization. Share it with the log archive. */
  public readonly description: TrailDescription;
  /** The trail ARN, known at synth time. */
  public readonly trailArn: string;
  /** The trail name. */
  public readonly trailName: string;
  /** The CloudWatch Logs group the trail delivers to. */
  public readonly logGroup: ILogGroup;
  /** The key that encrypts the log group. */
  public readonly logGroupEncryptionKey: IKey;
  /** The underlying `AWS::CloudTrail::Trail` resource. */
  public readonly cfnTrail: CfnTrail;

  constructor(scope: Construct, id: string, props: BaselineTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    checkProps('BaselineTrailProps', props, schemas.BaselineTrailProps(), ['logArchive']);
    checkNoDuplicates('BaselineTrailProps.insightTypes', props.insightTypes, (t) => t.value, 'Insights type');
    if (props.logGroupEncryptionKey) checkLogGroupKeyPlace(props.logGroupEncryptionKey, stack);
    checkArchiveNotSelected(props.logArchive, props.dataEvents, stack, 'BaselineTrailProps.dataEvents');
    this.description = resolveTrailDescription(stack, props, 'BaselineTrailProps');
    this.trailName = this.description.trailName;
    this.trailArn = this.description.trailArn;
    claimPhysicalName(this, 'CloudTrail trail', this.trailName, props.description ? 'BaselineTrailProps.description' : 'BaselineTrailProps.trailName');
    const archive = props.logArchive;
    checkKeyRegion(archive);

    const delivery = createCloudWatchLogsDelivery(this, {
      description: this.description,
      retention: props.cloudWatchLogsRetention,
      logGroupName: props.logGroupName,
      encryptionKey: props.logGroupEncryptionKey,
    });
    this.logGroupEncryptionKey = delivery.encryptionKey;
    this.logGroup = delivery.logGroup;

    const insightTypes = props.insightTypes ?? [];
    // Insights on management events need the management events they analyse (not for DATA alone).
    if (props.insightEventCategories === undefined || props.insightEventCategories.includes(InsightEventCategory.MANAGEMENT)) {
      checkInsights(insightTypes, props.managementEvents, 'BaselineTrailProps');
    }
    // The archive lets this trail deliver (its policies, or a warning) and says where to.
    const target = archive.bindTrail(this, this.description);
    const hasDataEvents = (props.dataEvents ?? []).length > 0;
    const insightSelectors = renderInsightSelectors({
      insightTypes, insightEventCategories: props.insightEventCategories, hasDataEvents, propsName: 'BaselineTrailProps',
    });
    const aggregationConfigurations = renderAggregations(props.dataEventsAggregations, hasDataEvents, 'BaselineTrailProps');
    const advancedEventSelectors = renderAdvancedEventSelectors(this, {
      managementEvents: props.managementEvents,
      dataEvents: props.dataEvents,
      networkActivityEvents: props.networkActivityEvents,
      // The trail's own deliveries, and the access logs of those deliveries.
      excludedBucketArns: target.excludedBucketArns,
      partition: this.description.partition,
      propsName: 'BaselineTrailProps',
    });

    if (target.excludedBucketArns.length < 2 && (props.dataEvents ?? []).some((d) => d._spec?.kind === 's3')) {
      Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:s3DataEventsAccessLogsBucketUnknown',
        'BaselineTrailProps.dataEvents selects S3 data events, but the log archive does not name its access-logs bucket, which therefore is not excluded: '
        + 'each log delivery is then logged as a data event of that bucket. Pass LogArchiveAttributes.accessLogsBucketName.');
    }
    const topic = props.deliveryNotificationTopic;
    const topicDependencies = topic ? allowDeliveryNotifications(this, topic, this.trailArn, this.trailName) : [];

    this.cfnTrail = new CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: this.description.isOrganizationTrail,
      s3BucketName: target.bucketName,
      s3KeyPrefix: target.s3KeyPrefix,
      kmsKeyId: target.encryptionKeyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: delivery.role.roleArn,
      snsTopicName: topic?.topicArn,
      advancedEventSelectors,
      insightSelectors,
      aggregationConfigurations,
    });
    // CloudTrail checks the role, the bucket policy, the key policy and the topic policy when the
    // trail is created.
    this.cfnTrail.node.addDependency(delivery.role, delivery.policy, ...topicDependencies, ...(target.dependables ?? []));
    watchTrailQuota(stack);
    if (isDelegatedAdministrator(this.description, stack)) {
      this.warnDelegatedAdministrator(props.description ? 'BaselineTrailProps.description' : 'BaselineTrailProps.managementAccountId');
    }
  }

  /**
   * An EventBridge rule, under this trail, on "AWS API Call via CloudTrail" events: the static
   * `BaselineTrail.onEvent` in this trail's scope (jsii forbids a static and an instance method of
   * one name; `onCloudTrailEvent` was the instance name of older aws-cdk-lib `Trail` releases).
   * EventBridge sees only the events of this stack's account and region, not those of the
   * organization's other accounts or regions.
   *
   * @param id the rule's construct ID, under this trail
   * @param options the rule's options: target, name, description, extra event pattern
   */
  public onCloudTrailEvent(id: string, options: OnEventOptions = {}): Rule {
    return BaselineTrail.onEvent(this, id, options);
  }

  private warnDelegatedAdministrator(property: string): void {
    const stack = Stack.of(this);
    Annotations.of(this).addWarningV2('cdk-cloudtrail-baseline:delegatedAdministrator',
      `${property}: this stack (account ${stack.account}) creates organization trail ${this.trailArn}, owned by the management account `
      + `${this.description.ownerAccountId}: it must be a CloudTrail delegated administrator account. The bucket and key policies must allow that ARN `
      + '(they do when the archive\'s stack uses the same TrailDescription). Check two things before deploying: CloudFormation\'s AWS::CloudTrail::Trail '
      + 'fails when created from a delegated administrator account (it starts logging by trail name, not ARN: TrailNotFoundException; '
      + 'https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1932), and CloudTrail takes a CloudWatch Logs group and role of the '
      + `trail owner's account, while this stack creates them in account ${stack.account}. Creating the trail from the management account avoids both.`);
  }
}

/**
 * CloudTrail requires the KMS key and the bucket in the same region. An imported archive checks
 * this itself; this catches any other `ILogArchive`.
 */
function checkKeyRegion(archive: ILogArchive): void {
  const keyArn = archive.encryptionKeyArn;
  if (!isConcrete(keyArn) || !isConcrete(archive.region) || !/^arn:[^:]+:kms:[^:]+:/.test(keyArn)) return;
  const keyRegion = Arn.split(keyArn, ArnFormat.SLASH_RESOURCE_NAME).region;
  if (keyRegion && keyRegion !== archive.region) {
    throw new CloudTrailBaselineError('BaselineTrailProps.logArchive',
      `has its KMS key in ${keyRegion} (${keyArn}) but its bucket in ${archive.region}: CloudTrail requires the key and the bucket in the same region`);
  }
}

/**
 * CloudWatch Logs uses a KMS key of the log group's own region ("the KMS key must be in the same
 * Region as the log group"), and a key of another partition cannot be used at all. Compared when
 * both sides are known: the key's ARN (an imported key, `Key.fromKeyArn`) or its stack's region.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
function checkLogGroupKeyPlace(key: IKey, stack: Stack): void {
  const property = 'BaselineTrailProps.logGroupEncryptionKey';
  const arn = isConcrete(key.keyArn) && /^arn:[^:]+:kms:[^:]*:/.test(key.keyArn) ? Arn.split(key.keyArn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
  const keyRegion = arn?.region || key.env?.region;
  if (isConcrete(keyRegion) && isConcrete(stack.region) && keyRegion !== stack.region) {
    throw new CloudTrailBaselineError(property,
      `is a key in ${keyRegion}, but the log group is in ${stack.region}: CloudWatch Logs only uses a KMS key of the log group's own region`);
  }
  const keyPartition = arn?.partition;
  const partition = isConcrete(stack.region) ? knownPartitionOf(stack.region) : undefined;
  if (keyPartition !== undefined && isConcrete(keyPartition) && partition !== undefined && keyPartition !== partition) {
    throw new CloudTrailBaselineError(property,
      `is a key of partition '${keyPartition}', but the log group is in partition '${partition}' (region ${stack.region}): partitions do not share keys`);
  }
}
