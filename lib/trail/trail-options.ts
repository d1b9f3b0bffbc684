import { InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { DataEvents, ManagementEventsOptions } from './event-selectors';
import { NetworkActivityEvents } from './network-activity-events';
import { DataEventsAggregation, InsightEventCategory } from './trail-event-options';

/**
 * What a trail logs and where besides the archive: the options `BaselineTrail` and
 * `CloudTrailBaseline` share (the baseline passes them to its trail).
 */
export interface TrailOptions {
  /**
   * How long the CloudWatch Logs copy of the events is kept. At least one year, which the
   * Control Tower proactive control CT.CLOUDWATCH.PR.2 requires. The S3 archive is the long-term
   * record.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: RetentionDays;

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
   * Add `Detections.vpcEndpointAccessDenied()` to the detections to alarm on the denials.
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
