import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { detectionEvents } from './detection-events';
import { Detection, DetectionAlarms, DetectionSeverity } from '../../lib';

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

/** What the MFA delete vault of `TamperProtection.mfaDelete()` must look like once deployed. */
export interface MfaDeleteVaultExpectation {
  readonly archiveBucketName: string;
  readonly vaultBucketName: string;
  /** The storage class replicas arrive in, e.g. `DEEP_ARCHIVE`. */
  readonly storageClass: string;
  /** The name of the scheduled check function. */
  readonly checkFunctionName: string;
  /** The name of the MFA delete alarm. */
  readonly alarmName: string;
}

/**
 * MFA delete vault protection, as far as CloudFormation sets it up (MFA delete itself needs the
 * root user, so it is still off): the vault is versioned (`S3.GetBucketVersioning`); the archive
 * bucket replicates into it in the vault storage class without delete markers
 * (`S3.GetBucketReplication`); the check function runs and reports MFA delete off
 * (`Lambda.Invoke`); the alarm compares the metric below 1 and treats missing data as breaching
 * (`CloudWatch.DescribeAlarms`).
 */
export function assertMfaDeleteVault(integ: IntegTest, vault: MfaDeleteVaultExpectation): void {
  integ.assertions
    .awsApiCall('S3', 'getBucketVersioning', { Bucket: vault.vaultBucketName })
    .expect(ExpectedResult.objectLike({ Status: 'Enabled' }));
  integ.assertions
    .awsApiCall('S3', 'getBucketReplication', { Bucket: vault.archiveBucketName })
    .expect(ExpectedResult.objectLike({
      ReplicationConfiguration: {
        Rules: [Match.objectLike({
          Status: 'Enabled',
          DeleteMarkerReplication: { Status: 'Disabled' },
          Destination: Match.objectLike({ Bucket: `arn:aws:s3:::${vault.vaultBucketName}`, StorageClass: vault.storageClass }),
        })],
      },
    }));
  integ.assertions
    .invokeFunction({ functionName: vault.checkFunctionName })
    .expect(ExpectedResult.objectLike({
      StatusCode: 200,
      Payload: Match.stringLikeRegexp('"versioning":"Enabled".*"mfaDeleteEnabled":0'),
    }));
  integ.assertions
    .awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: [vault.alarmName] })
    .expect(ExpectedResult.objectLike({
      MetricAlarms: [Match.objectLike({
        MetricName: 'MfaDeleteEnabled',
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
      })],
    }));
}

/**
 * The archive bucket's policy carries the evidence-protection statement (`S3.GetBucketPolicy`;
 * the policy is a JSON string).
 */
export function assertEvidenceProtection(integ: IntegTest, bucketName: string): void {
  integ.assertions
    .awsApiCall('S3', 'getBucketPolicy', { Bucket: bucketName })
    .expect(ExpectedResult.objectLike({ Policy: Match.stringLikeRegexp('"Sid":"DenyEvidenceTampering"') }));
}

/**
 * The archive key's policy carries the statement that denies crypto-shredding
 * (`KMS.GetKeyPolicy`; the policy is a JSON string). The deployment itself proves that KMS's
 * policy lockout safety check accepted it: CloudFormation's role, which sets the policy, is exempt.
 */
export function assertKeyProtection(integ: IntegTest, keyArn: string): void {
  integ.assertions
    .awsApiCall('KMS', 'getKeyPolicy', { KeyId: keyArn, PolicyName: 'default' })
    .expect(ExpectedResult.objectLike({ Policy: Match.stringLikeRegexp('"Sid":"DenyKeyDestruction"') }));
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
    // Each additional filter pattern (same metric) on the same records: CloudWatch Logs must agree with the
    // offline evaluator on which of them it matches.
    const messages = [...events.positives, ...events.nearMisses];
    for (const filterPattern of detection.additionalFilterPatterns) {
      const offline = Detection.custom({ ...DETECTION_STUB, filterPattern });
      integ.assertions
        .awsApiCall('CloudWatchLogs', 'testMetricFilter', { filterPattern, logEventMessages: messages })
        .expect(ExpectedResult.objectLike({
          matches: messages.filter((m) => offline.matches(JSON.parse(m))).map((eventMessage) => ({ eventMessage })),
        }));
    }
  }
}

/** The fields a detection needs besides its pattern, to evaluate an additional pattern offline. */
const DETECTION_STUB = { id: 'Integ.Additional', title: 'additional pattern', metricName: 'IntegAdditional', severity: DetectionSeverity.LOW, description: 'offline evaluation' };
