/**
 * The landing-zone example (examples/landing-zone): its two stacks, LogArchiveStack and
 * ManagementStack, deployed into ONE sandbox account and region.
 *
 * The example is two accounts of an AWS Organization with an organization trail. An organization
 * trail can only be created from the organization's management account (or a delegated
 * administrator), which a sandbox is not and which integration tests must never touch; so here
 * the same stacks get an ACCOUNT trail description and account-relative names. Everything else
 * (bucket and key policies bound to the trail ARN, the imported log archive, detections, routing,
 * the paging topic) is the example's code. See "Integration tests" in README.md for how to run it.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws } from 'aws-cdk-lib';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { LogArchiveNames, LogArchiveStack, ManagementStack } from '../examples/landing-zone/app';
import { TrailDescription } from '../lib';
import { assertArchiveBucket, assertDetections, assertObjectLock, assertTopicEncrypted, assertTrailLogging } from './support';

const app = new App();
// Env-agnostic: the account and region are CloudFormation pseudo parameters, resolved at deploy
// time, so the snapshot is the same whoever synthesizes it.
const trail = TrailDescription.accountTrail({ accountId: Aws.ACCOUNT_ID, region: Aws.REGION, trailName: 'integ-landing-zone-trail' });
const names: LogArchiveNames = {
  bucketName: `integ-lz-archive-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  accessLogsBucketName: `integ-lz-access-logs-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  encryptionKeyAlias: 'alias/integ-landing-zone-archive',
  encryptionKeyArn: `arn:${Aws.PARTITION}:kms:${Aws.REGION}:${Aws.ACCOUNT_ID}:alias/integ-landing-zone-archive`,
};
const logArchive = new LogArchiveStack(app, 'IntegLandingZoneLogArchive', {
  trail,
  logArchiveNames: names,
  description: 'cdk-cloudtrail-baseline integration test: the landing zone log archive stack',
});
const management = new ManagementStack(app, 'IntegLandingZoneManagement', {
  organizationScale: false,
  trail,
  logArchiveNames: names,
  description: 'cdk-cloudtrail-baseline integration test: the landing zone management stack',
});
// The management stack refers to the archive by name (as across accounts): deploy it second.
management.addDependency(logArchive);

const integ = new IntegTest(app, 'LandingZone', { testCases: [logArchive, management], diffAssets: true });

const archive = logArchive.logArchive;
const { baseline } = management;
assertTrailLogging(integ, baseline.trail.trailArn);
assertArchiveBucket(integ, { bucketName: archive.bucket.bucketName, encryptionKeyArn: archive.encryptionKey.keyArn });
assertObjectLock(integ, archive.bucket.bucketName, { mode: ObjectLockMode.GOVERNANCE, days: 365 });
assertTopicEncrypted(integ, baseline.notifications.topic.topicArn, baseline.notifications.encryptionKey.keyArn);
assertTopicEncrypted(integ, management.paging.topic.topicArn, management.paging.encryptionKey.keyArn);
assertDetections(integ, baseline.detections);

app.synth();
