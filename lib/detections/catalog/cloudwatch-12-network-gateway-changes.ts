import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.12: "Ensure a log metric filter and alarm exist for changes to network gateways".
 *
 * Related CIS requirements: v1.2.0/3.12, v1.4.0/4.12, v3.0.0/4.12, v4.0.0/4.12, v5.0.0/4.12.
 *
 * NAT gateways, transit gateways and egress-only internet gateways are not in the CIS list.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const NETWORK_GATEWAY_CHANGES: DetectionProps = {
  id: 'CloudWatch.12',
  title: 'Network gateway changes',
  filterPattern: '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  metricName: 'NetworkGatewayChanges',
  severity: DetectionSeverity.LOW,
  description: 'A customer gateway or an internet gateway was created, deleted, attached or detached. Gateways decide which paths traffic can take in and out of a VPC.',
  remediation: 'Confirm the change with the network owner; detach or delete gateways that open unexpected paths to the internet or to other networks.',
  securityHubControlId: 'CloudWatch.12',
  cisControlIds: ['v1.2.0/3.12', 'v1.4.0/4.12', 'v3.0.0/4.12', 'v4.0.0/4.12', 'v5.0.0/4.12'],
};
