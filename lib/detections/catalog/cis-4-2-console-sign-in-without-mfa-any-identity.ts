import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Variant of CloudWatch.3: the two-clause CIS text, "Ensure management console sign-in without MFA is
 * monitored" (CIS v1.4.0 4.2; later versions keep the same text).
 *
 * Related CIS requirements: v1.4.0/4.2, v3.0.0/4.2, v4.0.0/4.2, v5.0.0/4.2.
 *
 * Counts every `ConsoleLogin` record without `MFAUsed = "Yes"`, whoever signs in and whatever the outcome:
 * IAM users, the root user, SAML-federated and IAM Identity Center (SSO) sessions, and failed sign-ins. That
 * is broader than CloudWatch.3 (successful IAM-user sign-ins only). Expect alarms for every federated or SSO
 * sign-in: for those, `MFAUsed` is "No" because MFA is the identity provider's job, not IAM's. Deploy it
 * when IAM users, root and federation should all be watched, and route it so those alarms are not paging.
 *
 * Opt-in: it does NOT satisfy Security Hub CloudWatch.3, which accepts only its own exact text. To keep
 * CloudWatch.3 passing, deploy this next to it, not instead of it.
 *
 * The filter pattern is the CIS text, byte-exact: do not reformat it.
 *
 * @see https://www.cisecurity.org/benchmark/amazon_web_services (CIS AWS Foundations Benchmark v1.4.0, 4.2)
 */
export const CONSOLE_SIGN_IN_WITHOUT_MFA_ANY_IDENTITY: DetectionProps = {
  id: 'CIS.4.2',
  title: 'Console sign-in without MFA, any identity',
  filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  metricName: 'ConsoleSignInWithoutMFAAnyIdentity',
  severity: DetectionSeverity.MEDIUM,
  description: 'A console sign-in (successful or not) by any identity, IAM user, root user or federated / IAM Identity Center session, that did not use IAM multi-factor authentication. Federated and SSO sign-ins always show MFAUsed "No": their MFA happens at the identity provider.',
  remediation: 'Check userIdentity.type and responseElements.ConsoleLogin. For an IAM user or the root user, require MFA and confirm the sign-in with the owner; for a federated or SSO sign-in, confirm that the identity provider enforces MFA; for repeated failures, treat it as a password-guessing attempt.',
  cisControlIds: ['v1.4.0/4.2', 'v3.0.0/4.2', 'v4.0.0/4.2', 'v5.0.0/4.2'],
};
