import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.7: "Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer managed keys".
 *
 * Related CIS requirements: v1.2.0/3.7, v1.4.0/4.7, v3.0.0/4.7, v4.0.0/4.7, v5.0.0/4.7.
 *
 * Security Hub also fails this control when the trail excludes `kms.amazonaws.com` management events
 * (`ExcludeManagementEventSources`).
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-7
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const KMS_KEY_DISABLE_OR_DELETION: DetectionProps = {
  id: 'CloudWatch.7',
  title: 'KMS key disabled or scheduled for deletion',
  filterPattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  metricName: 'DisableOrDeleteCMK',
  severity: DetectionSeverity.HIGH,
  description: 'A KMS key was disabled or scheduled for deletion. Data encrypted under a disabled or deleted key can no longer be decrypted, including the trail logs if it is their key.',
  remediation: 'Confirm the change with the key owner. If it was not intended, cancel the deletion (CancelKeyDeletion) and re-enable the key (EnableKey) within the waiting period, then find out who made the change.',
  securityHubControlId: 'CloudWatch.7',
  cisControlIds: ['v1.2.0/3.7', 'v1.4.0/4.7', 'v3.0.0/4.7', 'v4.0.0/4.7', 'v5.0.0/4.7'],
};
