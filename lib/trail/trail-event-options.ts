// Public enums of the trail's 2025-26 event options (Insights on data events, aggregation).

/**
 * The events CloudTrail Insights analyses (`InsightSelectors[].EventCategories`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudtrail-trail-insightselector.html
 */
export enum InsightEventCategory {
  /** Management events (the default): API call rate of write events, error rate of read and write events. */
  MANAGEMENT = 'Management',
  /**
   * Data events (trails only, not event data stores): API call rate and error rate of the trail's data
   * events. Each Insights type analyses every data event, billed per event analyzed like management
   * Insights ($0.35 per 100,000 events analyzed, list price).
   */
  DATA = 'Data',
}

/**
 * A template by which CloudTrail aggregates a trail's data events into 5-minute summaries
 * (`AggregationConfigurations`, `EventCategory = Data`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/aggregating-data-events.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AggregationConfiguration.html
 */
export enum DataEventsAggregation {
  /** Summaries by API call: frequency, callers, source. */
  API_ACTIVITY = 'API_ACTIVITY',
  /** Summaries by resource: how often, by whom and with which actions each resource was accessed. */
  RESOURCE_ACCESS = 'RESOURCE_ACCESS',
  /** Summaries by IAM principal: what each principal did. */
  USER_ACTIONS = 'USER_ACTIONS',
}
