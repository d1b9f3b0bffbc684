import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.6: "Ensure a log metric filter and alarm exist for AWS Management Console authentication failures".
 *
 * Related CIS requirements: v1.2.0/3.6, v1.4.0/4.6, v3.0.0/4.6, v4.0.0/4.6, v5.0.0/4.6.
 *
 * Counts only records whose `errorMessage` is exactly "Failed authentication"; failed sign-ins recorded with
 * `responseElements.ConsoleLogin = "Failure"` and no `errorMessage` are not counted.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-6
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const CONSOLE_AUTHENTICATION_FAILURES: DetectionProps = {
  id: 'CloudWatch.6',
  title: 'Console authentication failures',
  filterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  metricName: 'ConsoleSignInFailures',
  severity: DetectionSeverity.MEDIUM,
  description: 'A console sign-in failed authentication (for example a wrong password). Repeated failures can be a brute-force or password-spraying attempt.',
  remediation: 'Look at the user names and source IP addresses of the failures. If they repeat or come from unexpected places, block the source, make sure the targeted users have MFA, and reset passwords that may have been guessed.',
  securityHubControlId: 'CloudWatch.6',
  cisControlIds: ['v1.2.0/3.6', 'v1.4.0/4.6', 'v3.0.0/4.6', 'v4.0.0/4.6', 'v5.0.0/4.6'],
};
