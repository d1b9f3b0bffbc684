import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.13: "Ensure a log metric filter and alarm exist for route table changes".
 *
 * Related CIS requirements: v1.2.0/3.13, v1.4.0/4.13.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const ROUTE_TABLE_CHANGES: DetectionProps = {
  id: 'CloudWatch.13',
  title: 'Route table changes',
  filterPattern: '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  metricName: 'RouteTableChanges',
  severity: DetectionSeverity.LOW,
  description: 'A route or a route table was created, replaced, deleted or disassociated. Route changes can send traffic through unexpected paths.',
  remediation: 'Review the change against the expected network design and revert routes that send traffic to unexpected targets.',
  securityHubControlId: 'CloudWatch.13',
  cisControlIds: ['v1.2.0/3.13', 'v1.4.0/4.13'],
};
