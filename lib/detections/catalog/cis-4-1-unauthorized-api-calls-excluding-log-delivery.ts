import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Variant of CloudWatch.2: the CIS v4.0.0 text of "Ensure unauthorized API calls are monitored", which
 * leaves out two known sources of noise: S3 log delivery (`sourceIPAddress = delivery.logs.amazonaws.com`)
 * and `HeadBucket` (which AWS tools and the console call to probe buckets and which often fails with
 * AccessDenied).
 *
 * Related CIS requirements: v4.0.0/4.1, v5.0.0/4.1.
 *
 * The exclusions are ANDed: `(unauthorized) && (not log delivery && not HeadBucket)`. CIS v1.4.0 to v3.0.0
 * ORed them instead (`... || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket")`),
 * which matches every record whose `eventName` is not `HeadBucket`, i.e. nearly every event: that text is not
 * shipped (the corpus test shows it matching over 90% of the real records). Public copies of the v4 text
 * differ in their outer parentheses; this is the fully parenthesised form, whose meaning is the intended one
 * whatever the precedence.
 *
 * Opt-in: it does NOT satisfy Security Hub CloudWatch.2, which accepts only its own exact text.
 *
 * The filter pattern is kept byte-exact: do not reformat it.
 *
 * @see https://www.cisecurity.org/benchmark/amazon_web_services (CIS AWS Foundations Benchmark v4.0.0, 4.1)
 */
export const UNAUTHORIZED_API_CALLS_EXCLUDING_LOG_DELIVERY: DetectionProps = {
  id: 'CIS.4.1',
  title: 'Unauthorized API calls, excluding log delivery and HeadBucket',
  filterPattern: '{(($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
  metricName: 'UnauthorizedAPICallsExcludingLogDelivery',
  severity: DetectionSeverity.MEDIUM,
  description: 'An API call refused for lack of permission (errorCode ending in "UnauthorizedOperation" or starting with "AccessDenied"), except S3 log delivery and HeadBucket probes. Bursts can reveal reconnaissance with stolen credentials, or a misconfigured application.',
  remediation: 'Identify the principal and the denied actions (userIdentity.arn, eventSource, eventName). If the calls are unexpected, for example enumeration from an unusual IP address, disable the credentials and investigate; if they come from an application, fix its permissions or its code.',
  cisControlIds: ['v4.0.0/4.1', 'v5.0.0/4.1'],
};
