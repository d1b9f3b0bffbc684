import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Variant of CloudWatch.10: the CIS text that adds `ModifySecurityGroupRules` (CIS v5.0.0 and later, "Ensure
 * security group changes are monitored"). The EC2 console edits existing rules with
 * `ModifySecurityGroupRules`, so the Security Hub text misses a console change that opens a port to the
 * internet.
 *
 * Related CIS requirements: v5.0.0/4.10, v6.0.0/5.10, v7.0.0/5.10 (v6.0.0 and v7.0.0 number the monitoring section 5).
 *
 * Opt-in: it does NOT satisfy Security Hub CloudWatch.10, which accepts only its own exact text. Deploy it
 * next to CloudWatch.10, or instead of it when Security Hub is not in use.
 *
 * The filter pattern is the CIS text, byte-exact: do not reformat it.
 *
 * @see https://www.cisecurity.org/benchmark/amazon_web_services
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html
 */
export const SECURITY_GROUP_CHANGES_INCLUDING_RULE_MODIFICATIONS: DetectionProps = {
  id: 'CIS.4.10',
  title: 'Security group changes, including rule modifications',
  filterPattern: '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }',
  metricName: 'SecurityGroupChangesIncludingRuleModifications',
  severity: DetectionSeverity.MEDIUM,
  description: 'An EC2 security group was created or deleted, or an ingress or egress rule was authorized, revoked or modified in place (ModifySecurityGroupRules, what the EC2 console uses to edit a rule). Rule changes can expose instances to the internet.',
  remediation: 'Review the rule change (requestParameters.ipPermissions or requestParameters.ModifySecurityGroupRulesRequest) and revoke rules that open ports to 0.0.0.0/0, ::/0 or other unexpected sources.',
  cisControlIds: ['v5.0.0/4.10', 'v6.0.0/5.10', 'v7.0.0/5.10'],
};
