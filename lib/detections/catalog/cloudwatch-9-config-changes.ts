import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.9: "Ensure a log metric filter and alarm exist for AWS Config configuration changes".
 *
 * Related CIS requirements: v1.2.0/3.9, v1.4.0/4.9, v3.0.0/4.9, v4.0.0/4.9, v5.0.0/4.9.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-9
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const CONFIG_CHANGES: DetectionProps = {
  id: 'CloudWatch.9',
  title: 'AWS Config configuration changes',
  filterPattern: '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  metricName: 'AWSConfigChanges',
  severity: DetectionSeverity.HIGH,
  description: 'The AWS Config configuration recorder was stopped or changed, or a delivery channel was changed or deleted. This can blind the configuration history and the compliance rules that depend on it.',
  remediation: 'Check that the change was planned. If not, restore the recorder (StartConfigurationRecorder) and the delivery channel, and investigate the principal.',
  securityHubControlId: 'CloudWatch.9',
  cisControlIds: ['v1.2.0/3.9', 'v1.4.0/4.9', 'v3.0.0/4.9', 'v4.0.0/4.9', 'v5.0.0/4.9'],
};
