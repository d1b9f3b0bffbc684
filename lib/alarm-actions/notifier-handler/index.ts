// The alarm notifier: a Lambda function that CloudWatch alarms invoke directly (Lambda alarm
// action). It publishes a readable notification of the alarm's state change to an SNS topic.
//
// Bundled with esbuild into assets/notifier/index.js at library build time; `@aws-sdk/*` is
// external because the Lambda Node.js runtime (24, the bundle's syntax target is node22) provides the AWS SDK for JavaScript v3.
// Self-contained: imports nothing from the rest of lib/.

// eslint-disable-next-line import/no-extraneous-dependencies -- provided by the Lambda runtime, not bundled
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOG_GROUP_NAME_ENV, MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE, TOPIC_ARN_ENV } from './contract';
import { formatNotification, isAlarmEvent } from './format';

/** What an invocation did. */
export interface NotifierResult {
  /** Whether a notification was published. */
  readonly published: boolean;
  /** The SNS message ID, when published. */
  readonly messageId?: string;
}

// Created once per execution environment and reused across invocations.
const sns = new SNSClient({});

/**
 * Publishes a readable notification of a CloudWatch alarm state change to the topic in `TOPIC_ARN`.
 *
 * @throws Error when `TOPIC_ARN` is not set, or when SNS rejects the message (so that Lambda retries
 * the asynchronous invocation and then sends it to the function's failure destination / DLQ).
 */
export async function handler(event: unknown): Promise<NotifierResult> {
  const topicArn = process.env[TOPIC_ARN_ENV]?.trim();
  if (!topicArn) {
    throw new Error(`The alarm notifier needs the environment variable ${TOPIC_ARN_ENV} (the ARN of the SNS topic to publish to); it is not set.`);
  }

  if (!isAlarmEvent(event)) {
    console.warn('Ignoring an event that is not a CloudWatch alarm event (it has no alarmData object).', describe(event));
    return { published: false };
  }

  const notification = formatNotification(event, {
    logGroupName: process.env[LOG_GROUP_NAME_ENV]?.trim() || undefined,
  });

  const output = await sns.send(new PublishCommand({
    TopicArn: topicArn,
    Subject: notification.subject,
    Message: notification.message,
    MessageAttributes: {
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: NOTIFICATION_MESSAGE_TYPE },
    },
  }));

  console.log(JSON.stringify({
    message: 'Published alarm notification',
    alarmArn: event.alarmArn,
    state: event.alarmData.state?.value,
    messageId: output.MessageId,
  }));
  return { published: true, messageId: output.MessageId };
}

/** A short, safe description of an unexpected event for the log: its type and top-level keys. */
function describe(event: unknown): string {
  if (typeof event !== 'object' || event === null) {
    return `type=${event === null ? 'null' : typeof event}`;
  }
  return `keys=${Object.keys(event).slice(0, 20).join(',')}`;
}
