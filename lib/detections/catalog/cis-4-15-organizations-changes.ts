import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * CIS AWS Foundations Benchmark v1.4.0, control 4.15: "Ensure a log metric filter and alarm exists for AWS
 * Organizations changes".
 *
 * Related CIS requirements: v1.4.0/4.15, v3.0.0/4.15, v4.0.0/4.15, v5.0.0/4.15.
 *
 * No Security Hub control checks this detection. AWS Organizations is a global service: its events are recorded
 * in us-east-1, so the trail must include global service events (a multi-Region trail does).
 * `CreateAccountResult` (an `AwsServiceEvent`) is not in the CIS list; `CreateAccount` is.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it (CIS v1.4.0 to v7.0.0 give the same 18 event
 * names). The additional filter pattern, on the same metric, adds `CancelHandshake`, `CreateOrganization` and
 * `EnableAllFeatures`, which Prowler's check `cloudwatch_log_metric_filter_aws_organizations_changes` requires in one
 * filter (and which change the organization: a pending invitation withdrawn, an organization created, all features,
 * SCPs and RCPs included, enabled). An event of the 18 CIS names matches both filters: the metric counts it twice,
 * the alarm (`Sum >= 1`) notifies once.
 *
 * @see https://www.cisecurity.org/benchmark/amazon_web_services (CIS AWS Foundations Benchmark v1.4.0, section 4.15)
 * @see https://github.com/prowler-cloud/prowler/blob/3e000faa3109230b748e4418a13c11c9e59f5cfb/prowler/providers/aws/services/cloudwatch/cloudwatch_log_metric_filter_aws_organizations_changes/cloudwatch_log_metric_filter_aws_organizations_changes.py
 */
export const ORGANIZATIONS_CHANGES: DetectionProps = {
  id: 'CIS.4.15',
  title: 'AWS Organizations changes',
  filterPattern: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  additionalFilterPatterns: [
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CancelHandshake") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganization") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnableAllFeatures") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  ],
  metricName: 'OrganizationsChanges',
  severity: DetectionSeverity.MEDIUM,
  description: 'A change to the AWS organization: an account was created, invited, moved or removed, an organizational unit or a policy (such as an SCP) was created, changed, attached or detached, a policy type was enabled or disabled, a handshake was accepted, declined or cancelled, or an organization was created or switched to all features. These changes can remove guardrails from every account at once.',
  remediation: 'Confirm the change with the organization administrators. Revert unexpected policy detachments, policy type changes and account moves, and review the principal, which holds management-account permissions.',
  cisControlIds: ['v1.4.0/4.15', 'v3.0.0/4.15', 'v4.0.0/4.15', 'v5.0.0/4.15'],
};
