import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Variant of CloudWatch.1 defined by this library (not a CIS or Security Hub text): every action taken with
 * the root user's identity, including those that carry `userIdentity.invokedBy`.
 *
 * The published CloudWatch.1 text requires `$.userIdentity.invokedBy NOT EXISTS`, so it misses real root
 * actions taken through the console that CloudTrail records with `invokedBy = "signin.amazonaws.com"`: the
 * corpus holds a root `CreateAccessKey` made that way (record 015), a textbook sign of a root takeover. This
 * variant keeps only the `eventType` exclusion (events AWS services emit on their own, `AwsServiceEvent`),
 * and tolerates records without `eventType`. It also counts calls an AWS service made with a root session
 * on the root user's behalf (e.g. CloudFormation acting for a stack the root user created): root should
 * not be used at all, so those alarms are wanted.
 *
 * Opt-in: it does NOT satisfy Security Hub CloudWatch.1, which accepts only its own exact text. Deploy it
 * next to CloudWatch.1.
 *
 * The filter pattern is kept byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export const ROOT_USER_USAGE_ANY_INVOKER: DetectionProps = {
  id: 'Baseline.RootUserUsageAnyInvoker',
  title: 'Root user activity, including actions invoked through AWS services',
  filterPattern: '{ ($.userIdentity.type = "Root") && (($.eventType NOT EXISTS) || ($.eventType != "AwsServiceEvent")) }',
  metricName: 'RootAccountUsageAnyInvoker',
  severity: DetectionSeverity.CRITICAL,
  description: 'An API call or console action made with the root user\'s identity, including actions recorded with userIdentity.invokedBy (console actions through signin.amazonaws.com, or a service acting for the root user). The root user has unrestricted access to the account and should only be used for the few tasks that require it.',
  remediation: 'Confirm with the account owner that the root user was used on purpose, for a task that requires it. If not, treat the root credentials as compromised: reset the password, delete any root access keys, check the MFA device, and review what the session did (sourceIPAddress, userAgent, eventName, userIdentity.invokedBy).',
};
