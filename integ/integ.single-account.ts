/**
 * The single-account example (examples/single-account), deployed env-agnostic into the sandbox
 * account and region integ-runner chooses: account trail, log archive (Object Lock), detections,
 * encrypted alarm topic with the notifier, Slack webhook secret by name, monitoring.
 * See "Integration tests" in README.md for how to run it against a sandbox account.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App } from 'aws-cdk-lib';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { SingleAccountStack } from '../examples/single-account/app';
import { LogArchive } from '../lib';
import { assertArchiveBucket, assertDetections, assertObjectLock, assertTopicEncrypted, assertTrailLogging } from './support';

const app = new App();
// No env: the stack is deployed to whatever account and region integ-runner uses, and the
// snapshot does not depend on who synthesizes it.
const stack = new SingleAccountStack(app, 'IntegSingleAccount', {
  description: 'cdk-cloudtrail-baseline integration test: the single-account example',
});
const integ = new IntegTest(app, 'SingleAccount', { testCases: [stack], diffAssets: true });

const { baseline } = stack;
const logArchive = baseline.logArchive as LogArchive;
assertTrailLogging(integ, baseline.trail.trailArn);
assertArchiveBucket(integ, { bucketName: logArchive.bucket.bucketName, encryptionKeyArn: logArchive.encryptionKey.keyArn });
assertObjectLock(integ, logArchive.bucket.bucketName, { mode: ObjectLockMode.GOVERNANCE, days: 365 });
assertTopicEncrypted(integ, baseline.notifications.topic.topicArn, baseline.notifications.encryptionKey.keyArn);
assertDetections(integ, baseline.detections);

app.synth();
