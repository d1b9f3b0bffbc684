import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.10: "Ensure a log metric filter and alarm exist for security group changes".
 *
 * Related CIS requirements: v1.2.0/3.10, v1.4.0/4.10, v3.0.0/4.10, v4.0.0/4.10. Not v5.0.0/4.10: CIS v5.0.0 adds `ModifySecurityGroupRules` (the `CIS.4.10` variant).
 *
 * CIS v5 adds `ModifySecurityGroupRules`; Security Hub checks this exact text, so it is not added here (the
 * opt-in variant `CIS.4.10`, `Detections.securityGroupChangesIncludingRuleModifications()`, has it). RDS `AuthorizeDBSecurityGroupIngress` is not counted.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-10
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const SECURITY_GROUP_CHANGES: DetectionProps = {
  id: 'CloudWatch.10',
  title: 'Security group changes',
  filterPattern: '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  metricName: 'SecurityGroupChanges',
  severity: DetectionSeverity.MEDIUM,
  description: 'An EC2 security group was created or deleted, or an ingress or egress rule was authorized or revoked. Rule changes can expose instances to the internet.',
  remediation: 'Review the rule change (requestParameters.ipPermissions) and revoke rules that open ports to 0.0.0.0/0, ::/0 or other unexpected sources.',
  securityHubControlId: 'CloudWatch.10',
  cisControlIds: ['v1.2.0/3.10', 'v1.4.0/4.10', 'v3.0.0/4.10', 'v4.0.0/4.10'],
};
