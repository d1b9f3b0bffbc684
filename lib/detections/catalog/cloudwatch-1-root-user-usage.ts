import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.1: "A log metric filter and alarm should exist for usage of the "root" user".
 *
 * Related CIS requirements: v1.2.0/1.1, v1.2.0/3.3, v1.4.0/1.7, v1.4.0/4.3, v3.0.0/4.3, v4.0.0/4.3, v5.0.0/4.3.
 *
 * Pattern quirks, kept because Security Hub requires the exact text: `invokedBy NOT EXISTS` also leaves out
 * root actions whose `userIdentity.invokedBy` is set (for example `signin.amazonaws.com` on some console
 * actions; the opt-in variant `Baseline.RootUserUsageAnyInvoker` counts them), and `$.eventType !="AwsServiceEvent"` does not match a record that has no `eventType` field.
 * Security Hub also relates this control to CIS v1.2.0 1.1 and v1.4.0 1.7 ("avoid / eliminate use of the root user").
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const ROOT_USER_USAGE: DetectionProps = {
  id: 'CloudWatch.1',
  title: 'Root user activity',
  filterPattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  metricName: 'RootAccountUsage',
  severity: DetectionSeverity.CRITICAL,
  description: 'An API call or console action made with the root user\'s credentials, not on its behalf by an AWS service. The root user has unrestricted access to the account and should only be used for the few tasks that require it.',
  remediation: 'Confirm with the account owner that the root user was used on purpose, for a task that requires it. If not, treat the root credentials as compromised: reset the password, delete any root access keys, check the MFA device, and review what the session did (sourceIPAddress, userAgent, eventName).',
  securityHubControlId: 'CloudWatch.1',
  cisControlIds: ['v1.2.0/1.1', 'v1.2.0/3.3', 'v1.4.0/1.7', 'v1.4.0/4.3', 'v3.0.0/4.3', 'v4.0.0/4.3', 'v5.0.0/4.3'],
};
