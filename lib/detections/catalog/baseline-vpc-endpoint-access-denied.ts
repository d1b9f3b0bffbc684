import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Calls through a VPC endpoint of the account that the endpoint's policy denied: CloudTrail network activity
 * events with `errorCode = VpceAccessDenied` (`eventCategory = NetworkActivity`, `eventType = AwsVpceEvent`).
 *
 * Opt-in, and needs the trail to record them: `BaselineTrailProps.networkActivityEvents` with
 * `NetworkActivityEvents.vpceAccessDenied([...])` for the services whose endpoints matter (the landing zone
 * records CloudTrail, KMS, S3 and Secrets Manager). Without those selectors the metric stays at zero. Network
 * activity events reach only the VPC endpoint's owner (`vpcEndpointAccountId`), so the alarm belongs in the
 * account that holds the trail recording them (an organization trail records its member accounts' endpoints).
 *
 * A denial means a call reached a private endpoint with a principal, a resource or an action the endpoint policy
 * does not allow: a credential from outside the organization used inside the network (`userIdentity.accountId`
 * other than `vpcEndpointAccountId`), data on its way to a bucket or key of another account, or a policy that
 * blocks a legitimate workload. In a settled landing zone they are rare, which keeps both the recording (billed as
 * data events) and the alarm quiet. No CIS or Security Hub control asks for it. No EventBridge fast path: the
 * EventBridge documentation this library follows does not say that network activity events are delivered.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-events.html (network activity event examples)
 */
export const VPC_ENDPOINT_ACCESS_DENIED: DetectionProps = {
  id: 'Baseline.VpcEndpointAccessDenied',
  title: 'VPC endpoint access denied',
  filterPattern: '{ ($.eventCategory = "NetworkActivity") && ($.errorCode = "VpceAccessDenied") }',
  metricName: 'VpcEndpointAccessDenied',
  severity: DetectionSeverity.MEDIUM,
  description: 'A call through a VPC endpoint was denied by the endpoint policy (CloudTrail network activity event, errorCode VpceAccessDenied). It can be a credential from outside the organization used inside the network, data sent to another account\'s resource, or an endpoint policy that blocks a workload.',
  remediation: 'Compare userIdentity.accountId with vpcEndpointAccountId and read eventSource, eventName and vpcEndpointId. Outside credentials: find the host (sourceIPAddress) and rotate them; own workload: fix the endpoint policy or the call.',
};
