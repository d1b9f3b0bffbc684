import { Annotations, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * Lets CloudTrail publish the trail's log file delivery notifications to `topic`: a topic policy
 * statement allowing `cloudtrail.amazonaws.com` to `sns:Publish`, bound to the trail with
 * `aws:SourceArn` (the CloudTrail user guide's "security best practice"), and, for a topic
 * encrypted with a customer managed key, a key policy statement allowing CloudTrail
 * `kms:GenerateDataKey*` and `kms:Decrypt`, bound the same way. A topic or key whose policy this
 * app cannot change (imported) gets a warning with the statement to add.
 *
 * @returns the constructs the trail must be created after (CloudTrail checks the topic policy when
 * the trail is created or updated)
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html
 */
export function allowDeliveryNotifications(scope: Construct, topic: ITopic, trailArn: string, trailName: string): Construct[] {
  const stack = Stack.of(scope);
  const suffix = trailName.replace(/[^A-Za-z0-9]/g, '');
  const publish = new PolicyStatement({
    sid: `AWSCloudTrailSNSPolicy${suffix}`,
    principals: [new ServicePrincipal(CLOUDTRAIL)],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
  });
  const dependencies: Construct[] = [];
  if (topic.addToResourcePolicy(publish).statementAdded) {
    if (Stack.of(topic) === stack) dependencies.push(topic);
  } else {
    Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:deliveryNotificationTopicPolicy',
      `BaselineTrailProps.deliveryNotificationTopic: the topic ${stack.resolve(topic.topicArn)} is imported, so this app cannot add to its policy. `
      + 'Until its own stack adds this statement, CloudTrail cannot create the trail (InsufficientSnsTopicPolicyException): '
      + JSON.stringify(stack.resolve(publish.toStatementJson())));
  }
  const key = topic.masterKey;
  if (key !== undefined) {
    const decrypt = new PolicyStatement({
      sid: `AllowCloudTrailToPublishToEncryptedTopic${suffix}`,
      principals: [new ServicePrincipal(CLOUDTRAIL)],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    });
    if (key.addToResourcePolicy(decrypt).statementAdded) {
      if (Stack.of(key) === stack) dependencies.push(key);
    } else {
      Annotations.of(scope).addWarningV2('cdk-cloudtrail-baseline:deliveryNotificationTopicKey',
        `BaselineTrailProps.deliveryNotificationTopic: the topic is encrypted with the imported key ${stack.resolve(key.keyArn)}, so this app cannot add to its policy. `
        + 'Until the key\'s own stack adds this statement, CloudTrail cannot publish to the encrypted topic: '
        + JSON.stringify(stack.resolve(decrypt.toStatementJson())));
    }
  }
  return dependencies;
}
