import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.14: "Ensure a log metric filter and alarm exist for VPC changes".
 *
 * Related CIS requirements: v1.2.0/3.14, v1.4.0/4.14, v3.0.0/4.14, v4.0.0/4.14, v5.0.0/4.14.
 *
 * `DeleteFlowLogs` is not in the CIS list.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-14
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const VPC_CHANGES: DetectionProps = {
  id: 'CloudWatch.14',
  title: 'VPC changes',
  filterPattern: '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  metricName: 'VPCChanges',
  severity: DetectionSeverity.LOW,
  description: 'A VPC was created, deleted or modified, a VPC peering connection was requested, accepted, rejected or deleted, or ClassicLink was changed. Peering can connect networks that are not meant to talk to each other.',
  remediation: 'Confirm the change with the network owner; delete unexpected peering connections and revert unexpected VPC attribute changes.',
  securityHubControlId: 'CloudWatch.14',
  cisControlIds: ['v1.2.0/3.14', 'v1.4.0/4.14', 'v3.0.0/4.14', 'v4.0.0/4.14', 'v5.0.0/4.14'],
};
