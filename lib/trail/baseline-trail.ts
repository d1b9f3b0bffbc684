import { Annotations, Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { OnEventOptions, Rule } from 'aws-cdk-lib/aws-events';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { checkArchiveNotSelected } from './archive-selection';
import { BaselineTrailProps } from './baseline-trail-props';
import { createCloudWatchLogsDelivery } from './cloudwatch-logs-delivery';
import { allowDeliveryNotifications } from './delivery-notifications';
import { checkInsights, renderAdvancedEventSelectors } from './event-selection';
import { renderAggregations, renderInsightSelectors } from './insight-selection';
import { InsightEventCategory } from './trail-event-options';
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
