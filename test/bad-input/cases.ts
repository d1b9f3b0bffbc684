/**
 * Every refused input of issue 12 §1, by class, run through the public API the way a jsii caller
 * (JavaScript, Python) would: values TypeScript forbids are cast through `unknown`. The test files
 * of this folder run them; `docs-table.test.ts` renders them, with the messages they produce, into
 * docs/bad-input.md.
 */
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StorageClass } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AlarmNotifications, ChatWebhook } from '../../lib/alarm-actions';
import { CloudTrailBaseline } from '../../lib/baseline';
import { Detection, DetectionAlarms, Detections, DetectionSeverity } from '../../lib/detections';
import { ArchiveQueries } from '../../lib/history';
import { LogArchive, TamperProtection } from '../../lib/log-archive';
import { BaselineMonitoring } from '../../lib/monitoring';
import { MemberAccountDetections, TrailDescription } from '../../lib/organization';
import { BaselineTrail, DataEvents, DataEventsAggregation, InsightEventCategory, NetworkActivityEvents, NetworkActivityEventSource } from '../../lib/trail';

export type BadInputClass = 'two of a kind' | 'what TypeScript hides' | 'silently ignored' | 'wrong place' | 'quotas' | 'upstream errors';

export interface BadInputCase {
  readonly kind: BadInputClass;
  /** The property the error names (a prefix of `CloudTrailBaselineError.property`). */
  readonly property: string;
  /** The input, in words, for the docs. */
  readonly input: string;
  /** Builds the case (and synthesizes, for checks that run at synth). */
  readonly run: () => void;
  /** The error is a synth-time validation (not a `CloudTrailBaselineError` thrown by a constructor). */
  readonly atSynth?: boolean;
}

export const ENV = { account: '111111111111', region: 'us-east-1' };
const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive';

export function newStack(props: StackProps = { env: ENV }, app = new App(), id = 'Stack'): Stack {
  return new Stack(app, id, props);
}

/** A value TypeScript would refuse, as a jsii caller can pass it. */
export const js = <T>(value: unknown): T => value as T;

export const imported = (stack: Stack) => LogArchive.fromLogArchiveAttributes(stack, 'Imported', {
  bucketName: 'example-cloudtrail-archive', encryptionKeyArn: KEY_ARN,
});
const trailIn = (stack: Stack, props: object = {}) => new BaselineTrail(stack, 'Trail', { logArchive: imported(stack), trailName: 'account-trail', ...props });
const accountTrail = () => TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: 'account-trail' });
const detection = (props: object = {}) => ({
  id: 'Custom.1',
  title: 'Custom',
  metricName: 'Custom1',
  severity: 'LOW',
  description: 'A custom detection.',
  filterPattern: '{ $.eventName = "CreateUser" }',
  ...props,
});
const synth = (stack: Stack) => Template.fromStack(stack);

export const CASES: BadInputCase[] = [
  // Two of a kind: physical names AWS keeps unique, claimed per app and environment.
  {
    kind: 'two of a kind',
    property: 'DetectionAlarmsProps.alarmNamePrefix',
    input: 'two DetectionAlarms on one log group, same (default) prefix',
    run: () => {
      const stack = newStack();
      const logGroup = new LogGroup(stack, 'LogGroup');
      new DetectionAlarms(stack, 'A', { logGroup, detections: [Detections.rootUserUsage()] });
      new DetectionAlarms(stack, 'B', { logGroup, detections: [Detections.rootUserUsage()] });
    },
  },
  {
    kind: 'two of a kind',
    property: 'CloudTrailBaselineProps.trailName',
    input: 'two CloudTrailBaselines in one stack, default trail name',
    run: () => {
      const stack = newStack();
      new CloudTrailBaseline(stack, 'A', { notificationEmails: ['security@example.com'] });
      new CloudTrailBaseline(stack, 'B', { notificationEmails: ['security@example.com'] });
    },
  },
  {
    kind: 'two of a kind',
    property: 'BaselineTrailProps.trailName',
    input: 'two BaselineTrails of one name in two stacks of one account and region',
    run: () => {
      const app = new App();
      trailIn(newStack({ env: ENV }, app, 'One'));
      trailIn(newStack({ env: ENV }, app, 'Two'));
    },
  },
  {
    kind: 'two of a kind',
    property: 'BaselineTrailProps.logGroupName',
    input: 'two BaselineTrails with one logGroupName',
    run: () => {
      const stack = newStack();
      const logArchive = imported(stack);
      new BaselineTrail(stack, 'A', { logArchive, trailName: 'trail-a', logGroupName: 'cloudtrail/shared' });
      new BaselineTrail(stack, 'B', { logArchive, trailName: 'trail-b', logGroupName: 'cloudtrail/shared' });
    },
  },
  {
    kind: 'two of a kind',
    property: 'BaselineMonitoringProps.alarmNamePrefix',
    input: 'two BaselineMonitorings with one prefix',
    run: () => {
      const stack = newStack();
      const trailLogGroup = new LogGroup(stack, 'LogGroup');
      new BaselineMonitoring(stack, 'A', { trailLogGroup });
      new BaselineMonitoring(stack, 'B', { trailLogGroup });
    },
  },
  {
    kind: 'two of a kind',
    property: 'AlarmNotificationsProps.topicName',
    input: 'two AlarmNotifications with one topicName',
    run: () => {
      const stack = newStack();
      new AlarmNotifications(stack, 'A', { topicName: 'security-alarms', notifier: false });
      new AlarmNotifications(stack, 'B', { topicName: 'security-alarms', notifier: false });
    },
  },
  {
    kind: 'two of a kind',
    property: 'BaselineMonitoringProps.dashboardName',
    input: 'two dashboards of one name in one account (two regions)',
    run: () => {
      const app = new App();
      for (const region of ['us-east-1', 'eu-west-1']) {
        const stack = newStack({ env: { ...ENV, region } }, app, `Stack-${region}`);
        new BaselineMonitoring(stack, 'Monitoring', { trailLogGroup: new LogGroup(stack, 'LogGroup'), alarmNamePrefix: `${region}-`, dashboardName: 'cloudtrail-baseline' });
      }
    },
  },
  {
    kind: 'two of a kind',
    property: 'LogArchiveProps.bucketName',
    input: 'two LogArchives with one bucketName (any account or region)',
    run: () => {
      const app = new App();
      new LogArchive(newStack({ env: ENV }, app, 'One'), 'Archive', { trails: [accountTrail()], bucketName: 'example-archive' });
      new LogArchive(newStack({ env: { ...ENV, region: 'eu-west-1' } }, app, 'Two'), 'Archive', { replicaOf: 'example-source', bucketName: 'example-archive' });
    },
  },

  // What TypeScript hides: values a JavaScript or Python caller can pass.
  {
    kind: 'what TypeScript hides',
    property: 'DetectionProps.severity',
    input: "severity 'URGENT'",
    run: () => Detection.custom(js(detection({ severity: 'URGENT' }))),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.insightTypes[0]',
    input: "insightTypes: ['ApiCallRateInsight'] (a string, not an InsightType)",
    run: () => trailIn(newStack(), { insightTypes: js(['ApiCallRateInsight']) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.insightTypes[1]',
    input: 'the same InsightType twice',
    run: () => trailIn(newStack(), { insightTypes: [InsightType.API_CALL_RATE, InsightType.API_CALL_RATE] }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'CloudTrailBaselineProps.insightTypes[1]',
    input: 'the same InsightType twice (CloudTrailBaseline)',
    run: () => new CloudTrailBaseline(newStack(), 'Baseline', { insightTypes: [InsightType.API_ERROR_RATE, InsightType.API_ERROR_RATE] }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.cloudWatchLogsRetention',
    input: 'cloudWatchLogsRetention: 500 (not a RetentionDays value)',
    run: () => trailIn(newStack(), { cloudWatchLogsRetention: js<RetentionDays>(500) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'CloudTrailBaselineProps.cloudWatchLogsRetention',
    input: 'cloudWatchLogsRetention: 500 (CloudTrailBaseline)',
    run: () => new CloudTrailBaseline(newStack(), 'Baseline', { cloudWatchLogsRetention: js<RetentionDays>(500) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'AlarmNotificationsProps.topicName',
    input: "topicName 'security alarms' (a space)",
    run: () => new AlarmNotifications(newStack(), 'Notifications', { topicName: 'security alarms' }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'AlarmNotificationsProps.topicName',
    input: "topicName 'security-alarms.fifo' (a FIFO topic name)",
    run: () => new AlarmNotifications(newStack(), 'Notifications', { topicName: 'security-alarms.fifo' }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'AlarmNotificationsProps.topicName',
    input: 'topicName of 257 characters',
    run: () => new AlarmNotifications(newStack(), 'Notifications', { topicName: 'a'.repeat(257) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'ChatWebhook.slack(secret)',
    input: 'ChatWebhook.slack(undefined)',
    run: () => ChatWebhook.slack(js(undefined)),
  },
  {
    kind: 'what TypeScript hides',
    property: 'AlarmNotificationsProps.emailAddresses',
    input: "emailAddresses: 'security@example.com' (a string, not a list)",
    run: () => new AlarmNotifications(newStack(), 'Notifications', { emailAddresses: js('security@example.com') }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'AlarmNotificationsProps.chatWebhooks[0]',
    input: 'chatWebhooks: [{ kind: "slack" }] (not made by a ChatWebhook factory)',
    run: () => new AlarmNotifications(newStack(), 'Notifications', { chatWebhooks: js([{ kind: 'slack' }]) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.logArchive',
    input: 'no logArchive',
    run: () => new BaselineTrail(newStack(), 'Trail', js({ trailName: 'account-trail' })),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.isOrganizationTrail',
    input: "isOrganizationTrail: 'true' (a string)",
    run: () => trailIn(newStack(), { isOrganizationTrail: 'true', organizationId: 'o-a1b2c3d4e5' }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineTrailProps.description',
    input: 'description: a plain object, not a TrailDescription',
    run: () => new BaselineTrail(newStack(), 'Trail', { logArchive: imported(newStack()), description: js({ trailName: 'account-trail' }) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'BaselineMonitoringProps.heartbeatWindow',
    input: 'heartbeatWindow: 3600 (a number, not a Duration)',
    run: () => new BaselineMonitoring(newStack(), 'Monitoring', { trailLogGroup: new LogGroup(newStack(), 'LogGroup'), heartbeatWindow: js(3600) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.lifecycle.expiration',
    input: 'lifecycle.expiration: 2557 (a number, not a Duration)',
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], lifecycle: { expiration: js(2557) } }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.lifecycle.deepArchiveMinimumObjectSize',
    input: 'lifecycle.deepArchiveMinimumObjectSize: 40960 (a number, not a Size)',
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], lifecycle: { deepArchiveMinimumObjectSize: js(40960) } }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.removalPolicy',
    input: "removalPolicy: 'keep'",
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], removalPolicy: js('keep') }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.tamperProtection',
    input: "tamperProtection: { kind: 'objectLock' } (not made by a TamperProtection factory)",
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], tamperProtection: js({ kind: 'objectLock' }) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.replication.storageClass',
    input: "replication.storageClass: 'GLACIER' (a string, not a StorageClass)",
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], replication: { region: 'us-west-2', bucketName: 'example-replica', storageClass: js<StorageClass>('GLACIER') } }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'LogArchiveProps.replication.bucketName',
    input: 'replication without bucketName',
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], replication: js({ region: 'us-west-2' }) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'DetectionAlarmsProps.detections[0]',
    input: 'detections: [a plain object] (not a Detection)',
    run: () => new DetectionAlarms(newStack(), 'Detections', { logGroup: new LogGroup(newStack(), 'LogGroup'), detections: js([detection()]) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'DetectionAlarmsProps.detectionAlarmActions[0].alarmActions',
    input: "detectionAlarmActions: [{ detectionId: 'CloudWatch.1' }] (no alarmActions)",
    run: () => new DetectionAlarms(newStack(), 'Detections', { logGroup: new LogGroup(newStack(), 'LogGroup'), detectionAlarmActions: js([{ detectionId: 'CloudWatch.1' }]) }),
  },
  {
    kind: 'what TypeScript hides',
    property: 'DataEvents.s3Buckets.bucketNames',
    input: "DataEvents.s3Buckets('example-data') (a string, not a list)",
    run: () => DataEvents.s3Buckets(js('example-data')),
  },
  {
    kind: 'what TypeScript hides',
    property: 'OrganizationTrailDescriptionProps.region',
    input: 'organizationTrail without region',
    run: () => TrailDescription.organizationTrail(js({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', trailName: 'org-trail' })),
  },

  {
    kind: 'wrong place',
    property: 'MemberAccountDetectionsProps.trail',
    input: 'MemberAccountDetections with an account trail (not TrailDescription.memberAccountTrails())',
    run: () => {
      const stack = newStack();
      new MemberAccountDetections(stack, 'Members', {
        trail: accountTrail(), logArchive: imported(stack), organizationalUnitIds: ['ou-ab12-workloads'], emailAddresses: ['soc@example.com'],
      });
    },
  },
  {
    kind: 'wrong place',
    property: 'MemberAccountDetectionsProps.logArchive',
    input: 'MemberAccountDetections with a LogArchive of this app (its names are tokens the member accounts cannot resolve)',
    run: () => {
      const stack = newStack();
      const trail = TrailDescription.memberAccountTrails({ organizationId: 'o-a1b2c3d4e5', region: 'us-east-1', trailName: 'member-trail' });
      new MemberAccountDetections(stack, 'Members', {
        trail, logArchive: new LogArchive(stack, 'Archive', { trails: [trail] }), organizationalUnitIds: ['ou-ab12-workloads'], emailAddresses: ['soc@example.com'],
      });
    },
  },

  // Silently ignored: a prop that would have no effect in this combination.
  {
    kind: 'silently ignored',
    property: 'CloudTrailBaselineProps.logArchiveProps',
    input: 'logArchiveProps together with logArchive',
    run: () => {
      const stack = newStack();
      new CloudTrailBaseline(stack, 'Baseline', { logArchive: imported(stack), logArchiveProps: { bucketName: 'example-archive' } });
    },
  },
  {
    kind: 'silently ignored',
    property: 'BaselineTrailProps.dataEvents[0]',
    input: 'S3 data events of the archive bucket, named by token (archive.bucket.bucketName, generated name)',
    run: () => {
      const stack = newStack();
      const archive = new LogArchive(stack, 'Archive');
      new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'account-trail', dataEvents: [DataEvents.s3Buckets([archive.bucket.bucketName])] });
    },
  },
  {
    kind: 'silently ignored',
    property: 'BaselineTrailProps.dataEvents[1]',
    input: 'S3 data events under a prefix of the access-logs bucket, named by token',
    run: () => {
      const stack = newStack();
      const archive = new LogArchive(stack, 'Archive');
      new BaselineTrail(stack, 'Trail', {
        logArchive: archive,
        trailName: 'account-trail',
        dataEvents: [DataEvents.lambdaAllFunctions(), DataEvents.s3Prefixes(archive.accessLogsBucket.bucketName, ['archive-bucket/'])],
      });
    },
  },
  {
    kind: 'silently ignored',
    property: 'CloudTrailBaselineProps.dataEvents[0]',
    input: "CloudTrailBaseline: S3 data events of its own archive's bucket",
    run: () => {
      const stack = newStack();
      const baseline = new CloudTrailBaseline(stack, 'First', { trailName: 'first' });
      new CloudTrailBaseline(stack, 'Second', { trailName: 'second', logArchive: baseline.logArchive, alarmNamePrefix: 'second-', dataEvents: [DataEvents.s3Buckets([baseline.logArchive.bucket.bucketName])] });
    },
  },
  {
    kind: 'silently ignored',
    property: 'CloudTrailBaselineProps.notificationEmail',
    input: "a misspelt prop (notificationEmail: ['security@example.com'])",
    run: () => new CloudTrailBaseline(newStack(), 'Baseline', js({ notificationEmail: ['security@example.com'] })),
  },
  {
    kind: 'silently ignored',
    property: 'LogArchiveProps.lifecycle.expirationDays',
    input: 'a misspelt nested prop (lifecycle.expirationDays)',
    run: () => new LogArchive(newStack(), 'Archive', { trails: [accountTrail()], lifecycle: js({ expirationDays: 365 }) }),
  },

  {
    kind: 'silently ignored',
    property: 'AlarmNotificationsProps.cloudTrailLogGroup',
    input: 'cloudTrailLogGroup with notifier: false (only the notifier reads it)',
    run: () => {
      const stack = newStack();
      new AlarmNotifications(stack, 'Notifications', { notifier: false, cloudTrailLogGroup: new LogGroup(stack, 'LogGroup') });
    },
  },

  // Wrong place.
  {
    kind: 'wrong place',
    property: 'BaselineTrailProps.logGroupEncryptionKey',
    input: 'an imported key of another region (Key.fromKeyArn)',
    run: () => {
      const stack = newStack();
      trailIn(stack, { logGroupEncryptionKey: Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab') });
    },
  },
  {
    kind: 'wrong place',
    property: 'BaselineTrailProps.logGroupEncryptionKey',
    input: 'an imported key of another partition',
    run: () => {
      const stack = newStack();
      trailIn(stack, { logGroupEncryptionKey: Key.fromKeyArn(stack, 'Key', 'arn:aws-cn:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab') });
    },
  },
  {
    kind: 'wrong place',
    property: 'BaselineTrailProps.logGroupEncryptionKey',
    input: 'a key created in a stack of another region',
    run: () => {
      const app = new App();
      const keyStack = newStack({ env: { ...ENV, region: 'eu-west-1' }, crossRegionReferences: true }, app, 'Keys');
      const stack = newStack({ env: ENV, crossRegionReferences: true }, app, 'Trail');
      trailIn(stack, { logGroupEncryptionKey: new Key(keyStack, 'Key') });
    },
  },

  // Quotas.
  {
    kind: 'quotas',
    property: 'BaselineTrail',
    input: 'a 6th trail in one stack (CloudTrail: 5 trails per region, hard)',
    atSynth: true,
    run: () => {
      const stack = newStack();
      const logArchive = imported(stack);
      for (const n of [1, 2, 3, 4, 5, 6]) new BaselineTrail(stack, `Trail${n}`, { logArchive, trailName: `trail-${n}` });
      synth(stack);
    },
  },

  // Upstream errors, wrapped with the prop and the rule.
  {
    kind: 'upstream errors',
    property: 'ObjectLockProtectionOptions.retention',
    input: 'Object Lock retention of 36,501 days (over 100 years)',
    run: () => TamperProtection.objectLock({ retention: Duration.days(36_501) }),
  },
  {
    kind: 'upstream errors',
    property: 'AlarmNotificationsProps.emailAddresses[1]',
    input: 'the same email address twice (any case)',
    run: () => new AlarmNotifications(newStack(), 'Notifications', { emailAddresses: ['security@example.com', 'Security@Example.com'] }),
  },
  {
    kind: 'upstream errors',
    property: 'CloudTrailBaselineProps.notificationEmails[1]',
    input: 'the same email address twice (CloudTrailBaseline)',
    run: () => new CloudTrailBaseline(newStack(), 'Baseline', { notificationEmails: ['security@example.com', 'security@example.com'] }),
  },
  {
    kind: 'upstream errors',
    property: 'AlarmNotificationsProps.httpsEndpoints[1]',
    input: 'the same HTTPS endpoint twice',
    run: () => new AlarmNotifications(newStack(), 'Notifications', { httpsEndpoints: ['https://events.example.com/sns', 'https://events.example.com/sns'] }),
  },
  {
    kind: 'upstream errors',
    property: 'AlarmNotificationsProps.sqsQueues[1]',
    input: 'the same SQS queue twice',
    run: () => {
      const stack = newStack();
      const queue = new Queue(stack, 'Queue');
      new AlarmNotifications(stack, 'Notifications', { sqsQueues: [queue, queue] });
    },
  },
  {
    kind: 'silently ignored',
    property: 'BaselineTrailProps.insightEventCategories',
    input: 'Insights on data events (InsightEventCategory.DATA) on a trail without data events',
    run: () => {
      const stack = newStack();
      new BaselineTrail(stack, 'Trail', {
        logArchive: imported(stack),
        trailName: 'account-trail',
        insightTypes: [InsightType.API_CALL_RATE],
        insightEventCategories: [InsightEventCategory.DATA],
      });
    },
  },
  {
    kind: 'silently ignored',
    property: 'BaselineTrailProps.dataEventsAggregations',
    input: 'data-event aggregation on a trail without data events',
    run: () => {
      const stack = newStack();
      new BaselineTrail(stack, 'Trail', { logArchive: imported(stack), trailName: 'account-trail', dataEventsAggregations: [DataEventsAggregation.API_ACTIVITY] });
    },
  },
  {
    kind: 'two of a kind',
    property: 'BaselineTrailProps.networkActivityEvents[1]',
    input: 'the same network activity event source in two entries',
    run: () => {
      const stack = newStack();
      new BaselineTrail(stack, 'Trail', {
        logArchive: imported(stack),
        trailName: 'account-trail',
        networkActivityEvents: [
          NetworkActivityEvents.vpceAccessDenied([NetworkActivityEventSource.KMS]),
          NetworkActivityEvents.all([NetworkActivityEventSource.KMS]),
        ],
      });
    },
  },
  {
    kind: 'quotas',
    property: 'BaselineTrailProps.dataEvents and BaselineTrailProps.networkActivityEvents',
    input: 'network activity selectors whose VPC endpoint IDs take the trail over 500 condition values',
    run: () => {
      const stack = newStack();
      const ids = Array.from({ length: 170 }, (_, i) => `vpce-${i.toString(16).padStart(8, '0')}`);
      new BaselineTrail(stack, 'Trail', {
        logArchive: imported(stack),
        trailName: 'account-trail',
        networkActivityEvents: [NetworkActivityEvents.all(
          [NetworkActivityEventSource.KMS, NetworkActivityEventSource.S3, NetworkActivityEventSource.EC2], { vpcEndpointIds: ids })],
      });
    },
  },
  {
    kind: 'two of a kind',
    property: 'DetectionProps.additionalFilterPatterns[0]',
    input: "a detection's additional filter pattern equal to its filterPattern",
    run: () => {
      Detection.custom({
        id: 'Custom.1',
        title: 'x',
        metricName: 'X',
        severity: js('MEDIUM'),
        description: 'x',
        filterPattern: '{ $.eventName = CreateUser }',
        additionalFilterPatterns: ['{ $.eventName = CreateUser }'],
      });
    },
  },
  {
    kind: 'what TypeScript hides',
    property: 'ArchiveQueriesProps.accounts',
    input: 'one account ID as a string, not a list',
    run: () => {
      const stack = newStack();
      new ArchiveQueries(stack, 'History', { logArchive: imported(stack), accounts: js<string[]>('111111111111'), regions: ['us-east-1'] });
    },
  },
  {
    kind: 'quotas',
    property: 'ArchiveQueriesProps.bytesScannedCutoffPerQuery',
    input: 'a per-query cutoff under Athena\'s 10 MB minimum',
    run: () => {
      const stack = newStack();
      new ArchiveQueries(stack, 'History', { logArchive: imported(stack), accounts: ['111111111111'], regions: ['us-east-1'], bytesScannedCutoffPerQuery: 1_000_000 });
    },
  },
  {
    kind: 'two of a kind',
    property: 'ArchiveQueriesProps.workGroupName',
    input: 'two ArchiveQueries with the same Athena workgroup name in one account and region',
    run: () => {
      const stack = newStack();
      const logArchive = imported(stack);
      new ArchiveQueries(stack, 'History', { logArchive, accounts: ['111111111111'], regions: ['us-east-1'], databaseName: 'first' });
      new ArchiveQueries(stack, 'Again', { logArchive, accounts: ['111111111111'], regions: ['us-east-1'], databaseName: 'second' });
    },
  },
  {
    kind: 'upstream errors',
    property: 'ArchiveQueriesProps.detections (detection Custom.Wildcard)',
    input: 'a detection whose filter pattern SQL cannot express (a wildcard selector)',
    run: () => {
      const stack = newStack();
      const wildcard = Detection.custom({
        id: 'Custom.Wildcard',
        title: 'Any resource',
        metricName: 'CustomWildcard',
        severity: DetectionSeverity.LOW,
        description: 'x',
        filterPattern: '{ $.resources[*].ARN = "arn:aws:s3:::secret*" }',
      });
      new ArchiveQueries(stack, 'History', { logArchive: imported(stack), accounts: ['111111111111'], regions: ['us-east-1'], detections: [wildcard] });
    },
  },
];

/** Runs a case and returns what it threw. */
export function errorOf(c: BadInputCase): Error | undefined {
  try {
    c.run();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

/**
 * Asserts that a case is refused: a `CloudTrailBaselineError` naming the property (or, for a
 * synth-time validation, a message that starts with it).
 */
export function expectRefused(c: BadInputCase): void {
  const error = errorOf(c);
  if (error === undefined) throw new Error(`${c.input}: accepted, but ${c.property} should have been refused`);
  if (c.atSynth) {
    expect(error.message).toContain(`${c.property}: `);
    return;
  }
  expect(error.name).toBe('CloudTrailBaselineError');
  expect((error as any).property.startsWith(c.property)).toBe(true);
  expect(error.message.startsWith(`${c.property}`)).toBe(true);
}

/** The cases of one class, for `test.each`. */
export function casesOf(kind: BadInputClass): Array<[string, BadInputCase]> {
  return CASES.filter((c) => c.kind === kind).map((c) => [`${c.property}: ${c.input}`, c]);
}
