// CloudWatch Logs quotas on filter patterns, shared by Detection and DetectionAlarms. Internal: not
// exported from the package (lib/detections/index.ts does not re-export this file).

/**
 * The maximum length of a CloudWatch Logs filter pattern, in characters.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
 */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

/**
 * The maximum number of regular expressions (`%...%` values) in one CloudWatch Logs filter pattern.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
 */
export const MAX_REGEX_PER_FILTER_PATTERN = 2;

/** Where the CloudWatch Logs quotas on filter patterns and metric filters are published. */
export const CLOUDWATCH_LOGS_QUOTAS_URL = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html';
