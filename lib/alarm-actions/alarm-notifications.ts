import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaAction, SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventField, IRuleTarget, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { ITopic, SubscriptionFilter, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import {
  EmailSubscription, LambdaSubscription, SqsSubscription, UrlSubscription,
} from 'aws-cdk-lib/aws-sns-subscriptions';
import { IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmNotifierFunction } from './alarm-notifier-function';
import { allowCloudWatchAlarms } from './alarm-topic-policy';
import { ChatWebhook } from './chat-webhook';
import { checkHttpsEndpoint, checkMaxEvents, checkTopicName } from './checks';
import { IAlarmNotifications } from './ialarm-notifications';
import { FAST_PATH_EVENT_KEY, MESSAGE_TYPE_ATTRIBUTE, NOTIFICATION_MESSAGE_TYPE } from './notifier-handler/contract';
import { Detection } from '../detections/detection';
import { AlarmTopicRuleTarget } from '../fast-path/alarm-topic-rule-target';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { baselineKey } from '../private/keys';
import { claimPhysicalName } from '../private/physical-names';
import { checkNoDuplicates, checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkEmail } from '../private/validate';

/**
 * Where alarm notifications go and how they are delivered: the options of `AlarmNotifications`
 * that `CloudTrailBaseline` passes through (`CloudTrailBaselineProps.notificationOptions`).
 *
 * The topic carries two kinds of messages: CloudWatch's raw alarm JSON (from the SNS alarm
 * action; no message attribute) and, with the notifier on, the notifier's readable notification
 * (message attribute `baseline_message_type` = `notification`, see
 * `AlarmNotifications.MESSAGE_TYPE_ATTRIBUTE`). Email receives only the readable one; HTTPS, SQS
 * and Lambda subscribers receive both, in the SNS envelope (raw message delivery off, so the
 * attribute is visible in `MessageAttributes`).
 */
export interface AlarmNotificationsOptions {
  /**
   * Email addresses subscribed to the topic. Each recipient must confirm the subscription; with
   * the notifier on, they receive only its readable messages (a subscription filter policy on the
   * `baseline_message_type` attribute), not CloudWatch's raw alarm JSON.
   *
   * @default - no email subscription
   * @throws when an entry is not an email address
   */
  readonly emailAddresses?: string[];

  /**
   * HTTPS endpoints subscribed to the topic (e.g. an incident management integration such as
   * PagerDuty's or Opsgenie's CloudWatch integration URL). SNS first posts a subscription
   * confirmation the endpoint must confirm. They receive every message: the raw alarm JSON and the
   * readable notification (attribute `baseline_message_type` = `notification`).
   *
   * @default - no HTTPS subscription
   * @throws when an entry is not an `https://` URL (`http://` is refused)
   * @see https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html
   */
  readonly httpsEndpoints?: string[];

  /**
   * SQS queues subscribed to the topic (e.g. a SIEM or ticketing intake). They receive every
   * message in the SNS envelope; a queue encrypted with a customer managed key must let
   * `sns.amazonaws.com` use the key (aws-cdk-lib adds this for keys of this app).
   *
   * @default - no SQS subscription
   * @see https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
   */
  readonly sqsQueues?: IQueue[];

  /**
   * Lambda functions subscribed to the topic (e.g. your own automation). They receive every
   * message (`event.Records[].Sns`, with `MessageAttributes`); filter on
   * `baseline_message_type` to tell the readable notification from the raw alarm JSON.
   *
   * @default - no Lambda subscription
   */
  readonly lambdaSubscribers?: IFunction[];

  /**
   * Chat channels (Slack, Microsoft Teams, generic webhooks) the notifier posts the readable
   * notification to. The webhook URLs stay in Secrets Manager. Needs the notifier.
   *
   * @default - no chat channel
   * @throws when set with `notifier: false`
   */
  readonly chatWebhooks?: ChatWebhook[];

  /**
   * An existing topic to use instead of creating one. A topic of this app (`new Topic`) gets the
   * statement that lets CloudWatch alarms of this account and region publish, and TLS-only
   * publishing; its key (if any) gets the statement that lets CloudWatch use it. For an imported
   * topic, or an imported key, synth warns with the exact statements its owner must add.
   *
   * @default - a new topic encrypted with this construct's key
   * @throws when combined with `topicName`
   */
  readonly topic?: ITopic;

  /**
   * The name of the new topic. Not with `topic`.
   *
   * @default - generated by CloudFormation
   */
  readonly topicName?: string;

  /**
   * Whether to deploy the notifier Lambda and make it an alarm action. This switch is a boolean;
   * the function it deploys is `AlarmNotifications.notifier` (an `IFunction`, undefined when
   * false). `CloudTrailBaseline` takes it here, in `notificationOptions` (its own `notifier`
   * shortcut is deprecated).
   *
   * @default true
   */
  readonly notifier?: boolean;

  /**
   * The most CloudTrail events the notifier quotes in one notification (1-50). Needs the notifier.
   *
   * @default 10
   * @throws when not a whole number from 1 to 50, or when set with `notifier: false`
   */
  readonly maxEventsPerNotification?: number;
}

/**
 * Properties of `AlarmNotifications`.
 */
export interface AlarmNotificationsProps extends AlarmNotificationsOptions {
  /**
   * The trail's CloudWatch Logs group. The notifier links to it (CloudWatch Logs Insights) and
   * quotes the CloudTrail events behind an alarm, with `logs:DescribeMetricFilters` and
   * `logs:FilterLogEvents` on this log group only.
   *
   * @default - no link and no events in the notifications
   * @throws when set with `notifier: false` (only the notifier reads it)
   */
  readonly cloudTrailLogGroup?: ILogGroup;
}

/**
 * Where the baseline's alarms go: an SNS topic encrypted with a customer managed key (or an
 * existing topic), its subscriptions (email, HTTPS, SQS, Lambda), and the alarm notifier Lambda
 * (which also posts to chat webhooks).
 *
 * - The key policy lets `cloudwatch.amazonaws.com` use the key (`kms:GenerateDataKey*`,
 *   `kms:Decrypt`): with the AWS managed key `alias/aws/sns`, alarm notifications fail silently.
 * - The topic policy lets CloudWatch publish only for alarms of this account and region
 *   (`aws:SourceAccount`, `aws:SourceArn`) and denies publishing without TLS.
 * - Every subscription has the dead-letter queue (14 days, KMS) for messages SNS cannot deliver.
 * - `alarmActions` holds the SNS action (Security Hub's CloudWatch controls need an SNS topic with a
 *   subscriber) and the Lambda action of the notifier.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
 */
export class AlarmNotifications extends Construct implements IAlarmNotifications {
  /**
   * The SNS message attribute the notifier sets on its readable messages. Subscribe humans with a
   * filter policy on it (value `NOTIFICATION_MESSAGE_TYPE`) so they receive only those, not
   * CloudWatch's raw alarm JSON; machines that want only the raw JSON filter on
   * `{ "baseline_message_type": [{ "exists": false }] }`.
   */
  public static readonly MESSAGE_TYPE_ATTRIBUTE: string = MESSAGE_TYPE_ATTRIBUTE;
  /** The value of `MESSAGE_TYPE_ATTRIBUTE` on the notifier's readable messages. */
  public static readonly NOTIFICATION_MESSAGE_TYPE: string = NOTIFICATION_MESSAGE_TYPE;

  /** The alarm topic (created here, or `AlarmNotificationsProps.topic`). */
  public readonly topic: ITopic;
  /**
   * The customer managed key of the notifier's dead-letter queue and log group, and of the topic
   * when it is created here.
   */
  public readonly encryptionKey: IKey;
  /**
   * The dead-letter queue (14 days) of the notifier's failed invocations and of messages the
   * subscriptions could not deliver.
   */
  public readonly deadLetterQueue: IQueue;
  /** The notifier function, when enabled (`AlarmNotificationsOptions.notifier`, the switch, is true). */
  public readonly notifier?: IFunction;
  /** The alarm action that publishes CloudWatch's alarm JSON to the topic (an `SnsAction`). */
  public readonly topicAlarmAction: IAlarmAction;
  /**
   * The alarm action that invokes the notifier (a `LambdaAction` with one permission per alarm),
   * when enabled. Leave it out of the actions of alarms on the notifier itself.
   */
  public readonly notifierAlarmAction?: IAlarmAction;
  /** Whether the key policy lets EventBridge use the key (`ruleTargetFor`). */
  private eventBridgeAllowed = false;

  constructor(scope: Construct, id: string, props: AlarmNotificationsProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    checkProps('AlarmNotificationsProps', props, schemas.AlarmNotificationsProps());
    const withNotifier = props.notifier ?? true;
    const TWICE = 'one endpoint gets one subscription (aws-cdk-lib refuses a second identical one)';
    checkNoDuplicates('AlarmNotificationsProps.emailAddresses', props.emailAddresses, (e) => (Token.isUnresolved(e) ? e : e.toLowerCase()), 'email address', TWICE);
    checkNoDuplicates('AlarmNotificationsProps.httpsEndpoints', props.httpsEndpoints, (u) => u, 'endpoint', TWICE);
    checkNoDuplicates('AlarmNotificationsProps.sqsQueues', props.sqsQueues, (q) => q, 'queue', TWICE);
    checkNoDuplicates('AlarmNotificationsProps.lambdaSubscribers', props.lambdaSubscribers, (f) => f, 'function', TWICE);
    checkNoDuplicates('AlarmNotificationsProps.chatWebhooks', props.chatWebhooks, (w) => w.secret, 'webhook secret', 'the notifier would post every notification twice to that channel');
    if (props.topicName !== undefined) checkTopicName('AlarmNotificationsProps.topicName', props.topicName);
    claimPhysicalName(this, 'SNS topic', props.topicName, 'AlarmNotificationsProps.topicName');
    (props.emailAddresses ?? []).forEach((email, i) => checkEmail(`AlarmNotificationsProps.emailAddresses[${i}]`, email));
    (props.httpsEndpoints ?? []).forEach((url, i) => checkHttpsEndpoint(`AlarmNotificationsProps.httpsEndpoints[${i}]`, url));
    if (props.topic && props.topicName !== undefined) {
      throw new CloudTrailBaselineError('AlarmNotificationsProps.topicName', 'must not be combined with AlarmNotificationsProps.topic (an existing topic has its name)');
    }
    if (!withNotifier) {
      for (const prop of ['chatWebhooks', 'maxEventsPerNotification', 'cloudTrailLogGroup'] as const) {
        if (props[prop] !== undefined) {
          throw new CloudTrailBaselineError(`AlarmNotificationsProps.${prop}`, 'needs the notifier, but AlarmNotificationsProps.notifier is false');
        }
      }
    }
    const maxEventsPerNotification = checkMaxEvents('AlarmNotificationsProps.maxEventsPerNotification', props.maxEventsPerNotification);

    const key = baselineKey(this, 'Key', props.topic
      ? 'Encrypts the CloudTrail baseline alarm dead-letter queue and notifier logs (cdk-cloudtrail-baseline)'
      : 'Encrypts the CloudTrail baseline alarm topic, dead-letter queue and notifier logs (cdk-cloudtrail-baseline)');
    this.encryptionKey = key;
    const topic = props.topic ?? new Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'CloudTrail baseline alarms',
      masterKey: key,
      enforceSSL: true,
    });
    allowCloudWatchAlarms(this, topic, withNotifier);
    this.topic = topic;
    // CloudWatch Logs may use the key only for the notifier's log group: AlarmNotifierFunction adds
    // that statement (no notifier, no log group, no statement).
    // SNS moves undeliverable messages of a subscription into its (KMS-encrypted) dead-letter queue.
    key.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowSnsToUseTheKeyForDeadLetters',
      principals: [new ServicePrincipal('sns.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Dead letters are alarm notifications nobody received: keep them if the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.deadLetterQueue, ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
      'This queue is the dead-letter queue of the notifier and of the topic subscriptions; a dead-letter queue has none of its own.');

    this.topicAlarmAction = new SnsAction(topic);
    if (withNotifier) {
      const notifier = new AlarmNotifierFunction(this, 'Notifier', {
        topic,
        encryptionKey: key,
        deadLetterQueue: this.deadLetterQueue,
        cloudTrailLogGroup: props.cloudTrailLogGroup,
        maxEventsPerNotification,
        chatWebhooks: props.chatWebhooks,
      });
      this.notifier = notifier.function;
      // One function, many alarms: one invoke permission per alarm, not one shared construct ID.
      this.notifierAlarmAction = new LambdaAction(notifier.function, { useUniquePermissionId: true });
    }

    const deadLetterQueue = this.deadLetterQueue;
    for (const email of props.emailAddresses ?? []) {
      topic.addSubscription(new EmailSubscription(email, {
        deadLetterQueue,
        ...(withNotifier ? {
          filterPolicy: {
            [MESSAGE_TYPE_ATTRIBUTE]: SubscriptionFilter.stringFilter({ allowlist: [NOTIFICATION_MESSAGE_TYPE] }),
          },
        } : {}),
      }));
    }
    for (const url of props.httpsEndpoints ?? []) {
      topic.addSubscription(new UrlSubscription(url, { protocol: SubscriptionProtocol.HTTPS, deadLetterQueue }));
    }
    for (const queue of props.sqsQueues ?? []) {
      topic.addSubscription(new SqsSubscription(queue, { deadLetterQueue }));
    }
    for (const fn of props.lambdaSubscribers ?? []) {
      topic.addSubscription(new LambdaSubscription(fn, { deadLetterQueue }));
    }
  }

  /** The alarm actions: the SNS topic and, when enabled, the notifier Lambda. */
  public get alarmActions(): IAlarmAction[] {
    return [this.topicAlarmAction, ...(this.notifierAlarmAction ? [this.notifierAlarmAction] : [])];
  }

  /**
   * An EventBridge rule target that notifies of each event a rule of the detection matches, e.g.
   * a `DetectionFastPath` rule. With the notifier: it invokes the notifier (the event and the
   * detection), which publishes a readable one-event notification to the topic (with the message
   * attribute email subscriptions filter on) and posts it to the chat webhooks; 185 retries over
   * 24 hours. Without it: an `AlarmTopicRuleTarget` publishes a readable message to the topic.
   * Undeliverable events go to `deadLetterQueue`. The first call adds the key policy statement
   * `AllowEventBridgeToUseTheKey` (`kms:GenerateDataKey*`, `kms:Decrypt`): the dead-letter queue,
   * and the topic when it is created here, use this construct's key.
   *
   * @param detection the detection the rule implements: its ID, title, severity, controls, description and remediation go into the notification
   */
  public ruleTargetFor(detection: Detection): IRuleTarget {
    if (!this.eventBridgeAllowed) {
      this.eventBridgeAllowed = true;
      this.encryptionKey.addToResourcePolicy(new PolicyStatement({
        sid: 'AllowEventBridgeToUseTheKey',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }));
    }
    const deadLetterQueue = this.deadLetterQueue;
    if (this.notifier) {
      return new LambdaFunction(this.notifier, {
        event: notifierInput(detection),
        deadLetterQueue,
        maxEventAge: Duration.hours(24),
        retryAttempts: 185,
      });
    }
    return new AlarmTopicRuleTarget(this.topic, { detection, deadLetterQueue });
  }
}

/**
 * What the notifier receives from a rule: the EventBridge event's envelope and CloudTrail record,
 * and the detection it matched under `FAST_PATH_EVENT_KEY`.
 */
function notifierInput(detection: Detection): RuleTargetInput {
  // `<` and `>` would read as input transformer placeholders.
  const safe = (s: string) => s.replace(/[<>]/g, '');
  return RuleTargetInput.fromObject({
    [FAST_PATH_EVENT_KEY]: {
      detectionId: detection.id,
      title: safe(detection.title),
      severity: detection.severity,
      controls: detection.controlIds.map(safe),
      description: safe(detection.description),
      ...(detection.remediation ? { remediation: safe(detection.remediation) } : {}),
    },
    'id': EventField.eventId,
    'detail-type': EventField.detailType,
    'source': EventField.source,
    'account': EventField.account,
    'region': EventField.region,
    'time': EventField.time,
    'detail': EventField.fromPath('$.detail'),
  });
}
