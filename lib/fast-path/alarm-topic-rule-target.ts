import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import { EventField, IRuleTarget, RuleTargetConfig, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { aws_events as eventsRefs } from 'aws-cdk-lib/interfaces';
import { topicArnForKeyPolicy } from '../alarm-actions/alarm-topic-policy';
import { Detection } from '../detections/detection';

/**
 * Options of `AlarmTopicRuleTarget`.
 */
export interface AlarmTopicRuleTargetProps {
  /** The detection the rule implements: its title, severity and controls head the message. */
  readonly detection: Detection;

  /**
   * An SQS queue for the events EventBridge could not deliver to the topic after its retries.
   * A queue encrypted with a customer managed key must let `events.amazonaws.com` use the key.
   *
   * @default - no dead-letter queue (undelivered events are dropped)
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
   */
  readonly deadLetterQueue?: IQueue;

  /**
   * How long EventBridge keeps retrying an event it could not deliver.
   *
   * @default Duration.hours(24)
   */
  readonly maxEventAge?: Duration;
}

/**
 * An EventBridge rule target that publishes a readable one-event notification to an alarm topic
 * (an input transformer: who did what, when, from where), with least-privilege permissions:
 *
 * - topic policy: `events.amazonaws.com` may `sns:Publish` only for this rule (`aws:SourceArn` =
 *   the rule ARN);
 * - topic key (a KMS-encrypted topic): `events.amazonaws.com` may use `kms:GenerateDataKey*` and
 *   `kms:Decrypt` (an AWS managed key such as `alias/aws/sns` cannot allow this, and delivery
 *   fails);
 * - when the topic or its key is imported, synth warns with the statements their owner must add.
 *
 * The message carries no SNS message attribute (EventBridge cannot set one): subscriptions that
 * filter on `AlarmNotifications.MESSAGE_TYPE_ATTRIBUTE` do not receive it. `DetectionFastPath`
 * targets the notifier instead when `AlarmNotifications` has one.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
export class AlarmTopicRuleTarget implements IRuleTarget {
  /**
   * The message published for one CloudTrail event of a detection, as input transformer text.
   * Fields missing from the event are left empty by EventBridge.
   */
  public static message(detection: Detection): RuleTargetInput {
    const field = (p: string) => EventField.fromPath(`$.detail.${p}`);
    // `<` and `>` would read as input transformer placeholders.
    const safe = (s: string) => s.replace(/[<>]/g, '');
    const controls = safe(detection.controlIds.join(', '));
    return RuleTargetInput.fromText([
      `${detection.severity}: ${safe(detection.title)}${controls ? ` [${controls}]` : ''} (EventBridge fast path)`,
      '',
      `${field('eventName')} (${field('eventSource')}) by ${field('userIdentity.type')} ${field('userIdentity.arn')}`,
      `When:    ${field('eventTime')}`,
      `Account: ${EventField.account}`,
      `Region:  ${EventField.region}`,
      `From:    ${field('sourceIPAddress')} (${field('userAgent')})`,
      `Error:   ${field('errorCode')} ${field('errorMessage')}`,
      `Event:   ${field('eventID')}`,
      '',
      `What it means: ${safe(detection.description)}`,
      ...(detection.remediation ? [`First step: ${safe(detection.remediation)}`] : []),
      '',
      'Sent by an EventBridge rule seconds after the call; the CloudWatch alarm of the same detection follows within minutes.',
    ].join('\n'));
  }

  /**
   * @param topic the alarm topic
   * @param props the detection and the delivery options
   */
  constructor(private readonly topic: ITopic, private readonly props: AlarmTopicRuleTargetProps) {}

  /** Binds the target to a rule: permissions, input, retry and dead-letter queue. */
  public bind(rule: eventsRefs.IRuleRef, _id?: string): RuleTargetConfig {
    const stack = Stack.of(rule);
    const publish = new PolicyStatement({
      sid: `AllowEventBridgeRule${rule.node.addr.slice(0, 10)}ToPublish`,
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleRef.ruleArn } },
    });
    const topicArn = topicArnForKeyPolicy(this.topic);
    // Only for messages of this topic (SNS's encryption context `aws:sns:topicArn`, see
    // `cloudWatchKeyStatement`). Not `aws:SourceArn`: EventBridge does not document it for KMS.
    const key = new PolicyStatement({
      sid: 'AllowEventBridgeToUseTheTopicKey',
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { [topicArn.includes('*') ? 'StringLike' : 'StringEquals']: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
    });
    const render = (s: PolicyStatement) => JSON.stringify(stack.resolve(s.toStatementJson()));
    if (!this.topic.addToResourcePolicy(publish).statementAdded) {
      Annotations.of(rule).addWarningV2('cdk-cloudtrail-baseline:fastPathImportedTopic',
        `The alarm topic ${stack.resolve(this.topic.topicArn)} is imported: its topic policy must let this rule publish: ${render(publish)}`
        + (this.topic.masterKey ? '' : '; if it is KMS-encrypted, its key policy must let EventBridge use the key: ' + render(key)));
    }
    if (this.topic.masterKey && !this.topic.masterKey.addToResourcePolicy(key).statementAdded) {
      Annotations.of(rule).addWarningV2('cdk-cloudtrail-baseline:fastPathTopicKey',
        `The key of the alarm topic is imported (or AWS managed): its key policy must let EventBridge use it, or the fast path fails: ${render(key)}`);
    }
    if (this.props.deadLetterQueue) addToDeadLetterQueueResourcePolicy(rule, this.props.deadLetterQueue);
    return {
      ...bindBaseTargetConfig({ deadLetterQueue: this.props.deadLetterQueue, maxEventAge: this.props.maxEventAge ?? Duration.hours(24) }),
      arn: this.topic.topicArn,
      input: AlarmTopicRuleTarget.message(this.props.detection),
      targetResource: this.topic,
    };
  }
}
