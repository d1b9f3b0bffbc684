import { DetectionProps, DetectionSeverity } from '../detection-props';

/**
 * Security Hub control CloudWatch.8: "Ensure a log metric filter and alarm exist for S3 bucket policy changes".
 *
 * Related CIS requirements: v1.2.0/3.8, v1.4.0/4.8, v3.0.0/4.8, v4.0.0/4.8, v5.0.0/4.8.
 *
 * `PutBucketPublicAccessBlock`, `DeleteBucketPublicAccessBlock` and `PutBucketVersioning` are not in the CIS list.
 *
 * The filter pattern is the published text, byte-exact: do not reformat it.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-8
 * (filter text and related requirements checked against awsdocs/aws-security-hub-user-guide, doc_source/cloudwatch-controls.md @ bda5bf7ddbdf)
 */
export const S3_BUCKET_POLICY_CHANGES: DetectionProps = {
  id: 'CloudWatch.8',
  title: 'S3 bucket policy changes',
  filterPattern: '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  metricName: 'S3BucketPolicyChanges',
  severity: DetectionSeverity.MEDIUM,
  description: 'An S3 bucket\'s policy, ACL, CORS, lifecycle or replication configuration was put or deleted. These changes can expose data publicly or to other accounts, or shorten its retention.',
  remediation: 'Review the new configuration (requestParameters). Revert changes that make data public or shared unexpectedly, or that shorten the retention of log buckets, and check S3 Block Public Access.',
  securityHubControlId: 'CloudWatch.8',
  cisControlIds: ['v1.2.0/3.8', 'v1.4.0/4.8', 'v3.0.0/4.8', 'v4.0.0/4.8', 'v5.0.0/4.8'],
};
