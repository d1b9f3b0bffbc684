import { InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { DataEvents, ManagementEventsOptions } from './event-selectors';
import { NetworkActivityEvents } from './network-activity-events';
import { DataEventsAggregation, InsightEventCategory } from './trail-event-options';
import { ILogArchive } from '../log-archive/ilog-archive';
import { TrailDescription } from '../organization/trail-description';

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
