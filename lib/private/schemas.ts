// The run-time shape of every public props interface (see props-schema.ts). Built on first use:
// this module imports the library's own enums, whose modules import it back.
import { RemovalPolicy } from 'aws-cdk-lib';
import { ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ObjectLockMode } from 'aws-cdk-lib/aws-s3';
import { CloudTrailBaselineError } from './errors';
import { hasFields, hasMethods, is, PropsSchema } from './props-schema';
import { DetectionSeverity } from '../detections/detection-props';
import { DataEventsAggregation, InsightEventCategory } from '../trail/trail-event-options';

const INSIGHT_TYPES = ['ApiCallRateInsight', 'ApiErrorRateInsight'];

/** The checks of values of the library's and aws-cdk-lib's types. */
export const kinds = {
  logArchive: is.object('an ILogArchive (a LogArchive, or LogArchive.fromLogArchiveAttributes())', (v) => hasMethods('bindTrail', 'archiveBucketArns', 'grantRead')(v) && v.bucket !== undefined),
  trailDescription: is.object('a TrailDescription (TrailDescription.organizationTrail(), accountTrail() or memberAccountTrails())', (v) => hasMethods('objectKeyPrefixes')(v) && typeof v.trailArn === 'string'),
  bucket: is.object('an S3 bucket (IBucket)', (v) => v.bucketName !== undefined && v.bucketArn !== undefined),
  key: is.object('a KMS key (IKey)', (v) => hasMethods('addToResourcePolicy', 'grant')(v) && v.keyArn !== undefined),
  topic: is.object('an SNS topic (ITopic)', (v) => hasMethods('addSubscription')(v) && v.topicArn !== undefined),
  logGroup: is.object('a CloudWatch Logs group (ILogGroup)', hasFields('logGroupName', 'logGroupArn')),
  queue: is.object('an SQS queue (IQueue)', hasFields('queueArn')),
  fn: is.object('a Lambda function (IFunction)', (v) => v.functionArn !== undefined && hasMethods('addPermission')(v)),
  alarmAction: is.object('an alarm action (IAlarmAction, e.g. new SnsAction(topic))', hasMethods('bind')),
  ruleTarget: is.object('an EventBridge rule target (IRuleTarget)', hasMethods('bind')),
  eventBus: is.object('an EventBridge event bus (IEventBus)', hasFields('eventBusArn')),
  detection: is.object('a Detection (from Detections, Detection.custom() or Detection.fromFilterPattern())', (v) => hasMethods('toFilterPattern', 'matches')(v) && typeof v.id === 'string'),
  dataEvents: is.object('made by a DataEvents factory, e.g. DataEvents.s3Buckets()', hasFields('_spec')),
  networkActivityEvents: is.object('made by a NetworkActivityEvents factory, e.g. NetworkActivityEvents.vpceAccessDenied()', hasFields('_spec')),
  insightType: is.object('an InsightType (InsightType.API_CALL_RATE or InsightType.API_ERROR_RATE)', (v) => INSIGHT_TYPES.includes(v.value)),
  chatWebhook: is.object('a ChatWebhook (ChatWebhook.slack(), microsoftTeams() or generic())', (v) => ['slack', 'teams', 'generic'].includes(v.format) && v.secret?.secretArn !== undefined),
  tamperProtection: is.object('a TamperProtection (TamperProtection.objectLock(), mfaDelete() or none())', hasFields('_resolved')),
  storageClass: is.object('a StorageClass, e.g. StorageClass.GLACIER', (v) => typeof v.value === 'string'),
  detectionAlarms: is.object('a DetectionAlarms (IDetectionAlarms)', (v) => hasMethods('alarms', 'alarmFor', 'detectionFor')(v) && Array.isArray(v.detectionIds)),
  notifications: is.object('an AlarmNotifications (IAlarmNotifications)', (v) => hasFields('topic', 'deadLetterQueue', 'alarmActions')(v) && hasMethods('ruleTargetFor')(v)),
  secret: is.object('a Secrets Manager secret (ISecret, e.g. Secret.fromSecretNameV2())', (v) => v.secretArn !== undefined && hasMethods('grantRead')(v)),
};

const strings = is.listOf(is.string);

/**
 * The fields CloudTrail accepts for management events on event data stores only, not on trails
 * (AdvancedFieldSelector, CloudTrail API reference), as a caller might name them in
 * `ManagementEventsOptions`; for data events, `DataEvents.filter()` takes them.
 */
const EVENT_DATA_STORE_ONLY = ['eventName', 'eventNames', 'excludeEventNames', 'eventType', 'eventTypes', 'sessionCredentialFromConsole',
  'userIdentityArn', 'userIdentityArns', 'userIdentityArnPrefixes', 'excludeUserIdentityArnPrefixes'];

function managementEventsOptions(property: string, value: unknown): void {
  if (value !== null && typeof value === 'object') {
    const key = Object.keys(value).find((k) => EVENT_DATA_STORE_ONLY.includes(k));
    if (key !== undefined) {
      throw new CloudTrailBaselineError(`${property}.${key}`,
        'CloudTrail accepts eventName, eventType, sessionCredentialFromConsole and userIdentity.arn for management events on event data stores only, '
        + 'not on trails (AdvancedFieldSelector, CloudTrail API reference); trails take them for data events: DataEvents.filter()');
    }
  }
  is.props(schemas.ManagementEventsOptions())(property, value);
}
const actions = is.listOf(kinds.alarmAction);

const memo = new Map<string, PropsSchema>();
function cached(name: string, build: () => PropsSchema): PropsSchema {
  let schema = memo.get(name);
  if (!schema) {
    schema = build();
    memo.set(name, schema);
  }
  return schema;
}

/** The schemas of the public props interfaces, by interface name. */
export const schemas = {
  ManagementEventsOptions: () => cached('ManagementEventsOptions', () => ({
    readWriteType: is.enumOf('ReadWriteType', ReadWriteType),
    excludeKmsEvents: is.boolean,
    excludeRdsDataApiEvents: is.boolean,
  })),

  TrailOptions: () => cached('TrailOptions', () => ({
    deliveryNotificationTopic: kinds.topic,
    managementEvents: managementEventsOptions,
    dataEvents: is.listOf(kinds.dataEvents),
    networkActivityEvents: is.listOf(kinds.networkActivityEvents),
    insightTypes: is.listOf(kinds.insightType),
    insightEventCategories: is.listOf(is.enumOf('InsightEventCategory', InsightEventCategory)),
    dataEventsAggregations: is.listOf(is.enumOf('DataEventsAggregation', DataEventsAggregation)),
    cloudWatchLogsRetention: is.enumOf('RetentionDays', RetentionDays),
  })),

  BaselineTrailProps: () => cached('BaselineTrailProps', () => ({
    ...schemas.TrailOptions(),
    trailName: is.string,
    organizationId: is.string,
    logArchive: kinds.logArchive,
    description: kinds.trailDescription,
    isOrganizationTrail: is.boolean,
    managementAccountId: is.string,
    logGroupName: is.string,
    logGroupEncryptionKey: kinds.key,
  })),

  OrganizationTrailDescriptionProps: () => cached('OrganizationTrailDescriptionProps', () => ({
    organizationId: is.string, managementAccountId: is.string, region: is.string, trailName: is.string, partition: is.string,
  })),

  MemberAccountTrailsDescriptionProps: () => cached('MemberAccountTrailsDescriptionProps', () => ({
    organizationId: is.string, region: is.string, trailName: is.string, partition: is.string,
  })),

  AccountTrailDescriptionProps: () => cached('AccountTrailDescriptionProps', () => ({
    accountId: is.string, region: is.string, trailName: is.string, partition: is.string,
  })),

  LogArchiveLifecycle: () => cached('LogArchiveLifecycle', () => ({
    glacierTransitionAfter: is.duration,
    deepArchiveTransitionAfter: is.duration,
    expiration: is.duration,
    noncurrentVersionExpiration: is.duration,
    abortIncompleteMultipartUploadAfter: is.duration,
    deepArchiveMinimumObjectSize: is.object('a Size, e.g. Size.kibibytes(40)', hasMethods('toBytes', 'isUnresolved')),
    transitionSmallObjects: is.boolean,
  })),

  LogArchiveReplication: () => cached('LogArchiveReplication', () => ({
    region: is.string, bucketName: is.string, encryptionKeyAlias: is.string, storageClass: kinds.storageClass,
  })),

  LogArchiveProps: () => cached('LogArchiveProps', () => ({
    trails: is.listOf(kinds.trailDescription),
    bucketName: is.string,
    accessLogsBucketName: is.string,
    encryptionKeyAlias: is.string,
    s3KeyPrefix: is.string,
    lifecycle: is.props(schemas.LogArchiveLifecycle()),
    tamperProtection: kinds.tamperProtection,
    alarmActions: actions,
    accessLogsRetention: is.duration,
    removalPolicy: is.enumOf('RemovalPolicy', RemovalPolicy),
    denyEvidenceTampering: is.boolean,
    breakGlassRoleArns: strings,
    deploymentRoleArn: is.string,
    replication: is.props(schemas.LogArchiveReplication(), ['region', 'bucketName']),
    replicaOf: is.string,
  })),

  LogArchiveAttributes: () => cached('LogArchiveAttributes', () => ({
    bucketName: is.string,
    encryptionKeyArn: is.string,
    region: is.string,
    account: is.string,
    s3KeyPrefix: is.string,
    accessLogsBucketName: is.string,
    vaultBucketName: is.string,
    allowedTrails: is.listOf(kinds.trailDescription),
    s3ManagedEncryption: is.boolean,
  })),

  ObjectLockProtectionOptions: () => cached('ObjectLockProtectionOptions', () => ({
    mode: is.enumOf('ObjectLockMode', ObjectLockMode),
    retention: is.duration,
  })),

  MfaDeleteProtectionOptions: () => cached('MfaDeleteProtectionOptions', () => ({
    vaultBucketName: is.string,
    vaultStorageClass: kinds.storageClass,
    checkInterval: is.duration,
  })),

  OrganizationReadOptions: () => cached('OrganizationReadOptions', () => ({
    organizationId: is.string, accountIds: strings, principalArns: strings,
  })),

  SeverityAlarmActions: () => cached('SeverityAlarmActions', () => ({ critical: actions, high: actions, medium: actions, low: actions })),

  DetectionAlarmActions: () => cached('DetectionAlarmActions', () => ({ detectionId: is.string, alarmActions: actions })),

  routes: () => cached('routes', () => ({
    severityAlarmActions: is.props(schemas.SeverityAlarmActions()),
    detectionAlarmActions: is.listOf(is.props(schemas.DetectionAlarmActions(), ['detectionId', 'alarmActions'])),
  })),

  DetectionAlarmsProps: () => cached('DetectionAlarmsProps', () => ({
    ...schemas.routes(),
    logGroup: kinds.logGroup,
    detections: is.listOf(kinds.detection),
    disabledDetections: strings,
    alarmActions: actions,
    notifyOnOk: is.boolean,
    metricNamespace: is.string,
    alarmNamePrefix: is.string,
  })),

  NetworkActivityEventsOptions: () => cached('NetworkActivityEventsOptions', () => ({
    vpcEndpointIds: strings, userIdentityArnPrefixes: strings, excludeUserIdentityArnPrefixes: strings,
  })),

  AddDetectionOptions: () => cached('AddDetectionOptions', () => ({ alarmActions: actions })),

  DetectionOptions: () => cached('DetectionOptions', () => ({
    id: is.string,
    title: is.string,
    metricName: is.string,
    severity: is.enumOf('DetectionSeverity', DetectionSeverity),
    description: is.string,
    remediation: is.string,
    securityHubControlId: is.string,
    cisControlIds: strings,
  })),

  DetectionProps: () => cached('DetectionProps', () => ({ ...schemas.DetectionOptions(), filterPattern: is.string, additionalFilterPatterns: strings })),

  AlarmNotificationsOptions: () => cached('AlarmNotificationsOptions', () => ({
    emailAddresses: strings,
    httpsEndpoints: strings,
    sqsQueues: is.listOf(kinds.queue),
    lambdaSubscribers: is.listOf(kinds.fn),
    chatWebhooks: is.listOf(kinds.chatWebhook),
    topic: kinds.topic,
    topicName: is.string,
    notifier: is.boolean,
    maxEventsPerNotification: is.number,
  })),

  AlarmNotificationsProps: () => cached('AlarmNotificationsProps', () => ({
    ...schemas.AlarmNotificationsOptions(),
    cloudTrailLogGroup: kinds.logGroup,
  })),

  AlarmNotifierFunctionProps: () => cached('AlarmNotifierFunctionProps', () => ({
    topic: kinds.topic,
    encryptionKey: kinds.key,
    deadLetterQueue: kinds.queue,
    cloudTrailLogGroup: kinds.logGroup,
    maxEventsPerNotification: is.number,
    chatWebhooks: is.listOf(kinds.chatWebhook),
  })),

  BaselineMonitoringProps: () => cached('BaselineMonitoringProps', () => ({
    trailLogGroup: kinds.logGroup,
    detectionAlarms: kinds.detectionAlarms,
    notifications: kinds.notifications,
    alarmActions: actions,
    heartbeatWindow: is.duration,
    alarmNamePrefix: is.string,
    dashboardName: is.string,
  })),

  DetectionFastPathProps: () => cached('DetectionFastPathProps', () => ({
    detections: is.listOf(kinds.detection),
    notifications: kinds.notifications,
    targets: is.listOf(kinds.ruleTarget),
    eventBus: kinds.eventBus,
  })),

  OrganizationGuardrailsProps: () => cached('OrganizationGuardrailsProps', () => ({
    organizationId: is.string,
    targetIds: strings,
    trails: is.listOf(kinds.trailDescription),
    logArchive: kinds.logArchive,
    breakGlassRoleArns: strings,
    deploymentRoleArns: strings,
    resourceControlPolicy: is.boolean,
    policyNamePrefix: is.string,
  })),

  OrganizationFastPathProps: () => cached('OrganizationFastPathProps', () => ({
    organizationId: is.string,
    organizationalUnitIds: strings,
    regions: strings,
    notifications: kinds.notifications,
    detections: is.listOf(kinds.detection),
    eventBusName: is.string,
    stackSetsDelegatedAdmin: is.boolean,
  })),

  DataEventFilters: () => cached('DataEventFilters', () => ({
    eventNames: strings,
    excludeEventNames: strings,
    userIdentityArnPrefixes: strings,
    excludeUserIdentityArnPrefixes: strings,
    sessionCredentialFromConsole: is.boolean,
  })),

  ChatWebhookOptions: () => cached('ChatWebhookOptions', () => ({
    detections: is.listOf(kinds.detection),
    severities: is.listOf(is.enumOf('DetectionSeverity', DetectionSeverity)),
  })),

  MemberAccountDetectionsProps: () => cached('MemberAccountDetectionsProps', () => ({
    trail: kinds.trailDescription,
    logArchive: kinds.logArchive,
    organizationalUnitIds: strings,
    emailAddresses: strings,
    httpsEndpoints: strings,
    detections: is.listOf(kinds.detection),
    stackSetName: is.string,
    stackSetsDelegatedAdmin: is.boolean,
  })),

  TrailLoggingRemediationProps: () => cached('TrailLoggingRemediationProps', () => ({
    trails: is.listOf(kinds.trailDescription),
    encryptionKey: kinds.key,
    alarmActions: actions,
  })),

  DigestValidatorProps: () => cached('DigestValidatorProps', () => ({
    logArchive: kinds.logArchive,
    encryptionKey: kinds.key,
    alarmActions: actions,
    silenceAlarmPeriod: is.duration,
  })),

  CentralDetectionFindingsProps: () => cached('CentralDetectionFindingsProps', () => ({
    detectionAccountId: is.string,
    controlIds: strings,
    ruleOrder: is.number,
  })),

  TrailLogGroupLookupProps: () => cached('TrailLogGroupLookupProps', () => ({
    logGroupNamePrefix: is.string,
  })),

  CloudTrailBaselineProps: () => cached('CloudTrailBaselineProps', () => ({
    ...schemas.TrailOptions(),
    trailName: is.string,
    organizationId: is.string,
    ...schemas.routes(),
    trail: kinds.trailDescription,
    logArchive: kinds.logArchive,
    logArchiveProps: is.object('an object of LogArchiveProps'),
    detections: is.listOf(kinds.detection),
    disabledDetections: strings,
    notificationEmails: strings,
    notifier: is.boolean,
    notificationOptions: is.props(schemas.AlarmNotificationsOptions()),
    monitoring: is.boolean,
    heartbeatWindow: is.duration,
    alarmNamePrefix: is.string,
    additionalAlarmActions: actions,
    fastPath: is.boolean,
    digestValidation: is.boolean,
  })),

  ArchiveQueriesProps: () => cached('ArchiveQueriesProps', () => ({
    logArchive: kinds.logArchive,
    organizationId: is.string,
    accounts: strings,
    regions: strings,
    projectionStartDate: is.string,
    detections: is.listOf(kinds.detection),
    databaseName: is.string,
    tableName: is.string,
    workGroupName: is.string,
    bytesScannedCutoffPerQuery: is.number,
    resultsExpiration: is.duration,
    serverAccessLogsBucket: kinds.bucket,
  })),
};

