/**
 * The test evaluator of EventBridge event patterns (event-pattern-evaluator.ts) against the
 * documented examples it must reproduce:
 * - [ER] aws/event-ruler README, "Ruler by Example": its sample EC2 event and the rules it says
 *   match ("Simple matching", "Anything-but matching", "Exists matching", with the note that
 *   `exists: false` also matches a field holding an object);
 * - [EB] EventBridge user guide, "Comparison operators for use in event patterns"
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html) and
 *   "Content filtering in Amazon EventBridge event patterns": anything-but, exists.
 */
import { matchesEventPattern, UnsupportedPatternError } from './event-pattern-evaluator';

// [ER] the sample event of "Ruler by Example".
const EC2_EVENT = {
  'version': '0',
  'id': 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  'source': 'aws.ec2',
  'account': '012345679012',
  'time': '2017-10-02T16:24:49Z',
  'region': 'us-east-1',
  'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  'detail': {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    'state': 'running',
  },
};

describe('EventBridge pattern evaluator (documented examples)', () => {
  test('[ER] simple matching: listed values, and an event array intersecting the rule array', () => {
    expect(matchesEventPattern({
      'detail-type': ['EC2 Instance State-change Notification'],
      'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
      'detail': { state: ['initializing', 'running'] },
    }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: ['initializing'] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ resources: ['arn:other'] }, EC2_EVENT)).toBe(false);
  });

  test('[ER][EB] anything-but: a single string and a list; a missing field does not match', () => {
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': 'running' }] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, EC2_EVENT)).toBe(false);
    // A rule field matches only a field present in the event.
    expect(matchesEventPattern({ detail: { missing: [{ 'anything-but': 'x' }] } }, EC2_EVENT)).toBe(false);
  });

  test('[ER][EB] exists: true on a present leaf, false on a missing field or an object', () => {
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT)).toBe(false);
    // [ER] "would match the event below" (no c-count) ...
    const noCount = { detail: { state: ['initializing', 'running'] } };
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, noCount)).toBe(true);
    // ... "but would also match the event below because c-count is not a leaf node".
    const objectCount = { detail: { 'state': 'running', 'c-count': { c1: 100 } } };
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, objectCount)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, objectCount)).toBe(false);
  });

  test('values are typed and case-sensitive; an object matches no value', () => {
    expect(matchesEventPattern({ detail: { 'c-count': ['5'] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { 'c-count': [5] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: ['Running'] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: ['x'] }, EC2_EVENT)).toBe(false);
  });

  test('refuses what it does not model instead of guessing', () => {
    expect(() => matchesEventPattern({ detail: { state: [{ prefix: 'run' }] } }, EC2_EVENT)).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern({ $or: [{ a: ['b'] }, { c: ['d'] }] }, EC2_EVENT)).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern({ detail: { 'x-limit': [{ 'anything-but': 'a' }] } }, EC2_EVENT)).toThrow(UnsupportedPatternError);
    expect(() => matchesEventPattern({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, EC2_EVENT)).toThrow(UnsupportedPatternError);
  });
});
