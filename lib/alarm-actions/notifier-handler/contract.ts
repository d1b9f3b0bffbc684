// The contract between the alarm notifier Lambda handler (this folder) and the construct that
// deploys it. Constants only and no imports: the construct side imports this file, and the
// handler bundle must not pull anything else in.

/**
 * The SNS message attribute the notifier sets on every message it publishes. Email subscriptions
 * filter on it so that humans receive only the readable notification.
 */
export const MESSAGE_TYPE_ATTRIBUTE = 'baseline_message_type';

/** The value of `MESSAGE_TYPE_ATTRIBUTE` on the readable notification. */
export const NOTIFICATION_MESSAGE_TYPE = 'notification';

/** Environment variable with the ARN of the SNS topic the notifier publishes to (required). */
export const TOPIC_ARN_ENV = 'TOPIC_ARN';

/**
 * Environment variable with the name of the CloudTrail log group, for the CloudWatch Logs
 * Insights link in the notification (optional: no link without it).
 */
export const LOG_GROUP_NAME_ENV = 'LOG_GROUP_NAME';
