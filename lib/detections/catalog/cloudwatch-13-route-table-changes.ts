import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.13: "Ensure a log metric filter and alarm exist for route table changes".
 *
 * Related CIS requirements: v1.2.0/3.13, v1.4.0/4.13, v3.0.0/4.13, v4.0.0/4.13, v5.0.0/4.13. CIS v3.0.0 and later add `$.eventSource = ec2.amazonaws.com`: that text is this detection's additional filter pattern, on the same metric.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it. The additional filter pattern is the CIS
 * v4.0.0/v5.0.0 audit text (4.13), byte-exact, on the same metric: Prowler's check
 * `cloudwatch_changes_to_network_route_tables_alarm_configured` (like the CIS v3.0.0+ audit) requires
 * `$.eventSource = ec2.amazonaws.com` in the filter, which Security Hub's text must not have. Its `&&` binds
 * tighter than `||` (only `CreateRoute` is tied to EC2), as published; since it matches a subset of the first
 * text's events, the two together alarm on exactly the first text's events, and notify once.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13
 * @see https://github.com/prowler-cloud/prowler/blob/3e000faa3109230b748e4418a13c11c9e59f5cfb/prowler/compliance/aws/cis_5.0_aws.json (CIS v5.0.0 4.13 audit text)
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
  additionalFilterPatterns: [
    '{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
  ],
  securityHubControlId: 'CloudWatch.13',
  cisControlIds: ['v1.2.0/3.13', 'v1.4.0/4.13', 'v3.0.0/4.13', 'v4.0.0/4.13', 'v5.0.0/4.13'],
};
