/**
 * The event-name index of the replay (lib/replay/matcher.ts): which patterns it may skip, and that
 * it finds exactly the matches of evaluating every pattern on every event.
 */
import { labelledRecords } from './helpers';
import { Detections } from '../../lib/detections';
import { JsonFilterPattern } from '../../lib/filter-pattern';
import { parsePattern } from '../../lib/filter-pattern/parser';
import { DetectionMatcher, eventNamesOf } from '../../lib/replay/matcher';

const names = (text: string) => {
  const set = eventNamesOf(parsePattern(text).root);
  return set === undefined ? undefined : [...set].sort();
};

describe('eventNamesOf', () => {
  test.each([
    ['{ $.eventName = ConsoleLogin }', ['ConsoleLogin']],
    ['{ ($.eventName = "A") || ($.eventName = B) }', ['A', 'B']],
    ['{ $.eventSource = kms.amazonaws.com && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }', ['DisableKey', 'ScheduleKeyDeletion']],
    ['{ $.eventName = "A" && $.eventName = "B" || $.eventName = "C" }', ['A', 'C']],
    ['{ $.eventName = "Put*Policy" }', ['Put*Policy']], // a * inside is a literal asterisk
    ['{ $.[\'eventName\'] = "A" }', ['A']],
  ])('%s can only match %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  test.each([
    '{ $.eventName = "Put*" }', // trailing wildcard
    '{ $.eventName = "*Policy" }',
    '{ $.eventName != "A" }',
    '{ $.eventName = %^Put% }',
    '{ $.eventName = 5 }',
    '{ $.eventName = "A" || $.errorCode = "AccessDenied" }',
    '{ $.userIdentity.type = "Root" }',
    '{ $.requestParameters.eventName = "A" }',
    '{ $.eventName NOT EXISTS }',
  ])('%s may match any event name', (text) => {
    expect(names(text)).toBeUndefined();
  });

  test('13 of the 15 catalog detections are indexed by event name (not CloudWatch.1 root usage, CloudWatch.2 unauthorized calls)', () => {
    const matcher = new DetectionMatcher(Detections.cisAwsFoundations().map((d) => d.filterPattern));
    expect(matcher.unindexed).toBe(2);
  });
});

test('the matcher finds exactly what evaluating every pattern finds (catalog, variants, edge patterns)', () => {
  const patterns = [
    ...Detections.everything().map((d) => d.filterPattern),
    '{ $.eventName = "42" }', '{ $.eventName = "Put*Policy" }', '{ $.eventName = "ConsoleLogin" || $.errorCode = "*" }',
  ];
  const events: object[] = [
    ...labelledRecords().map((r) => r.record),
    { eventName: 42 }, { eventName: 'Put*Policy' }, { eventName: ['ConsoleLogin'] }, { eventName: null, errorCode: 'X' },
    [{ eventName: 'ConsoleLogin' }], Object.create(null),
  ];
  const matcher = new DetectionMatcher(patterns);
  const parsed = patterns.map((p) => JsonFilterPattern.parse(p));
  let total = 0;
  for (const event of events) {
    const found: number[] = [];
    matcher.forEachMatch(event, (d) => found.push(d));
    const expected = parsed.flatMap((p, d) => (p.matches(event) ? [d] : []));
    expect(found.sort((a, b) => a - b)).toEqual(expected);
    total += expected.length;
  }
  expect(total).toBeGreaterThan(100); // the corpus does exercise the detections
});
