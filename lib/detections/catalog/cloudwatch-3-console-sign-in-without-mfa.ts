import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.3: "Ensure a log metric filter and alarm exist for Management Console sign-in without MFA".
 *
 * Related CIS requirements: v1.2.0/3.2, v1.4.0/4.2, v3.0.0/4.2, v4.0.0/4.2, v5.0.0/4.2. Security Hub lists only v1.2.0/3.2; CIS v1.4.0 and later give this text as the alternative that reduces false positives with single sign-on (the two-clause text is the `CIS.4.2` variant).
 *
 * Narrower than the two-clause CIS v1.4.0 4.2 text (`ConsoleLogin` and `MFAUsed != "Yes"`, the opt-in
 * variant `CIS.4.2`): only successful
 * sign-ins of IAM users count. Root sign-ins (see CloudWatch.1), federated / IAM Identity Center sign-ins (MFA is
 * the identity provider's job there) and failed sign-ins are left out. Security Hub relates this control to
 * CIS v1.2.0 3.2 only.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-3
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const CONSOLE_SIGN_IN_WITHOUT_MFA: DetectionProps = {
  id: 'CloudWatch.3',
  title: 'Console sign-in without MFA',
  filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  metricName: 'ConsoleSignInWithoutMFA',
  severity: DetectionSeverity.HIGH,
  description: 'An IAM user signed in to the AWS Management Console successfully without multi-factor authentication. Single-factor console access makes a stolen password enough to take over the user.',
  remediation: 'Confirm the sign-in with the user. Require MFA for the user (assign an MFA device, deny actions without aws:MultiFactorAuthPresent); if the sign-in was not theirs, reset the password and review the session\'s activity.',
  securityHubControlId: 'CloudWatch.3',
  cisControlIds: ['v1.2.0/3.2', 'v1.4.0/4.2', 'v3.0.0/4.2', 'v4.0.0/4.2', 'v5.0.0/4.2'],
};
