/**
 * The counters behind the report: principal names, event times, UTC days and alarm transitions.
 */
import { DetectionCounter, EventTotals, eventTimeMs, principalOf, utcDayOf } from '../../lib/replay/stats';

describe('principalOf', () => {
  test('the ARN when there is one; else the identity type, with invokedBy when present', () => {
    expect(principalOf({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' } })).toBe('arn:aws:iam::111122223333:user/alice');
    expect(principalOf({ userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' } })).toBe('AWSService invokedBy lambda.amazonaws.com');
    expect(principalOf({ userIdentity: { type: 'IAMUser', arn: '' } })).toBe('IAMUser');
    expect(principalOf({ userIdentity: {} })).toBe('(no type)');
    expect(principalOf({})).toBe('(no userIdentity)');
  });
});

describe('event times', () => {
  test('eventTime is UTC; a time without a zone is read as UTC; anything else is NaN', () => {
    expect(eventTimeMs('2024-06-02T20:27:12Z')).toBe(Date.UTC(2024, 5, 2, 20, 27, 12));
    expect(eventTimeMs('2024-06-02 20:27:12')).toBe(Date.UTC(2024, 5, 2, 20, 27, 12));
    expect(eventTimeMs('2024-06-02 20:27:12.500')).toBe(Date.UTC(2024, 5, 2, 20, 27, 12, 500));
    expect(eventTimeMs('2024-06-02T22:27:12+02:00')).toBe(Date.UTC(2024, 5, 2, 20, 27, 12));
    expect(eventTimeMs(undefined)).toBeNaN();
    expect(eventTimeMs('yesterday')).toBeNaN();
  });

  test('the UTC day is the date part of eventTime', () => {
    expect(utcDayOf('2024-06-02T23:59:59Z')).toBe('2024-06-02');
    expect(utcDayOf('2024-06-02 20:27:12')).toBe('2024-06-02');
    expect(utcDayOf(1717360032000)).toBeUndefined();
    expect(utcDayOf('06/02/2024')).toBeUndefined();
  });

  test('totals: distinct days, first and last event (not in file order), span in calendar days', () => {
    const totals = new EventTotals();
    for (const eventTime of ['2024-01-05T10:00:00Z', '2024-01-01T23:59:59Z', '2024-01-05T09:00:00Z', '2024-01-31T00:00:00Z', undefined]) {
      totals.add({ eventTime });
    }
    expect(totals.events).toBe(5);
    expect(totals.eventsWithoutTime).toBe(1);
    expect([...totals.days].sort()).toEqual(['2024-01-01', '2024-01-05', '2024-01-31']);
    expect(totals.firstEventTime).toBe('2024-01-01T23:59:59Z');
    expect(totals.lastEventTime).toBe('2024-01-31T00:00:00Z');
    expect(totals.spanDays).toBe(31);
  });
});

describe('DetectionCounter', () => {
  test('alarm transitions are runs of consecutive 5-minute periods with a match', () => {
    const counter = new DetectionCounter();
    // Periods (minutes from 00:00): [0,5) [5,10) | [15,20) | [30,35) [35,40) [40,45)
    for (const t of ['00:01', '00:02', '00:07', '00:15', '00:30', '00:39', '00:44']) {
      counter.add({ eventName: 'X', eventTime: `2024-01-01T${t}:00Z` });
    }
    counter.add({ eventName: 'Y' }); // no time: counted, in no period
    expect(counter.matches).toBe(8);
    expect(counter.breachingPeriods).toBe(6);
    expect(counter.alarmTransitions).toBe(3);
    expect(counter.topEventNames(5)).toEqual([{ name: 'X', count: 7 }, { name: 'Y', count: 1 }]);
  });

  test('top lists: most frequent first, ties by name, at most n', () => {
    const counter = new DetectionCounter();
    for (const name of ['b', 'a', 'c', 'c', 'd', 'e', 'f', 'g']) counter.add({ eventName: name, userIdentity: { type: 'Root' } });
    expect(counter.topEventNames(5)).toEqual([
      { name: 'c', count: 2 }, { name: 'a', count: 1 }, { name: 'b', count: 1 }, { name: 'd', count: 1 }, { name: 'e', count: 1 },
    ]);
    expect(counter.topPrincipals(5)).toEqual([{ name: 'Root', count: 8 }]);
  });
});
