/**
 * Rendering and checking of a trail's advanced event selectors. Internal: the trail construct calls
 * these; they are not exported from any barrel (the public types are in `./event-selectors`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
import { Annotations, Token, Tokenization } from 'aws-cdk-lib';
import { CfnTrail, InsightType, ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';
import { checkReadWriteTypeValue, type DataEventsSpec, type NetworkActivityEventsSpec, readWriteTypeName } from './data-events-spec';
import type { DataEvents, ManagementEventsOptions } from './event-selectors';
import type { NetworkActivityEvents } from './network-activity-events';
import { CloudTrailBaselineError } from '../private/errors';

/**
 * At most 500 values across all conditions of all advanced event selectors of a trail; every value
 * of every operator counts. Not adjustable. CloudTrail documents no separate limit on the number of
 * advanced event selectors (the limit of 5 is for basic event selectors).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html
 */
export const MAX_ADVANCED_EVENT_SELECTOR_CONDITIONS = 500;

/**
 * `AdvancedEventSelector.Name`: at most 1,000 characters (API reference; CloudFormation: at least 1).
 */
export const MAX_SELECTOR_NAME_LENGTH = 1000;

// Each value of an AdvancedFieldSelector operator is 1 to 2,048 characters. The factories keep every
// value far below: bucket names <= 63, key prefixes <= 1,024, ARNs bounded by their patterns.

/** What the trail gives `renderAdvancedEventSelectors`. */
export interface EventSelectionInput {
  /** @default - all read and write management events */
  readonly managementEvents?: ManagementEventsOptions;
  /** @default - no data events */
  readonly dataEvents?: DataEvents[];
  /** @default - no network activity events */
  readonly networkActivityEvents?: NetworkActivityEvents[];
  /**
   * Bucket ARNs (`arn:<partition>:s3:::name`) that S3 data events must never include: the log
   * archive bucket and its access-logs bucket.
   */
  readonly excludedBucketArns: string[];
  /** The partition for ARNs built from bucket names. */
  readonly partition: string;
  /** Prefix for error messages, e.g. `BaselineTrailProps`. */
  readonly propsName: string;
}

/**
 * The management events selector's name: the name the CloudTrail console gives it, and the only one
 * Prowler's `cloudtrail_multi_region_enabled_logging_management_events` check accepts for an
 * advanced selector (with no `readOnly` field: read and write events).
 *
 * @see https://github.com/prowler-cloud/prowler/blob/3e000faa3109230b748e4418a13c11c9e59f5cfb/prowler/providers/aws/services/cloudtrail/cloudtrail_multi_region_enabled_logging_management_events/cloudtrail_multi_region_enabled_logging_management_events.py
 */
export const MANAGEMENT_SELECTOR_NAME = 'Management events selector';

const KMS_EVENT_SOURCE = 'kms.amazonaws.com';
const RDS_DATA_EVENT_SOURCE = 'rdsdata.amazonaws.com';
const WARNING_PREFIX = 'cdk-cloudtrail-baseline:';

/**
 * Renders a trail's advanced event selectors: the management events selector first (unless
 * `readWriteType` is `NONE`), then one selector per `DataEvents` entry, in order, then one per event
 * source of each `NetworkActivityEvents` entry.
 *
 * Once a trail has advanced event selectors, CloudTrail logs management events only if a selector
 * with `eventCategory = Management` exists, so that selector is always emitted; with no input at
 * all, the result logs all management events, as a trail without selectors does.
 *
 * @throws CloudTrailBaselineError naming `<propsName>.managementEvents...` or `<propsName>.dataEvents...`
 * when the input is inconsistent or breaks a CloudTrail quota
 */
export function renderAdvancedEventSelectors(scope: Construct, input: EventSelectionInput): CfnTrail.AdvancedEventSelectorProperty[] {
  const { propsName } = input;
  const management = input.managementEvents ?? {};
  const dataEvents = input.dataEvents ?? [];
  const networkActivityEvents = input.networkActivityEvents ?? [];
  const readWriteType = management.readWriteType ?? ReadWriteType.ALL;
  checkReadWriteTypeValue(`${propsName}.managementEvents.readWriteType`, readWriteType);

  const selectors: CfnTrail.AdvancedEventSelectorProperty[] = [];
  if (readWriteType === ReadWriteType.NONE) {
    // A warning, not an error: a trail that logs only data events is legitimate (e.g. a second
    // trail next to the one that feeds the detections). An error is kept for the cases that
    // cannot mean anything: no selector at all, or exclusions from events that are not logged.
    if (dataEvents.length === 0 && networkActivityEvents.length === 0) {
      throw new CloudTrailBaselineError(`${propsName}.managementEvents.readWriteType`,
        `is ${readWriteTypeName(readWriteType)} and dataEvents and networkActivityEvents are empty: the trail would have no event selector (a trail without selectors logs all management events)`);
    }
    for (const [flag, on] of [['excludeKmsEvents', management.excludeKmsEvents], ['excludeRdsDataApiEvents', management.excludeRdsDataApiEvents]] as const) {
      if (on) {
        throw new CloudTrailBaselineError(`${propsName}.managementEvents.${flag}`,
          `has no effect when readWriteType is ${readWriteTypeName(readWriteType)} (no management event is logged): leave it out`);
      }
    }
    warn(scope, 'managementEventsNone',
      `${propsName}.managementEvents.readWriteType is ReadWriteType.NONE: the trail logs no management events, so none of the CIS detections `
      + '(Security Hub CloudWatch.1-14, CIS 4.15) can fire on its log group, and the trail does not count for Security Hub CloudTrail.1. '
      + 'Keep a trail that logs all management events, or acknowledge this warning for a data-events-only trail.');
  } else {
    selectors.push(managementSelector(scope, propsName, readWriteType, management));
  }

  const excludedNames = input.excludedBucketArns.map(bucketNameOfArn).filter((n): n is string => n !== undefined);
  let s3Selections = 0;
  dataEvents.forEach((entry, index) => {
    const property = `${propsName}.dataEvents[${index}]`;
    const spec = entry?._spec;
    if (!spec) {
      throw new CloudTrailBaselineError(property, 'must be made by a DataEvents factory, e.g. DataEvents.s3Buckets()');
    }
    if (spec.kind === 's3') s3Selections++;
    selectors.push(dataSelector(index, spec, input, excludedNames, property));
  });
  if (s3Selections > 0 && input.excludedBucketArns.length === 0) {
    warn(scope, 's3DataEventsWithoutExclusions',
      `${propsName}.dataEvents selects S3 data events but no bucket is excluded: if a selection covers the log archive bucket, `
      + 'the trail logs its own log file deliveries, and delivers those records again (a feedback loop, Landing Zone Accelerator #1192).');
  }

  const networkSources = new Map<string, string>();
  networkActivityEvents.forEach((entry, index) => {
    const property = `${propsName}.networkActivityEvents[${index}]`;
    const spec = entry?._spec;
    if (!spec) {
      throw new CloudTrailBaselineError(property, 'must be made by a NetworkActivityEvents factory, e.g. NetworkActivityEvents.vpceAccessDenied()');
    }
    for (const source of spec.eventSources) {
      const earlier = networkSources.get(source);
      if (earlier !== undefined) {
        throw new CloudTrailBaselineError(property,
          `selects network activity events of ${source}, which ${earlier} selects already: give each event source once (overlapping selectors record nothing more)`);
      }
      networkSources.set(source, property);
      selectors.push(networkActivitySelector(spec, source));
    }
  });

  checkSelectorQuotas(selectors, propsName, networkActivityEvents.length > 0);
  return selectors;
}

/** One advanced event selector per event source (CloudTrail accepts one eventSource value per selector). */
function networkActivitySelector(spec: NetworkActivityEventsSpec, source: string): CfnTrail.AdvancedEventSelectorProperty {
  const fieldSelectors: CfnTrail.AdvancedFieldSelectorProperty[] = [
    { field: 'eventCategory', equalTo: ['NetworkActivity'] },
    { field: 'eventSource', equalTo: [source] },
  ];
  if (spec.deniedOnly) fieldSelectors.push({ field: 'errorCode', equalTo: ['VpceAccessDenied'] });
  if (spec.vpcEndpointIds) fieldSelectors.push({ field: 'vpcEndpointId', equalTo: [...spec.vpcEndpointIds] });
  if (spec.userIdentityArnField) fieldSelectors.push({ ...spec.userIdentityArnField });
  const endpoints = spec.vpcEndpointIds ? `, ${spec.vpcEndpointIds.length === 1 ? '1 VPC endpoint' : `${spec.vpcEndpointIds.length} VPC endpoints`}` : '';
  return { name: `Network activity: ${source}${spec.deniedOnly ? ' VPC endpoint denials' : ''}${endpoints}`, fieldSelectors };
}

/**
 * Throws when Insights are requested but the management events they analyse are not logged:
 * `ApiCallRateInsight` needs write management events (not `READ_ONLY` or `NONE`),
 * `ApiErrorRateInsight` read or write management events (not `NONE`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-additional-cli-commands.html#configuring-insights-selector
 * @throws CloudTrailBaselineError naming `<propsName>.insightTypes`
 */
export function checkInsights(insightTypes: InsightType[], managementEvents: ManagementEventsOptions | undefined, propsName: string): void {
  const readWriteType = managementEvents?.readWriteType ?? ReadWriteType.ALL;
  for (const insightType of insightTypes) {
    const value = insightType.value;
    if (value === InsightType.API_CALL_RATE.value
      && (readWriteType === ReadWriteType.READ_ONLY || readWriteType === ReadWriteType.NONE)) {
      throw new CloudTrailBaselineError(`${propsName}.insightTypes`,
        `${value} analyses write management events, but managementEvents.readWriteType is ${readWriteTypeName(readWriteType)}: `
        + 'log write management events (WRITE_ONLY or ALL) or leave this Insights type out');
    }
    if (value === InsightType.API_ERROR_RATE.value && readWriteType === ReadWriteType.NONE) {
      throw new CloudTrailBaselineError(`${propsName}.insightTypes`,
        `${value} analyses read or write management events, but managementEvents.readWriteType is ${readWriteTypeName(readWriteType)}: `
        + 'log management events or leave this Insights type out');
    }
  }
}

/**
 * Counts the condition values of advanced event selectors as CloudTrail does for its limit of 500
 * per trail: every value of every operator of every field selector, including `eventCategory` and
 * `resources.type`. Parts that are unresolved tokens (`IResolvable`) cannot be counted and count 0.
 */
export function countConditions(selectors: CfnTrail.AdvancedEventSelectorProperty[]): number {
  let count = 0;
  for (const selector of selectors) {
    const fieldSelectors = selector.fieldSelectors;
    if (Tokenization.isResolvable(fieldSelectors) || !Array.isArray(fieldSelectors)) continue;
    for (const fieldSelector of fieldSelectors) {
      if (Tokenization.isResolvable(fieldSelector)) continue;
      const f = fieldSelector as CfnTrail.AdvancedFieldSelectorProperty;
      for (const values of [f.equalTo, f.notEquals, f.startsWith, f.notStartsWith, f.endsWith, f.notEndsWith]) {
        count += values?.length ?? 0;
      }
    }
  }
  return count;
}

/**
 * Throws when selectors break CloudTrail's quotas: more than 500 condition values in total, or a
 * literal name that is empty or over 1,000 characters.
 *
 * @throws CloudTrailBaselineError naming `<propsName>.dataEvents`
 */
export function checkSelectorQuotas(selectors: CfnTrail.AdvancedEventSelectorProperty[], propsName: string, withNetworkActivity = false): void {
  const property = withNetworkActivity ? `${propsName}.dataEvents and ${propsName}.networkActivityEvents` : `${propsName}.dataEvents`;
  for (const { name } of selectors) {
    if (name !== undefined && !Token.isUnresolved(name) && (name.length === 0 || name.length > MAX_SELECTOR_NAME_LENGTH)) {
      throw new CloudTrailBaselineError(property,
        `gives an advanced event selector a name of ${name.length} characters; CloudTrail accepts 1 to ${MAX_SELECTOR_NAME_LENGTH}`);
    }
  }
  const count = countConditions(selectors);
  if (count > MAX_ADVANCED_EVENT_SELECTOR_CONDITIONS) {
    throw new CloudTrailBaselineError(property,
      `the trail's advanced event selectors hold ${count} condition values; CloudTrail allows at most ${MAX_ADVANCED_EVENT_SELECTOR_CONDITIONS} per trail `
      + '(every value counts, including eventCategory, resources.type, eventSource, errorCode and the excluded log archive buckets): name fewer buckets, '
      + 'prefixes, ARNs, event sources or VPC endpoints, or select whole resource types');
  }
}

function managementSelector(scope: Construct, propsName: string, readWriteType: ReadWriteType,
  options: ManagementEventsOptions): CfnTrail.AdvancedEventSelectorProperty {
  const fieldSelectors: CfnTrail.AdvancedFieldSelectorProperty[] = [{ field: 'eventCategory', equalTo: ['Management'] }];
  const readOnly = readOnlyField(readWriteType);
  if (readOnly) fieldSelectors.push(readOnly);
  const excludedSources: string[] = [];
  if (options.excludeKmsEvents) excludedSources.push(KMS_EVENT_SOURCE);
  if (options.excludeRdsDataApiEvents) excludedSources.push(RDS_DATA_EVENT_SOURCE);
  // For trails, eventSource accepts only NotEquals with these two values.
  if (excludedSources.length > 0) fieldSelectors.push({ field: 'eventSource', notEquals: excludedSources });

  const setting = `${propsName}.managementEvents`;
  if (readWriteType === ReadWriteType.READ_ONLY) {
    warn(scope, 'managementEventsReadOnly',
      `${setting}.readWriteType is ReadWriteType.READ_ONLY: write management events are not logged, so the detections of changes `
      + '(Security Hub CloudWatch.4, CloudWatch.5, CloudWatch.7-14, CIS 4.15) never fire, and the trail does not count for Security Hub CloudTrail.1 '
      + '(read and write management events).');
  } else if (readWriteType === ReadWriteType.WRITE_ONLY) {
    warn(scope, 'managementEventsWriteOnly',
      `${setting}.readWriteType is ReadWriteType.WRITE_ONLY: read management events are not logged, so the root user's and denied read calls `
      + 'escape Security Hub CloudWatch.1 and CloudWatch.2, and the trail does not count for Security Hub CloudTrail.1 (read and write management events).');
  }
  if (options.excludeKmsEvents) {
    warn(scope, 'kmsEventsExcluded',
      `${setting}.excludeKmsEvents is true: AWS KMS management events are not logged, so the detection of disabled or scheduled-for-deletion `
      + 'KMS keys (Security Hub CloudWatch.7) never fires, and the trail does not count for Security Hub CloudTrail.1 (no excluded management event sources).');
  }
  if (options.excludeRdsDataApiEvents) {
    warn(scope, 'rdsDataApiEventsExcluded',
      `${setting}.excludeRdsDataApiEvents is true: Amazon RDS Data API management events are not logged, and the trail does not count for `
      + 'Security Hub CloudTrail.1 (no excluded management event sources).');
  }
  return { name: MANAGEMENT_SELECTOR_NAME, fieldSelectors };
}

function dataSelector(index: number, spec: DataEventsSpec, input: EventSelectionInput, excludedNames: string[],
  property: string): CfnTrail.AdvancedEventSelectorProperty {
  const fieldSelectors: CfnTrail.AdvancedFieldSelectorProperty[] = [
    { field: 'eventCategory', equalTo: ['Data'] },
    { field: 'resources.type', equalTo: [spec.resourceType] },
  ];
  const readOnly = readOnlyField(spec.readWriteType);
  if (readOnly) fieldSelectors.push(readOnly);
  let description = spec.description;

  if (spec.kind === 's3') {
    for (const name of spec.s3BucketNames ?? []) {
      if (excludedNames.includes(name)) {
        throw new CloudTrailBaselineError(property,
          `${spec.factory} names bucket '${name}', which is excluded from S3 data events (the log archive bucket or its access-logs bucket): `
          + 'logging it would make the trail log its own deliveries (Landing Zone Accelerator #1192)');
      }
    }
    const startsWith = spec.s3BucketNames === undefined ? undefined
      : spec.s3Prefixes === undefined ? spec.s3BucketNames.map((name) => `arn:${input.partition}:s3:::${name}/`)
        : spec.s3Prefixes.map((prefix) => `arn:${input.partition}:s3:::${spec.s3BucketNames![0]}/${prefix}`);
    // The trailing '/' keeps 'archive-2' from matching the exclusion of 'archive'.
    const notStartsWith = input.excludedBucketArns.map((arn) => `${arn}/`);
    if (startsWith || notStartsWith.length > 0) {
      fieldSelectors.push({
        field: 'resources.ARN',
        ...(startsWith ? { startsWith } : {}),
        ...(notStartsWith.length > 0 ? { notStartsWith } : {}),
      });
    }
    if (notStartsWith.length > 0) description += ', log archive excluded';
  } else if (spec.arns) {
    const service = spec.kind === 'lambda' ? 'lambda' : 'dynamodb';
    for (const arn of spec.arns) {
      const partition = /^arn:([^:]+):/.exec(arn)?.[1];
      if (!Token.isUnresolved(arn) && !Token.isUnresolved(input.partition) && partition !== input.partition) {
        throw new CloudTrailBaselineError(property,
          `${spec.factory} names ${service} ARN '${arn}' of partition '${partition}', but the trail is in partition '${input.partition}'`);
      }
    }
    fieldSelectors.push({ field: 'resources.ARN', equalTo: [...spec.arns] });
  }

  if (spec.filters) {
    fieldSelectors.push(...spec.filters.fields);
    description += `, ${spec.filters.description}`;
  }

  const access = spec.readWriteType === ReadWriteType.READ_ONLY ? ', read-only'
    : spec.readWriteType === ReadWriteType.WRITE_ONLY ? ', write-only' : '';
  return { name: `Data events ${index + 1}: ${description}${access}`, fieldSelectors };
}

function readOnlyField(readWriteType: ReadWriteType): CfnTrail.AdvancedFieldSelectorProperty | undefined {
  if (readWriteType === ReadWriteType.READ_ONLY) return { field: 'readOnly', equalTo: ['true'] };
  if (readWriteType === ReadWriteType.WRITE_ONLY) return { field: 'readOnly', equalTo: ['false'] };
  return undefined;
}

/** The bucket name of a bucket ARN, when it is literal (the partition may be a token). */
function bucketNameOfArn(arn: string): string | undefined {
  const name = /:s3:::([^/:]+)$/.exec(arn)?.[1];
  return name === undefined || Token.isUnresolved(name) ? undefined : name;
}

function warn(scope: Construct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`${WARNING_PREFIX}${id}`, message);
}
