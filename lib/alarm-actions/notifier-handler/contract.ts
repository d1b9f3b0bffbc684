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
 * Environment variable with the name of the CloudTrail log group: where the notifier looks for
 * the detection's metric filter and events, and the log group of the CloudWatch Logs Insights link
 * (optional: without it the notifier searches every log group, which its role does not allow by
 * default, and the message says so).
 */
export const LOG_GROUP_NAME_ENV = 'LOG_GROUP_NAME';

/**
 * The default of `MAX_EVENTS_ENV` in the handler (when the variable is absent): further matching
 * events are counted, not described.
 */
export const DEFAULT_MAX_DETAILED_EVENTS = 10;

/** The highest value `MAX_EVENTS_ENV` accepts (higher values are lowered to it, 0 is raised to 1). */
export const MAX_DETAILED_EVENTS_LIMIT = 50;

/** The kinds of chat webhook the notifier can post to. */
export const CHAT_WEBHOOK_KINDS = ['slack', 'teams', 'generic'] as const;

/**
 * Environment variable with the timeout of one webhook request in milliseconds (optional, from
 * 50 to 30000, default `DEFAULT_WEBHOOK_TIMEOUT_MS`).
 */
export const WEBHOOK_TIMEOUT_MS_ENV = 'WEBHOOK_TIMEOUT_MS';

/** The default of `WEBHOOK_TIMEOUT_MS_ENV`. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;

/**
 * The CloudWatch Logs actions the notifier calls to find the events behind an alarm:
 * `DescribeMetricFilters` and `FilterLogEvents`, granted on the CloudTrail log group only
 * (`AlarmNotificationsProps.cloudTrailLogGroup`). Searching other log groups (no `LOG_GROUP_NAME`)
 * would need `log-group:*` of the account and region, which the construct does not grant.
 */
export const ENRICHMENT_LOGS_ACTIONS = ['logs:DescribeMetricFilters', 'logs:FilterLogEvents'] as const;

/** The Secrets Manager action the notifier calls to read the chat webhook URLs (on each secret). */
export const WEBHOOK_SECRET_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/**
 * Environment variable with the chat webhooks the notifier posts to (optional: none without it):
 * a JSON array of `{ "kind": "slack" | "teams" | "generic", "secretArn": "<Secrets Manager ARN>" }`,
 * each with optional `"metricNames": [...]` and `"severities": [...]` (then the webhook receives
 * only the alarms on those metrics or whose description names one of those severities).
 * The secret's value (`SecretString`) is the webhook URL, or a JSON object `{ "url": "..." }`; the
 * URL must be `https:`. The URL itself never appears in the environment.
 */
export const CHAT_WEBHOOKS_ENV = 'CHAT_WEBHOOKS';

/**
 * Environment variable with the maximum number of CloudTrail events the notifier quotes in one
 * notification (a whole number from 1 to 50, as a string; the construct sets `10` by default).
 */
export const MAX_EVENTS_ENV = 'MAX_EVENTS';

/**
 * The key of the EventBridge fast path's input to the notifier (`DetectionFastPath`): an object
 * with the detection (`detectionId`, `title`, `severity`, `controls`, `description`,
 * `remediation`) next to the event's `id`, `detail-type`, `source`, `account`, `region`, `time`
 * and `detail` (the CloudTrail record).
 */
export const FAST_PATH_EVENT_KEY = 'baselineFastPath';
