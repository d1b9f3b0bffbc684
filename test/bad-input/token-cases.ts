/**
 * Every public string, number and Duration property given as a token (a `CfnParameter`, as a landing
 * zone passes IDs), and what must happen: `works` (synth succeeds and the token is in the template)
 * or `refused` (a `CloudTrailBaselineError` naming the property and saying it must be a literal).
 * Run by tokens.test.ts; listed in docs/bad-input.md.
 */
import { App, CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AlarmNotifications, ChatWebhook } from '../../lib/alarm-actions';
import { CloudTrailBaseline } from '../../lib/baseline';
import { Detection, DetectionAlarms, Detections, DetectionSeverity } from '../../lib/detections';
import { LogArchive, TamperProtection } from '../../lib/log-archive';
import { BaselineMonitoring } from '../../lib/monitoring';
import { TrailDescription } from '../../lib/organization';
import { BaselineTrail, DataEvents } from '../../lib/trail';

const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive';

export interface TokenCase {
  /** The property, as errors name it. */
  readonly property: string;
  /** `works`: synth succeeds and the parameter is referenced; `refused`: a CloudTrailBaselineError naming the property. */
  readonly outcome: 'works' | 'refused';
  /** Why an accepted token does not appear in the template (it is not rendered anywhere). */
  readonly notInTemplate?: string;
  /** Builds the case in `stack` with `token` (a string parameter), `n` (a number parameter). */
  readonly build: (stack: Stack, t: Tokens) => void;
}

export interface Tokens {
  readonly str: string;
  readonly num: number;
  readonly list: string[];
}

const accountTrail = (_stack: Stack) => TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: 'account-trail' });
const archive = (stack: Stack, props: object = {}) => new LogArchive(stack, 'Archive', { trails: [accountTrail(stack)], ...props });
const imported = (stack: Stack, attrs: object = {}) => LogArchive.fromLogArchiveAttributes(stack, 'Imported', {
  bucketName: 'example-cloudtrail-archive', encryptionKeyArn: KEY_ARN, ...attrs,
});
const trail = (stack: Stack, props: object = {}) => new BaselineTrail(stack, 'Trail', { logArchive: imported(stack), trailName: 'account-trail', ...props });
const detection = (props: object = {}) => Detection.custom({
  id: 'Custom.1',
  title: 'Custom',
  metricName: 'Custom1',
  severity: DetectionSeverity.LOW,
  description: 'A custom detection.',
  filterPattern: '{ $.eventName = "CreateUser" }',
  ...props,
});
const alarms = (stack: Stack, props: object = {}) => new DetectionAlarms(stack, 'Detections', {
  logGroup: new LogGroup(stack, 'LogGroup'), detections: [detection()], ...props,
});

export const TOKEN_CASES: TokenCase[] = [
  // TrailDescription
  { property: 'OrganizationTrailDescriptionProps.organizationId', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.organizationTrail({ organizationId: t.str, managementAccountId: '111111111111', region: 'us-east-1', trailName: 'org-trail' })] }) },
  { property: 'OrganizationTrailDescriptionProps.managementAccountId', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: t.str, region: 'us-east-1', trailName: 'org-trail' })] }) },
  { property: 'OrganizationTrailDescriptionProps.region', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', region: t.str, trailName: 'org-trail' })] }) },
  { property: 'OrganizationTrailDescriptionProps.trailName', outcome: 'refused', build: (_s, t) => TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', region: 'us-east-1', trailName: t.str }) },
  { property: 'OrganizationTrailDescriptionProps.partition', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.organizationTrail({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', region: 'us-east-1', trailName: 'org-trail', partition: t.str })] }) },
  { property: 'AccountTrailDescriptionProps.accountId', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.accountTrail({ accountId: t.str, region: 'us-east-1', trailName: 'account-trail' })] }) },
  { property: 'AccountTrailDescriptionProps.region', outcome: 'works', build: (s, t) => archive(s, { trails: [TrailDescription.accountTrail({ accountId: '111111111111', region: t.str, trailName: 'account-trail' })] }) },
  { property: 'AccountTrailDescriptionProps.trailName', outcome: 'refused', build: (_s, t) => TrailDescription.accountTrail({ accountId: '111111111111', region: 'us-east-1', trailName: t.str }) },
  // BaselineTrail
  { property: 'BaselineTrailProps.trailName', outcome: 'refused', build: (s, t) => trail(s, { trailName: t.str }) },
  { property: 'BaselineTrailProps.organizationId', outcome: 'works', build: (s, t) => trail(s, { isOrganizationTrail: true, organizationId: t.str }) },
  { property: 'BaselineTrailProps.managementAccountId', outcome: 'works', build: (s, t) => trail(s, { isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5', managementAccountId: t.str }) },
  { property: 'BaselineTrailProps.logGroupName', outcome: 'works', build: (s, t) => trail(s, { logGroupName: t.str }) },
  { property: 'BaselineTrailProps.cloudWatchLogsRetention', outcome: 'refused', build: (s, t) => trail(s, { cloudWatchLogsRetention: t.num }) },
  // DataEvents
  { property: 'DataEvents.s3Buckets.bucketNames', outcome: 'works', build: (s, t) => trail(s, { dataEvents: [DataEvents.s3Buckets([t.str])] }) },
  { property: 'DataEvents.s3Prefixes.bucketName', outcome: 'works', build: (s, t) => trail(s, { dataEvents: [DataEvents.s3Prefixes(t.str, ['uploads/'])] }) },
  { property: 'DataEvents.s3Prefixes.prefixes', outcome: 'works', build: (s, t) => trail(s, { dataEvents: [DataEvents.s3Prefixes('example-data', [t.str])] }) },
  { property: 'DataEvents.lambdaFunctions.functionArns', outcome: 'works', build: (s, t) => trail(s, { dataEvents: [DataEvents.lambdaFunctions([t.str])] }) },
  { property: 'DataEvents.dynamoDbTables.tableArns', outcome: 'works', build: (s, t) => trail(s, { dataEvents: [DataEvents.dynamoDbTables([t.str])] }) },
  // CloudTrailBaseline
  { property: 'CloudTrailBaselineProps.trailName', outcome: 'refused', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { trailName: t.str }) },
  { property: 'CloudTrailBaselineProps.organizationId', outcome: 'works', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { organizationId: t.str, logArchive: imported(s) }) },
  { property: 'CloudTrailBaselineProps.alarmNamePrefix', outcome: 'refused', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { alarmNamePrefix: t.str }) },
  { property: 'CloudTrailBaselineProps.notificationEmails', outcome: 'works', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { notificationEmails: [t.str] }) },
  { property: 'CloudTrailBaselineProps.disabledDetections', outcome: 'refused', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { disabledDetections: [t.str] }) },
  { property: 'CloudTrailBaselineProps.heartbeatWindow', outcome: 'refused', build: (s, t) => new CloudTrailBaseline(s, 'Baseline', { heartbeatWindow: Duration.minutes(t.num) }) },
  // LogArchive
  { property: 'LogArchiveProps.bucketName', outcome: 'works', build: (s, t) => archive(s, { bucketName: t.str }) },
  { property: 'LogArchiveProps.accessLogsBucketName', outcome: 'works', build: (s, t) => archive(s, { accessLogsBucketName: t.str }) },
  { property: 'LogArchiveProps.encryptionKeyAlias', outcome: 'refused', build: (s, t) => archive(s, { encryptionKeyAlias: t.str }) },
  { property: 'LogArchiveProps.s3KeyPrefix', outcome: 'works', build: (s, t) => archive(s, { s3KeyPrefix: t.str }) },
  { property: 'LogArchiveProps.breakGlassRoleArns', outcome: 'works', build: (s, t) => archive(s, { breakGlassRoleArns: [t.str] }) },
  { property: 'LogArchiveProps.deploymentRoleArn', outcome: 'works', build: (s, t) => archive(s, { deploymentRoleArn: t.str }) },
  { property: 'LogArchiveProps.replicaOf', outcome: 'works', notInTemplate: 'the replica names its source nowhere in its template (the source replicates into it)', build: (s, t) => new LogArchive(s, 'Archive', { replicaOf: t.str }) },
  { property: 'LogArchiveProps.replication.region', outcome: 'refused', build: (s, t) => archive(s, { replication: { region: t.str, bucketName: 'example-replica' } }) },
  { property: 'LogArchiveProps.replication.bucketName', outcome: 'refused', build: (s, t) => archive(s, { replication: { region: 'us-west-2', bucketName: t.str } }) },
  { property: 'LogArchiveProps.replication.encryptionKeyAlias', outcome: 'refused', build: (s, t) => archive(s, { replication: { region: 'us-west-2', bucketName: 'example-replica', encryptionKeyAlias: t.str } }) },
  { property: 'LogArchiveProps.accessLogsRetention', outcome: 'refused', build: (s, t) => archive(s, { accessLogsRetention: Duration.days(t.num) }) },
  { property: 'LogArchiveProps.lifecycle.expiration', outcome: 'refused', build: (s, t) => archive(s, { lifecycle: { expiration: Duration.days(t.num) } }) },
  { property: 'LogArchiveProps.lifecycle.deepArchiveMinimumObjectSize', outcome: 'refused', build: (s, t) => archive(s, { lifecycle: { deepArchiveMinimumObjectSize: Size.kibibytes(t.num) } }) },
  { property: 'ObjectLockProtectionOptions.retention', outcome: 'refused', build: (s, t) => archive(s, { tamperProtection: TamperProtection.objectLock({ retention: Duration.days(t.num) }) }) },
  { property: 'MfaDeleteProtectionOptions.vaultBucketName', outcome: 'works', build: (s, t) => archive(s, { tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: t.str }) }) },
  { property: 'MfaDeleteProtectionOptions.checkInterval', outcome: 'refused', build: (s, t) => archive(s, { tamperProtection: TamperProtection.mfaDelete({ checkInterval: Duration.minutes(t.num) }) }) },
  { property: 'OrganizationReadOptions.organizationId', outcome: 'works', build: (s, t) => archive(s).grantOrganizationRead({ organizationId: t.str, accountIds: ['333333333333'] }) },
  { property: 'OrganizationReadOptions.accountIds', outcome: 'works', build: (s, t) => archive(s).grantOrganizationRead({ organizationId: 'o-a1b2c3d4e5', accountIds: [t.str] }) },
  { property: 'OrganizationReadOptions.principalArns', outcome: 'works', build: (s, t) => archive(s).grantOrganizationRead({ organizationId: 'o-a1b2c3d4e5', principalArns: [t.str] }) },
  // LogArchiveAttributes (through a trail that delivers to the imported archive)
  { property: 'LogArchiveAttributes.bucketName', outcome: 'works', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { bucketName: t.str }) }) },
  { property: 'LogArchiveAttributes.encryptionKeyArn', outcome: 'works', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { encryptionKeyArn: t.str }) }) },
  { property: 'LogArchiveAttributes.region', outcome: 'works', notInTemplate: 'the trail names the bucket, not its region', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { region: t.str }) }) },
  { property: 'LogArchiveAttributes.account', outcome: 'works', notInTemplate: 'it only decides whether a reader is in the archive\'s account (a warning)', build: (s, t) => imported(s, { account: t.str }).grantRead(new Role(s, 'Reader', { assumedBy: new AccountRootPrincipal() })) },
  { property: 'LogArchiveAttributes.s3KeyPrefix', outcome: 'works', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { s3KeyPrefix: t.str }) }) },
  { property: 'LogArchiveAttributes.accessLogsBucketName', outcome: 'works', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { accessLogsBucketName: t.str }), dataEvents: [DataEvents.s3AllBuckets()] }) },
  { property: 'LogArchiveAttributes.vaultBucketName', outcome: 'works', build: (s, t) => new BaselineTrail(s, 'Trail', { trailName: 'account-trail', logArchive: imported(s, { vaultBucketName: t.str }), dataEvents: [DataEvents.s3AllBuckets()] }) },
  // Detections
  { property: 'DetectionProps.id', outcome: 'refused', build: (s, t) => alarms(s, { detections: [detection({ id: t.str })] }) },
  { property: 'DetectionProps.metricName', outcome: 'refused', build: (s, t) => alarms(s, { detections: [detection({ metricName: t.str })] }) },
  { property: 'DetectionProps.filterPattern', outcome: 'refused', build: (s, t) => alarms(s, { detections: [detection({ filterPattern: t.str })] }) },
  { property: 'DetectionProps.title', outcome: 'works', build: (s, t) => alarms(s, { detections: [detection({ title: t.str })] }) },
  { property: 'DetectionProps.description', outcome: 'works', build: (s, t) => alarms(s, { detections: [detection({ description: t.str })] }) },
  { property: 'DetectionProps.remediation', outcome: 'works', build: (s, t) => alarms(s, { detections: [detection({ remediation: t.str })] }) },
  { property: 'DetectionProps.securityHubControlId', outcome: 'works', build: (s, t) => alarms(s, { detections: [detection({ securityHubControlId: t.str })] }) },
  { property: 'DetectionProps.cisControlIds', outcome: 'works', build: (s, t) => alarms(s, { detections: [detection({ cisControlIds: [t.str] })] }) },
  { property: 'DetectionAlarmsProps.metricNamespace', outcome: 'works', build: (s, t) => alarms(s, { metricNamespace: t.str }) },
  { property: 'DetectionAlarmsProps.alarmNamePrefix', outcome: 'refused', build: (s, t) => alarms(s, { alarmNamePrefix: t.str }) },
  { property: 'DetectionAlarmsProps.disabledDetections', outcome: 'refused', build: (s, t) => alarms(s, { detections: Detections.cisAwsFoundations(), disabledDetections: [t.str] }) },
  { property: 'DetectionAlarmsProps.detectionAlarmActions[0].detectionId', outcome: 'refused', build: (s, t) => alarms(s, { detectionAlarmActions: [{ detectionId: t.str, alarmActions: [] }] }) },
  // Alarm notifications
  { property: 'AlarmNotificationsProps.emailAddresses', outcome: 'works', build: (s, t) => new AlarmNotifications(s, 'Notifications', { emailAddresses: [t.str] }) },
  { property: 'AlarmNotificationsProps.httpsEndpoints', outcome: 'works', build: (s, t) => new AlarmNotifications(s, 'Notifications', { httpsEndpoints: [t.str] }) },
  { property: 'AlarmNotificationsProps.topicName', outcome: 'works', build: (s, t) => new AlarmNotifications(s, 'Notifications', { topicName: t.str }) },
  { property: 'AlarmNotificationsProps.maxEventsPerNotification', outcome: 'refused', build: (s, t) => new AlarmNotifications(s, 'Notifications', { maxEventsPerNotification: t.num }) },
  { property: 'ChatWebhook.slack(secret)', outcome: 'works', build: (s, t) => new AlarmNotifications(s, 'Notifications', { chatWebhooks: [ChatWebhook.slack(Secret.fromSecretCompleteArn(s, 'Secret', t.str))] }) },
  // Monitoring
  { property: 'BaselineMonitoringProps.alarmNamePrefix', outcome: 'refused', build: (s, t) => new BaselineMonitoring(s, 'Monitoring', { trailLogGroup: new LogGroup(s, 'LogGroup'), alarmNamePrefix: t.str }) },
  { property: 'BaselineMonitoringProps.dashboardName', outcome: 'works', build: (s, t) => new BaselineMonitoring(s, 'Monitoring', { trailLogGroup: new LogGroup(s, 'LogGroup'), dashboardName: t.str }) },
  { property: 'BaselineMonitoringProps.heartbeatWindow', outcome: 'refused', build: (s, t) => new BaselineMonitoring(s, 'Monitoring', { trailLogGroup: new LogGroup(s, 'LogGroup'), heartbeatWindow: Duration.minutes(t.num) }) },
];

/** Builds and synthesizes a case with fresh parameters; returns the error or the template JSON. */
export function runTokenCase(c: TokenCase): { error?: unknown; template?: string } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const tokens: Tokens = {
    str: new CfnParameter(stack, 'Str').valueAsString,
    num: new CfnParameter(stack, 'Num', { type: 'Number' }).valueAsNumber,
    list: new CfnParameter(stack, 'List', { type: 'CommaDelimitedList' }).valueAsList,
  };
  try {
    c.build(stack, tokens);
    app.synth();
    return { template: JSON.stringify(Template.fromStack(stack).toJSON()) };
  } catch (error) {
    return { error };
  }
}
