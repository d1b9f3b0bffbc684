import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.4: "Ensure a log metric filter and alarm exist for IAM policy changes".
 *
 * Related CIS requirements: v1.2.0/3.4, v1.4.0/4.4, v3.0.0/4.4, v4.0.0/4.4, v5.0.0/4.4.
 *
 * Matches on eventName only, so calls of other services with the same names (Auto Scaling `DeletePolicy`,
 * Organizations `CreatePolicy`) also match, as the Security Hub documentation notes. Failed calls are counted too.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const IAM_POLICY_CHANGES: DetectionProps = {
  id: 'CloudWatch.4',
  title: 'IAM policy changes',
  filterPattern: '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  metricName: 'IAMPolicyChanges',
  severity: DetectionSeverity.MEDIUM,
  description: 'An IAM policy was created, versioned, deleted, attached or detached, inline or managed, on a user, group or role. Policy changes can grant or remove access silently.',
  remediation: 'Review the policy change (requestParameters) and who made it. Revert changes that did not go through the expected change process, and check whether the new permissions were used.',
  securityHubControlId: 'CloudWatch.4',
  cisControlIds: ['v1.2.0/3.4', 'v1.4.0/4.4', 'v3.0.0/4.4', 'v4.0.0/4.4', 'v5.0.0/4.4'],
};
