import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.2: "Ensure a log metric filter and alarm exist for unauthorized API calls".
 *
 * Related CIS requirements: v1.2.0/3.1, v1.4.0/4.1, v3.0.0/4.1, v4.0.0/4.1, v5.0.0/4.1. Security Hub lists only v1.2.0/3.1: CIS v1.4.0 and v3.0.0 add `($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket")`, which with `||` matches nearly every event, and v4.0.0+ use `&&` there (the `CIS.4.1` variant); this text matches every event those texts mean to match.
 *
 * Security Hub relates this control to CIS v1.2.0 3.1 only. CIS v1.4.0 to v3.0 4.1 adds
 * `|| ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket")`, which matches nearly
 * every event (not shipped); this catalog keeps the v1.2.0 text that Security Hub checks. The CIS v4.0.0 text,
 * which ANDs the exclusions, is the opt-in variant `CIS.4.1`.
 * Error codes outside the two wildcards (for example `VpceAccessDenied`) are not counted.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-2
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const UNAUTHORIZED_API_CALLS: DetectionProps = {
  id: 'CloudWatch.2',
  title: 'Unauthorized API calls',
  filterPattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  metricName: 'UnauthorizedAPICalls',
  severity: DetectionSeverity.MEDIUM,
  description: 'An API call refused for lack of permission (errorCode ending in "UnauthorizedOperation" or starting with "AccessDenied"). Bursts can reveal reconnaissance with stolen credentials, or a misconfigured application.',
  remediation: 'Identify the principal and the denied actions (userIdentity.arn, eventSource, eventName). If the calls are unexpected, for example enumeration from an unusual IP address, disable the credentials and investigate; if they come from an application, fix its permissions or its code.',
  securityHubControlId: 'CloudWatch.2',
  cisControlIds: ['v1.2.0/3.1', 'v1.4.0/4.1', 'v3.0.0/4.1', 'v4.0.0/4.1', 'v5.0.0/4.1'],
};
