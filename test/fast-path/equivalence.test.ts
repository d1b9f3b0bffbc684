/**
 * The key test of the fast path: for every supported detection, its EventBridge event pattern and
 * its CloudWatch Logs filter pattern agree on every event, one event at a time.
 *
 * - Filter pattern: `Detection.matches` (the library's CloudWatch Logs evaluator).
 * - Event pattern: the test evaluator of documented EventBridge semantics (event-pattern-evaluator.ts,
 *   tested on the documented examples in event-pattern-evaluator.test.ts).
 * - Events: the real CloudTrail records of test/fixtures/cloudtrail-events (README, NOTICE.md,
 *   SOURCES.tsv) and test/fixtures/synthetic-events, wrapped as EventBridge delivers them ("Events
 *   from AWS services delivered via AWS CloudTrail": the record is `detail`, `source` is
 *   `aws.<service>`, `detail-type` follows `eventType`), plus synthetic near misses built here.
 * - Each pattern must have at least one positive among the real records.
 *
 * Limits (see README "EventBridge fast path"): this proves the two patterns agree on records that
 * reach both paths; which records reach EventBridge at all (account, region, read-only events) is
 * documented, not tested. The evaluator models only the operators the patterns use.
 */
import * as fs from 'fs';
import * as path from 'path';
import { matchesEventPattern } from './event-pattern-evaluator';
import { Detection, Detections } from '../../lib/detections';
import {
  CONSOLE_SIGN_IN_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE_AS_LISTED, detailTypeOf, equivalentFilterPattern,
  FAST_PATH_PATTERNS, sourceOf, SUPPORTED_FAST_PATH_IDS,
} from '../../lib/detections/event-patterns';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function catalogDetection(id: string): Detection {
  const found = Detections.cisAwsFoundations().find((d) => d.id === id);
  if (!found) throw new Error(`no catalog detection ${id}`);
  return found;
}

interface Sample { readonly name: string; readonly record: any; readonly real: boolean }

function realRecords(): Sample[] {
  const samples: Sample[] = [];
  for (const corpus of ['cloudtrail-events', 'synthetic-events']) {
    const dir = path.join(FIXTURES, corpus, 'events');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      samples.push({ name: `${corpus}/${file}`, record: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), real: true });
    }
  }
  return samples;
}

/** The record as EventBridge delivers it, or undefined when it is not delivered as a CloudTrail API/console/service event. */
function asEventBridgeEvent(record: any): any | undefined {
  const detailType = detailTypeOf(record.eventType);
  if (!detailType) return undefined;
  return {
    'version': '0',
    'id': '00000000-0000-0000-0000-000000000000',
    'detail-type': detailType,
    'source': sourceOf(record.eventSource),
    'account': record.recipientAccountId ?? '111122223333',
    'time': record.eventTime,
    'region': record.awsRegion,
    'resources': [],
    'detail': record,
  };
}

const base = (over: Record<string, unknown>): any => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
  eventTime: '2026-01-01T00:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'ListUsers',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.1',
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
  ...over,
});
const ROOT = { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', principalId: '111122223333' };
const signIn = (over: Record<string, unknown>): any => base({
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  eventType: 'AwsConsoleSignIn',
  responseElements: { ConsoleLogin: 'Success' },
  additionalEventData: { MFAUsed: 'No' },
  ...over,
});

/** Near misses (and near hits): hand-built records that differ from a match in one field. */
const SYNTHETIC: Array<[string, any]> = [
  // CloudWatch.1
  ['root API call', base({ userIdentity: ROOT })],
  ['root read-only call', base({ userIdentity: ROOT, eventName: 'GetAccountSummary' })],
  ['root call invoked by a service', base({ userIdentity: { ...ROOT, invokedBy: 'signin.amazonaws.com' } })],
  ['root call, invokedBy null', base({ userIdentity: { ...ROOT, invokedBy: null } })],
  ['root service event', base({ userIdentity: ROOT, eventType: 'AwsServiceEvent' })],
  ['root console action', base({ userIdentity: ROOT, eventType: 'AwsConsoleAction' })],
  ['root, type in lower case', base({ userIdentity: { ...ROOT, type: 'root' } })],
  ['root without eventType (not on EventBridge)', (() => { const r = base({ userIdentity: ROOT }); delete r.eventType; return r; })()],
  ['no userIdentity', (() => { const r = base({}); delete r.userIdentity; return r; })()],
  // CloudWatch.3
  ['IAM user sign-in without MFA', signIn({})],
  ['IAM user sign-in with MFA', signIn({ additionalEventData: { MFAUsed: 'Yes' } })],
  ['IAM user sign-in, MFAUsed "yes" (case)', signIn({ additionalEventData: { MFAUsed: 'yes' } })],
  ['IAM user sign-in, no MFAUsed', signIn({ additionalEventData: { LoginTo: 'https://console.aws.amazon.com/' } })],
  ['IAM user sign-in, no additionalEventData', signIn({ additionalEventData: undefined })],
  ['IAM user sign-in that failed', signIn({ responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' })],
  ['root sign-in without MFA', signIn({ userIdentity: ROOT })],
  ['assumed-role sign-in without MFA', signIn({ userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/r/s' } })],
  ['IAM user, other sign-in event', signIn({ eventName: 'CheckMfa' })],
  // CloudWatch.5
  ...['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'].map((n): [string, any] => [`${n}`, base({ eventSource: 'cloudtrail.amazonaws.com', eventName: n })]),
  ['StopLogging that failed', base({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', errorCode: 'AccessDenied' })],
  ['UpdateTrail from another service (the filter has no eventSource)', base({ eventSource: 'example.amazonaws.com', eventName: 'UpdateTrail' })],
  ['stoplogging (case)', base({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'stoplogging' })],
  ['PutEventSelectors', base({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors' })],
  ['no eventName', (() => { const r = base({ eventSource: 'cloudtrail.amazonaws.com' }); delete r.eventName; return r; })()],
  // CloudWatch.7
  ['DisableKey', base({ eventSource: 'kms.amazonaws.com', eventName: 'DisableKey' })],
  ['ScheduleKeyDeletion', base({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: 'k', pendingWindowInDays: 7 } })],
  ['EnableKey', base({ eventSource: 'kms.amazonaws.com', eventName: 'EnableKey' })],
  ['CancelKeyDeletion', base({ eventSource: 'kms.amazonaws.com', eventName: 'CancelKeyDeletion' })],
  ['DisableKey of another service', base({ eventSource: 'example.amazonaws.com', eventName: 'DisableKey' })],
  ['DisableKey, eventSource in upper case', base({ eventSource: 'KMS.amazonaws.com', eventName: 'DisableKey' })],
];

const SAMPLES: Sample[] = [
  ...realRecords(),
  ...SYNTHETIC.map(([name, record]) => ({ name: `synthetic: ${name}`, record: JSON.parse(JSON.stringify(record)), real: false })),
];

describe('fast path: event pattern and filter pattern agree event by event', () => {
  test('the fast path supports exactly CloudWatch.1, .3, .5 and .7', () => {
    expect(SUPPORTED_FAST_PATH_IDS).toEqual(['CloudWatch.1', 'CloudWatch.3', 'CloudWatch.5', 'CloudWatch.7']);
  });

  describe.each(SUPPORTED_FAST_PATH_IDS)('%s', (id) => {
    const detection = catalogDetection(id);
    const { eventPattern } = FAST_PATH_PATTERNS[id];

    test('is equivalent to the catalog filter pattern, byte for byte the one evaluated here', () => {
      expect(equivalentFilterPattern(id)).toBe(detection.filterPattern);
    });

    test.each(SAMPLES.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
      const filterMatches = detection.matches(sample.record);
      const event = asEventBridgeEvent(sample.record);
      if (event === undefined) {
        // Not delivered to EventBridge as an API call / console / service event: the fast path
        // cannot see it, so the filter pattern must not need it either.
        expect(filterMatches).toBe(false);
        return;
      }
      expect(matchesEventPattern(eventPattern, event)).toBe(filterMatches);
    });

    test('has at least one positive among the real records, and one among the near misses', () => {
      const positives = SAMPLES.filter((s) => {
        const e = asEventBridgeEvent(s.record);
        return e !== undefined && matchesEventPattern(eventPattern, e);
      });
      expect(positives.filter((s) => s.real).length).toBeGreaterThanOrEqual(1);
      expect(positives.filter((s) => !s.real).length).toBeGreaterThanOrEqual(1);
      // And it is selective: most records do not match.
      expect(positives.length).toBeLessThan(SAMPLES.length / 4);
    });
  });

  test('a pattern that takes sign-in events takes both spellings of their detail-type (events vs the user guide list)', () => {
    for (const id of SUPPORTED_FAST_PATH_IDS) {
      const types = FAST_PATH_PATTERNS[id].eventPattern['detail-type'] as string[];
      expect(types).toContain(CONSOLE_SIGN_IN_DETAIL_TYPE);
      expect(types).toContain(CONSOLE_SIGN_IN_DETAIL_TYPE_AS_LISTED);
    }
  });

  test('a record wrapped for EventBridge keeps the record as detail, with source and detail-type per the documented mapping', () => {
    const e = asEventBridgeEvent(signIn({}));
    expect(e['detail-type']).toBe('AWS Console Sign In via CloudTrail');
    expect(e.source).toBe('aws.signin');
    expect(asEventBridgeEvent(base({ eventSource: 'kms.amazonaws.com' })).source).toBe('aws.kms');
    expect(asEventBridgeEvent(base({ eventType: 'AwsVpceEvent' }))).toBeUndefined();
  });
});
