// The EventBridge event patterns of the fast path, one per supported catalog detection, each
// equivalent to the detection's CloudWatch Logs filter pattern on CloudTrail records. Internal
// data: not exported from the package (the public API is `DetectionFastPath`). Here, with the
// detections, because a detection knows whether it has a fast path (`Detection._fastPath`): the
// fast path asks it, instead of comparing the detection with the catalog itself.
//
// How a CloudTrail record looks on EventBridge (EventBridge user guide, "Events from AWS services
// delivered via AWS CloudTrail"): the record is the event's `detail`; `source` is `aws.<service>`
// (from `eventSource`); `detail-type` follows the record's `eventType`:
//   AwsApiCall -> "AWS API Call via CloudTrail", AwsConsoleSignIn -> "AWS Console Sign In via
//   CloudTrail", AwsConsoleAction -> "AWS Console Action via CloudTrail", AwsServiceEvent ->
//   "AWS Service Event via CloudTrail".
//
// Equivalence, operator by operator (CloudWatch Logs "Filter pattern syntax" vs EventBridge
// "Content filtering in Amazon EventBridge event patterns", "Comparison operators"):
// - `$.a = "v"` (no `*`) and `"a": ["v"]`: exact, case-sensitive string equality; neither matches
//   a missing field, an object or (for these string fields) an array. (EventBridge matches an
//   array when one element equals "v"; no field used here is an array in a CloudTrail record.)
// - `$.a != "v"` and `"a": [{ "anything-but": "v" }]`: both match a present value other than "v";
//   neither matches a missing field (CloudWatch: "!= on a missing field does not match";
//   EventBridge matches a pattern field only against a field present in the event).
// - `$.a NOT EXISTS` and `"a": [{ "exists": false }]`: both match when the field is absent.
// - `||` of equalities on one field and a list of values `"a": ["v1", "v2"]`: same.
// - `&&` of conditions on different fields and the fields of one pattern: same.
// The `detail-type` condition only keeps the pattern to CloudTrail events (the log group holds
// nothing else); it lists every detail-type a record the filter pattern can match can have.

import { ROOT_USER_USAGE } from './catalog/cloudwatch-1-root-user-usage';
import { CONSOLE_SIGN_IN_WITHOUT_MFA } from './catalog/cloudwatch-3-console-sign-in-without-mfa';
import { CLOUDTRAIL_CONFIGURATION_CHANGES } from './catalog/cloudwatch-5-cloudtrail-configuration-changes';
import { KMS_KEY_DISABLE_OR_DELETION } from './catalog/cloudwatch-7-kms-key-disable-or-deletion';

/** `detail-type` of CloudTrail API call events (`eventType` `AwsApiCall`). */
export const API_CALL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
/** `detail-type` of console sign-in events (`eventType` `AwsConsoleSignIn`). */
export const CONSOLE_SIGN_IN_DETAIL_TYPE = 'AWS Console Sign In via CloudTrail';
/**
 * The spelling of the sign-in detail-type in the EventBridge user guide's list ("AWS service
 * events delivered via AWS CloudTrail"), which differs from the one events carry and AWS's own
 * examples use (`CONSOLE_SIGN_IN_DETAIL_TYPE`). Listed as well, so that the rules match whichever
 * is right: a detail-type that never occurs matches nothing.
 */
export const CONSOLE_SIGN_IN_DETAIL_TYPE_AS_LISTED = 'AWS Console Signin via CloudTrail';
/** `detail-type` of console action events (`eventType` `AwsConsoleAction`). */
export const CONSOLE_ACTION_DETAIL_TYPE = 'AWS Console Action via CloudTrail';
/** `detail-type` of service events (`eventType` `AwsServiceEvent`). */
export const SERVICE_EVENT_DETAIL_TYPE = 'AWS Service Event via CloudTrail';

/** Every detail-type of a CloudTrail API call, console or service event. */
const ALL_DETAIL_TYPES = [
  API_CALL_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE_AS_LISTED, CONSOLE_ACTION_DETAIL_TYPE, SERVICE_EVENT_DETAIL_TYPE,
];

/** The detail-type EventBridge gives a CloudTrail record of this `eventType` (undefined: not delivered as such). */
export function detailTypeOf(eventType: unknown): string | undefined {
  switch (eventType) {
    case 'AwsApiCall': return API_CALL_DETAIL_TYPE;
    case 'AwsConsoleSignIn': return CONSOLE_SIGN_IN_DETAIL_TYPE;
    case 'AwsConsoleAction': return CONSOLE_ACTION_DETAIL_TYPE;
    case 'AwsServiceEvent': return SERVICE_EVENT_DETAIL_TYPE;
    default: return undefined;
  }
}

/** The EventBridge `source` of a CloudTrail record: `aws.` + the service part of `eventSource`. */
export function sourceOf(eventSource: unknown): string | undefined {
  return typeof eventSource === 'string' ? `aws.${eventSource.split('.')[0]}` : undefined;
}

/** The fast path of one detection. */
export interface FastPathPattern {
  /** The EventBridge event pattern (JSON), equivalent to the detection's filter pattern. */
  readonly eventPattern: { readonly [key: string]: unknown };
  /**
   * Whether the rule must receive read-only management events (rule state
   * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`): the filter pattern matches read-only calls
   * (e.g. root `ListAccessKeys`), which EventBridge delivers to `ENABLED` rules only when their
   * name does not start with Describe, Get or List.
   */
  readonly readOnlyManagementEvents: boolean;
}

/**
 * The fast paths by detection ID. Only detections whose filter pattern has an exact EventBridge
 * equivalent and that cannot wait are here.
 */
export const FAST_PATH_PATTERNS: { readonly [detectionId: string]: FastPathPattern } = {
  // {$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}
  // Every detail-type but the service event one (its records have eventType AwsServiceEvent).
  'CloudWatch.1': {
    eventPattern: {
      'detail-type': [API_CALL_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE_AS_LISTED, CONSOLE_ACTION_DETAIL_TYPE],
      'detail': {
        userIdentity: {
          type: ['Root'],
          invokedBy: [{ exists: false }],
        },
        eventType: [{ 'anything-but': 'AwsServiceEvent' }],
      },
    },
    readOnlyManagementEvents: true,
  },
  // { ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }
  'CloudWatch.3': {
    eventPattern: {
      'detail-type': ALL_DETAIL_TYPES,
      'detail': {
        eventName: ['ConsoleLogin'],
        additionalEventData: { MFAUsed: [{ 'anything-but': 'Yes' }] },
        userIdentity: { type: ['IAMUser'] },
        responseElements: { ConsoleLogin: ['Success'] },
      },
    },
    readOnlyManagementEvents: false,
  },
  // {($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}
  // No eventSource condition in the filter pattern, so none here either.
  'CloudWatch.5': {
    eventPattern: {
      'detail-type': ALL_DETAIL_TYPES,
      'detail': {
        eventName: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'],
      },
    },
    readOnlyManagementEvents: false,
  },
  // {($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}
  'CloudWatch.7': {
    eventPattern: {
      'detail-type': ALL_DETAIL_TYPES,
      'detail': {
        eventSource: ['kms.amazonaws.com'],
        eventName: ['DisableKey', 'ScheduleKeyDeletion'],
      },
    },
    readOnlyManagementEvents: false,
  },
};

/**
 * The filter pattern each event pattern is equivalent to: the catalog definition's, byte for byte.
 * A detection with a supported ID but another filter pattern (a custom or variant detection) has
 * no fast path.
 */
export function equivalentFilterPattern(detectionId: string): string | undefined {
  switch (detectionId) {
    case 'CloudWatch.1': return ROOT_USER_USAGE.filterPattern;
    case 'CloudWatch.3': return CONSOLE_SIGN_IN_WITHOUT_MFA.filterPattern;
    case 'CloudWatch.5': return CLOUDTRAIL_CONFIGURATION_CHANGES.filterPattern;
    case 'CloudWatch.7': return KMS_KEY_DISABLE_OR_DELETION.filterPattern;
    default: return undefined;
  }
}

/** The fast path of a detection with this ID and filter pattern: a supported ID and the catalog's text, else none. */
export function fastPathOf(detectionId: string, filterPattern: string): FastPathPattern | undefined {
  const entry = FAST_PATH_PATTERNS[detectionId];
  return entry !== undefined && equivalentFilterPattern(detectionId) === filterPattern ? entry : undefined;
}

/** The detection IDs the fast path supports, sorted. */
export const SUPPORTED_FAST_PATH_IDS: string[] = Object.keys(FAST_PATH_PATTERNS).sort();

/** An event pattern as the JSON a rule gets (a deep copy). */
export function eventPatternCopy(entry: FastPathPattern): { [key: string]: unknown } {
  return JSON.parse(JSON.stringify(entry.eventPattern));
}
