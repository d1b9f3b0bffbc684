// Reads "who did what, when, from where" out of one CloudTrail record (the message of a CloudWatch
// Logs event delivered by a trail). Pure. Every field is optional and possibly of the wrong type.
//
// Record shape: CloudTrail user guide, "CloudTrail record contents for management, data, and
// network activity events" and "CloudTrail userIdentity element".

import { cloudTrailEventUrl } from './console-links';

/** Who made the call. */
export interface Principal {
  /** `userIdentity.type`: Root, IAMUser, AssumedRole, FederatedUser, AWSService, IdentityCenterUser... */
  readonly type?: string;
  readonly arn?: string;
  readonly userName?: string;
  readonly accountId?: string;
  /** The role (or user) whose credentials the session uses: `sessionContext.sessionIssuer`. */
  readonly issuerArn?: string;
  readonly issuerUserName?: string;
  /** The AWS service that made the call on the principal's behalf (`userIdentity.invokedBy`). */
  readonly invokedBy?: string;
  /**
   * Whether MFA was used: `sessionContext.attributes.mfaAuthenticated` ("true"/"false") or, for
   * console sign-ins, `additionalEventData.MFAUsed` ("Yes"/"No"). Undefined when the record does not say.
   */
  readonly mfa?: boolean;
}

/** The parts of a CloudTrail record that a responder needs first. */
export interface EventSummary {
  readonly eventId?: string;
  /** `eventTime`, as in the record (ISO 8601 UTC). */
  readonly eventTime?: string;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** `recipientAccountId`: the account the call was made in. */
  readonly accountId?: string;
  readonly region?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly principal: Principal;
  /** A few request parameters that identify what was changed, as `[name, value]`. */
  readonly parameters: Array<[string, string]>;
  /** The event in the CloudTrail console's event history (management events of the last 90 days). */
  readonly consoleUrl?: string;
}

/** Longest user agent kept. */
export const MAX_USER_AGENT_LENGTH = 200;
/** Longest error message kept. */
export const MAX_ERROR_MESSAGE_LENGTH = 500;
/** Longest request parameter value kept. */
export const MAX_PARAMETER_LENGTH = 200;
/** Most request parameters kept. */
export const MAX_PARAMETERS = 6;
/** Longest other field kept (ARNs are at most 2,048 characters; names far less). */
const MAX_FIELD_LENGTH = 300;

/**
 * Request parameters that name what a detection's call changed, in the order they are shown.
 * Others are left out: request parameters can be large and hold data a chat channel should not see.
 */
export const INTERESTING_PARAMETERS = [
  // S3
  'bucketName', 'key',
  // IAM
  'userName', 'roleName', 'groupName', 'policyArn', 'policyName', 'versionId', 'instanceProfileName',
  // KMS
  'keyId', 'pendingWindowInDays',
  // CloudTrail
  'trailName', 'name',
  // Config
  'configurationRecorderName', 'deliveryChannelName',
  // EC2 / VPC
  'groupId', 'vpcId', 'subnetId', 'networkAclId', 'routeTableId', 'internetGatewayId', 'customerGatewayId',
  'vpcPeeringConnectionId', 'instanceId', 'cidrIp', 'cidrBlock', 'destinationCidrBlock', 'ipProtocol', 'fromPort', 'toPort',
  // Organizations
  'accountId', 'policyId', 'targetId', 'organizationalUnitId', 'handshakeId', 'sourceParentId', 'destinationParentId',
  // Sign-in, STS
  'roleArn', 'roleSessionName',
] as const;

/**
 * The summary of a CloudTrail record given as JSON text, or undefined when the text is not a JSON
 * object (the caller counts those as malformed).
 */
export function parseCloudTrailMessage(message: unknown): EventSummary | undefined {
  if (typeof message !== 'string') {
    return undefined;
  }
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return undefined;
  }
  return isObject(record) ? summarizeCloudTrailRecord(record) : undefined;
}

/** The summary of a parsed CloudTrail record. */
export function summarizeCloudTrailRecord(record: Record<string, unknown>): EventSummary {
  const eventId = field(record.eventID);
  const region = field(record.awsRegion);
  return {
    eventId,
    eventTime: field(record.eventTime),
    eventSource: field(record.eventSource),
    eventName: field(record.eventName),
    errorCode: field(record.errorCode),
    errorMessage: field(record.errorMessage, MAX_ERROR_MESSAGE_LENGTH),
    accountId: field(record.recipientAccountId),
    region,
    sourceIp: field(record.sourceIPAddress),
    userAgent: field(record.userAgent, MAX_USER_AGENT_LENGTH),
    principal: principalOf(record),
    parameters: interestingParameters(record.requestParameters),
    consoleUrl: region && eventId ? cloudTrailEventUrl(region, eventId) : undefined,
  };
}

function principalOf(record: Record<string, unknown>): Principal {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const session = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(session.sessionIssuer) ? session.sessionIssuer : {};
  const attributes = isObject(session.attributes) ? session.attributes : {};
  const additional = isObject(record.additionalEventData) ? record.additionalEventData : {};
  return {
    type: field(identity.type),
    arn: field(identity.arn),
    userName: field(identity.userName),
    accountId: field(identity.accountId),
    issuerArn: field(issuer.arn),
    issuerUserName: field(issuer.userName),
    invokedBy: field(identity.invokedBy),
    mfa: mfaOf(attributes.mfaAuthenticated, additional.MFAUsed),
  };
}

function mfaOf(mfaAuthenticated: unknown, mfaUsed: unknown): boolean | undefined {
  // A console sign-in's MFAUsed says how that sign-in went; it wins over the session attribute.
  for (const value of [mfaUsed, mfaAuthenticated]) {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (v === 'yes' || v === 'true' || v === true) {
      return true;
    }
    if (v === 'no' || v === 'false' || v === false) {
      return false;
    }
  }
  return undefined;
}

function interestingParameters(requestParameters: unknown): Array<[string, string]> {
  if (!isObject(requestParameters)) {
    return [];
  }
  const result: Array<[string, string]> = [];
  for (const name of INTERESTING_PARAMETERS) {
    const value = requestParameters[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const shown = field(String(value), MAX_PARAMETER_LENGTH);
      if (shown !== undefined) {
        result.push([name, shown]);
      }
    }
    if (result.length >= MAX_PARAMETERS) {
      break;
    }
  }
  return result;
}

/**
 * "Who" in one line: `AssumedRole arn:aws:sts::1:assumed-role/Admin/alice (role arn:aws:iam::1:role/Admin), MFA no`.
 */
export function describePrincipal(p: Principal): string {
  const who = [p.type, p.arn ?? p.userName ?? (p.accountId ? `account ${p.accountId}` : undefined)]
    .filter(isDefined).join(' ') || 'unknown principal';
  const parts = [who];
  if (p.userName && p.arn && !p.arn.endsWith(`/${p.userName}`)) {
    parts[0] += ` (user name ${p.userName})`;
  }
  if (p.issuerArn) {
    parts[0] += ` (session of ${p.issuerArn})`;
  } else if (p.issuerUserName) {
    parts[0] += ` (session of ${p.issuerUserName})`;
  }
  if (p.invokedBy) {
    parts.push(`invoked by ${p.invokedBy}`);
  }
  if (p.mfa !== undefined) {
    parts.push(`MFA ${p.mfa ? 'yes' : 'no'}`);
  }
  return parts.join(', ');
}

/** "What" in one line: `iam.amazonaws.com AttachUserPolicy`, with the error when the call failed. */
export function describeAction(e: EventSummary): string {
  const action = [e.eventSource, e.eventName].filter(isDefined).join(' ') || 'unknown action';
  return e.errorCode ? `${action} -> failed: ${e.errorCode}` : action;
}

/** The kept request parameters as `name=value, name=value`, or undefined when none. */
export function describeParameters(e: EventSummary): string | undefined {
  return e.parameters.length > 0 ? e.parameters.map(([k, v]) => `${k}=${v}`).join(', ') : undefined;
}

/** "Where" in one line: `account 1, us-east-1, from 203.0.113.7`. */
export function describeWhere(e: EventSummary): string {
  return [
    e.accountId ? `account ${e.accountId}` : undefined,
    e.region,
    e.sourceIp ? `from ${e.sourceIp}` : undefined,
  ].filter(isDefined).join(', ') || 'unknown';
}

/**
 * A string field on one line, shortened to `max` characters (ending in `...`); undefined when not
 * a non-empty string.
 */
function field(value: unknown, max = MAX_FIELD_LENGTH): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const line = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (line.length === 0) {
    return undefined;
  }
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/**
 * The labelled facts of one event, in display order, the empty ones left out: who, where, the
 * target, the error and the user agent. Every message format (text, Slack, Teams) shows these.
 */
export function eventFacts(e: EventSummary): Array<[string, string]> {
  const facts: Array<[string, string | undefined]> = [
    ['Who', describePrincipal(e.principal)],
    ['Where', describeWhere(e)],
    ['Target', describeParameters(e)],
    ['Error', e.errorCode ? [e.errorCode, e.errorMessage].filter(Boolean).join(': ') : undefined],
    ['Agent', e.userAgent],
  ];
  return facts.filter((f): f is [string, string] => !!f[1]);
}
