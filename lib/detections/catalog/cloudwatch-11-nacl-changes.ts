import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.11: "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)".
 *
 * Related CIS requirements: v1.2.0/3.11, v1.4.0/4.11, v3.0.0/4.11, v4.0.0/4.11, v5.0.0/4.11.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-11
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const NACL_CHANGES: DetectionProps = {
  id: 'CloudWatch.11',
  title: 'Network ACL changes',
  filterPattern: '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  metricName: 'NACLChanges',
  severity: DetectionSeverity.LOW,
  description: 'A network ACL, one of its entries or one of its subnet associations was created, replaced or deleted. Network ACLs are the stateless subnet-level traffic filter.',
  remediation: 'Review the change against the expected network design and revert entries that allow unexpected traffic.',
  securityHubControlId: 'CloudWatch.11',
  cisControlIds: ['v1.2.0/3.11', 'v1.4.0/4.11', 'v3.0.0/4.11', 'v4.0.0/4.11', 'v5.0.0/4.11'],
};
