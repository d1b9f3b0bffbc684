import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { detectionEvents } from './detection-events';
import { DetectionAlarms } from '../../lib';

/**
 * Deploy-time assertions shared by the integration tests. Each one calls a real AWS API (through
 * integ-tests-alpha's assertion provider, a Lambda-backed custom resource in the assertion stack)
 * after the test stacks are deployed. They run only with `integ-runner --update-on-failed` (or
 * `--force`) against an account; the snapshot check in CI only synthesizes them.
 */

/** The trail is logging (`CloudTrail.GetTrailStatus` → `IsLogging: true`). */
export function assertTrailLogging(integ: IntegTest, trailArn: string): void {
  integ.assertions
    .awsApiCall('CloudTrail', 'getTrailStatus', { Name: trailArn })
    .expect(ExpectedResult.objectLike({ IsLogging: true }));
}

/** What the log archive bucket's Object Lock default retention must be. */
export interface ExpectedObjectLock {
  readonly mode: ObjectLockMode;
  readonly days: number;
}

/** The properties of the log archive bucket every protection mode shares. */
export interface ArchiveBucketExpectation {
  readonly bucketName: string;
  /** The archive key's ARN, as set in the bucket's default encryption. */
  readonly encryptionKeyArn: string;
}

/**
 * The archive bucket is versioned and encrypted by default with SSE-KMS under the archive key,
 * with an S3 Bucket Key (`S3.GetBucketVersioning`, `S3.GetBucketEncryption`).
 */
export function assertArchiveBucket(integ: IntegTest, bucket: ArchiveBucketExpectation): void {
  integ.assertions
    .awsApiCall('S3', 'getBucketVersioning', { Bucket: bucket.bucketName })
    .expect(ExpectedResult.objectLike({ Status: 'Enabled' }));
  integ.assertions
    .awsApiCall('S3', 'getBucketEncryption', { Bucket: bucket.bucketName })
    .expect(ExpectedResult.objectLike({
      ServerSideEncryptionConfiguration: {
        Rules: [{
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: bucket.encryptionKeyArn },
          BucketKeyEnabled: true,
        }],
      },
    }));
}

/**
 * Object Lock protection: enabled, with the default retention (`S3.GetObjectLockConfiguration`).
 */
export function assertObjectLock(integ: IntegTest, bucketName: string, expected: ExpectedObjectLock): void {
  integ.assertions
    .awsApiCall('S3', 'getObjectLockConfiguration', { Bucket: bucketName })
    .expect(ExpectedResult.objectLike({
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: expected.mode, Days: expected.days } },
      },
    }));
}

/** The alarm topic is encrypted with the customer managed key (`SNS.GetTopicAttributes`). */
export function assertTopicEncrypted(integ: IntegTest, topicArn: string, keyArn: string): void {
  integ.assertions
    .awsApiCall('SNS', 'getTopicAttributes', { TopicArn: topicArn })
    .expect(ExpectedResult.objectLike({ Attributes: { KmsMasterKeyId: keyArn } }));
}

/**
 * Every detection's filter pattern, tested by CloudWatch Logs itself (`CloudWatchLogs.TestMetricFilter`)
 * on real CloudTrail records: the positives (first) must be exactly the matches, so none of the
 * near misses (after them) may match. `objectLike` compares arrays element by element and by length.
 */
export function assertDetections(integ: IntegTest, detections: DetectionAlarms): void {
  for (const id of detections.detectionIds) {
    const detection = detections.detectionFor(id);
    const events = detectionEvents(detection);
    integ.assertions
      .awsApiCall('CloudWatchLogs', 'testMetricFilter', {
        filterPattern: detection.filterPattern,
        logEventMessages: [...events.positives, ...events.nearMisses],
      })
      .expect(ExpectedResult.objectLike({
        matches: events.positives.map((eventMessage) => ({ eventMessage })),
      }));
  }
}
