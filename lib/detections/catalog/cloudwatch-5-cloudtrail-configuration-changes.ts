import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.5: "Ensure a log metric filter and alarm exist for CloudTrail AWS Configuration changes".
 *
 * Related CIS requirements: v1.2.0/3.5, v1.4.0/4.5, v3.0.0/4.5, v4.0.0/4.5, v5.0.0/4.5.
 *
 * `PutEventSelectors` / `PutInsightSelectors`, which can also blind a trail, are not in the CIS list.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-5
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const CLOUDTRAIL_CONFIGURATION_CHANGES: DetectionProps = {
  id: 'CloudWatch.5',
  title: 'CloudTrail configuration changes',
  filterPattern: '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  metricName: 'CloudTrailConfigChanges',
  severity: DetectionSeverity.HIGH,
  description: 'A trail was created, updated or deleted, or its logging was started or stopped. Stopping or changing a trail is a common step to hide activity.',
  remediation: 'Check that the change was planned. If a trail was stopped, deleted or redirected unexpectedly, restore it at once (StartLogging, or redeploy the baseline) and investigate the principal: activity after the change may not have been recorded.',
  securityHubControlId: 'CloudWatch.5',
  cisControlIds: ['v1.2.0/3.5', 'v1.4.0/4.5', 'v3.0.0/4.5', 'v4.0.0/4.5', 'v5.0.0/4.5'],
};
