// The statements an SNS topic and its KMS key need so that CloudWatch alarms can publish to it,
// applied to a topic of this app or printed in a warning for an imported one. Not exported from
// the package.
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal, StarPrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnTopic, ITopic, TopicPolicy } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * Key policy: CloudWatch alarms may use the topic's key (`alias/aws/sns` cannot allow this), only
 * for messages of this topic. SNS encrypts each message with the encryption context
 * `aws:sns:topicArn` = the topic ARN, which AWS's own key policies for service publishers to
 * encrypted topics condition on (Amazon GameLift FlexMatch guide, "Set up an SNS topic with
 * server-side encryption"). No `aws:SourceAccount` / `aws:SourceArn` here: no AWS page documents
 * that CloudWatch sends them to KMS, and a key the service does not populate fails silently.
 *
 * @see https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export function cloudWatchKeyStatement(topicArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToUseTheKey',
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions: { [topicArn.includes('*') ? 'StringLike' : 'StringEquals']: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
  });
}

/**
 * The topic's ARN as its own key's policy may name it. `topic.topicArn` of a topic of this app is a
 * `Ref`, and the topic refers to its key: naming it in the key policy would make a dependency
 * cycle. So: the ARN when it is concrete (an imported topic), else built from the topic's name
 * when that is given (`topicName`), else every topic of the topic's account and region
 * (`StringLike`; CloudFormation generates the name).
 */
export function topicArnForKeyPolicy(topic: ITopic): string {
  if (!Token.isUnresolved(topic.topicArn)) return topic.topicArn;
  const stack = Stack.of(topic);
  const cfn = topic.node.defaultChild;
  const name = cfn instanceof CfnTopic && cfn.topicName !== undefined && !Token.isUnresolved(cfn.topicName) ? cfn.topicName : '*';
  return `arn:${stack.partition}:sns:${stack.region}:${stack.account}:${name}`;
}

/** Topic policy: only the alarms of this account and region may publish. */
export function cloudWatchPublishStatement(stack: Stack, topicArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
    },
  });
}

/** Topic policy: no publishing without TLS (the statement of `TopicProps.enforceSSL`). */
function tlsOnlyStatement(topicArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowPublishThroughSSLOnly',
    effect: Effect.DENY,
    principals: [new StarPrincipal()],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/** Whether the topic's policy (a `TopicPolicy` child, as `Topic` creates) already denies non-TLS publishing. */
function deniesPlainText(topic: ITopic): boolean {
  const policy = topic.node.tryFindChild('Policy');
  if (!(policy instanceof TopicPolicy)) return false;
  const statements: any[] = policy.document.toJSON()?.Statement ?? [];
  return statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
}

/**
 * Lets CloudWatch alarms of this account and region publish to an existing topic.
 *
 * A topic of this app gets the publish statement and, unless it has it, the TLS-only statement;
 * its key (if any) gets the CloudWatch statement. What cannot be changed from here (an imported
 * topic, an imported or AWS managed key) is reported as a warning on `scope` with the exact
 * statements its owner must add.
 */
export function allowCloudWatchAlarms(scope: Construct, topic: ITopic, withNotifier: boolean): void {
  const stack = Stack.of(scope);
  const publish = cloudWatchPublishStatement(stack, topic.topicArn);
  const render = (statements: PolicyStatement[]) => JSON.stringify(stack.resolve(statements.map((s) => s.toStatementJson())));
  if (topic.addToResourcePolicy(publish).statementAdded) {
    if (!deniesPlainText(topic)) topic.addToResourcePolicy(tlsOnlyStatement(topic.topicArn));
    if (topic.masterKey && !topic.masterKey.addToResourcePolicy(cloudWatchKeyStatement(topicArnForKeyPolicy(topic))).statementAdded) {
      Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:alarmTopicKey',
        `The key ${stack.resolve(topic.masterKey.keyArn)} of the alarm topic is imported (or AWS managed): this stack cannot change its policy. `
        + 'Its key policy must let CloudWatch alarms use it, or alarm notifications fail silently (an AWS managed key such as alias/aws/sns cannot allow this): '
        + render([cloudWatchKeyStatement(topicArnForKeyPolicy(topic))]));
    }
    return;
  }
  const notifierNote = withNotifier && !topic.masterKey
    ? ' If the topic is encrypted, import it with Topic.fromTopicAttributes({ topicArn, keyArn }) so that the notifier may use the key (kms:GenerateDataKey, kms:Decrypt).'
    : '';
  Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:importedAlarmTopic',
    `The alarm topic ${stack.resolve(topic.topicArn)} is imported: this stack cannot change its policies. `
    + `Its topic policy must allow CloudWatch alarms of this account and region to publish, over TLS only: ${render([publish, tlsOnlyStatement(topic.topicArn)])}. `
    + `Its KMS key policy must let cloudwatch.amazonaws.com use the key (not alias/aws/sns): ${render([cloudWatchKeyStatement(topicArnForKeyPolicy(topic))])}.${notifierNote}`);
}
