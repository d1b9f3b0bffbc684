import alarmEventJson from './fixtures/alarm-event.json';
import filterLogEvents from './fixtures/filter-log-events.json';
import {
  EVENT_LINK_NOTE, fitBlocks, MAX_MESSAGE_BYTES, renderActivityText, SNS_MESSAGE_LIMIT_BYTES, utf8Bytes,
} from '../../../lib/alarm-actions/notifier-handler/activity';
import { EventSummary, parseCloudTrailMessage } from '../../../lib/alarm-actions/notifier-handler/cloudtrail-event';
import { Enrichment } from '../../../lib/alarm-actions/notifier-handler/enrich';
import { AlarmEvent, formatNotification } from '../../../lib/alarm-actions/notifier-handler/format';

const alarm = alarmEventJson as AlarmEvent;
const fixtureEvents = filterLogEvents.events.map((e) => parseCloudTrailMessage(e.message)!);

function enrichment(overrides: Partial<Enrichment> = {}): Enrichment {
  return {
    status: 'complete',
    metric: { namespace: 'CISBenchmark', name: 'RootAccountUsage' },
    filters: [{ logGroupName: 'aws-cloudtrail-logs/org', filterPattern: '{...}' }],
    window: { start: new Date('2024-05-14T09:05:00Z'), end: new Date('2024-05-14T09:22:07Z') },
    events: fixtureEvents,
    matched: fixtureEvents.length,
    malformed: 0,
    ...overrides,
  };
}

describe('renderActivityText', () => {
  test('nothing for OK / INSUFFICIENT_DATA', () => {
    expect(renderActivityText(undefined, 1000)).toEqual([]);
  });

  test('the events, numbered, with who / where / target / error / agent / link', () => {
    const text = renderActivityText(enrichment(), MAX_MESSAGE_BYTES).join('\n');
    expect(text).toContain(
      "Who did what (CloudTrail events matching the detection's metric filter in log group aws-cloudtrail-logs/org, "
      + '2024-05-14 09:05:00 UTC to 2024-05-14 09:22:07 UTC):\n5 matching events.\n');
    expect(text).toContain([
      '3. 2024-08-01T13:33:28Z  iam.amazonaws.com AttachUserPolicy',
      '   Who:    IAMUser arn:aws:iam::229654561268:user/christophe',
      '   Where:  account 229654561268, ap-isob-central-3r, from 075.050.255.67',
      '   Target: userName=malicious-iam-user, policyArn=arn:aws:iam::aws:policy/AdministratorAccess',
      '   Agent:  stratus-red-team_6bf00313-712c-4fd2-9bdd-88f48a4b1282',
      '   Event:  https://ap-isob-central-3r.console.aws.amazon.com/cloudtrail/home?region=ap-isob-central-3r#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc',
    ].join('\n'));
    expect(text).toContain('5. 2024-07-30T21:31:12Z  sts.amazonaws.com AssumeRole -> failed: AccessDenied\n');
    expect(text).toContain('   Error:  AccessDenied: User: arn:aws:iam::457448411975:user/christophe is not authorized');
    expect(text).not.toContain('more matching');
    expect(text.endsWith(`\n\n${EVENT_LINK_NOTE}`)).toBe(true);
  });

  test('"... and N more" when more matched than described', () => {
    const lines = renderActivityText(enrichment({ events: fixtureEvents.slice(0, 2), matched: 1234 }), MAX_MESSAGE_BYTES);
    expect(lines).toContain('1234 matching events.');
    expect(lines).toContain('... and 1232 more matching events (not described).');
  });

  test('partial search, malformed messages, nothing found', () => {
    expect(renderActivityText(enrichment({ status: 'partial', reason: 'stopped at the end of the time budget', matched: 7, malformed: 2 }), 100_000))
      .toEqual(expect.arrayContaining([
        'At least 7 matching events (the search stopped early).',
        'Search incomplete: stopped at the end of the time budget.',
        '2 matching log event(s) were not CloudTrail records (not a JSON object) and are not described.',
      ]));
    const nothing = renderActivityText(enrichment({ events: [], matched: 0 }), 100_000).join('\n');
    expect(nothing).toMatch(/0 matching events\.\n\nNo matching event was found in that time range/);
    expect(nothing).not.toContain(EVENT_LINK_NOTE);
  });

  test.each([
    ['failed', 'Enrichment failed: DescribeMetricFilters: AccessDeniedException: nope. The alarm is reported without the events behind it; use the links below.'],
    ['skipped', 'Enrichment skipped: DescribeMetricFilters: AccessDeniedException: nope.'],
  ] as const)('%s -> one line with the reason', (status, line) => {
    expect(renderActivityText(enrichment({ status, reason: 'DescribeMetricFilters: AccessDeniedException: nope', events: [], matched: 0 }), 1000))
      .toEqual([line]);
  });

  test('keeps within the byte budget and says how many were left out', () => {
    const big: EventSummary = { ...fixtureEvents[0], userAgent: 'ü'.repeat(200), errorCode: 'AccessDenied', errorMessage: 'é'.repeat(500) };
    const events = Array.from({ length: 50 }, () => big);
    const lines = renderActivityText(enrichment({ events, matched: 2000 }), 20_000);
    expect(utf8Bytes(lines.join('\n'))).toBeLessThanOrEqual(20_000);
    const shown = lines.filter((l) => /^\d+\. /.test(l)).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(50);
    expect(lines).toContain(`... and ${2000 - shown} more matching events (left out to keep the message within the size limit).`);
  });

  test('the whole SNS message stays under 256 KiB with 50 large events', () => {
    const big: EventSummary = {
      ...fixtureEvents[2],
      userAgent: 'x'.repeat(200),
      errorCode: 'AccessDenied',
      errorMessage: '€'.repeat(500),
      parameters: Array.from({ length: 6 }, (_, i) => [`p${i}`, '𝒳'.repeat(100)] as [string, string]),
    };
    const bare = formatNotification(alarm, { logGroupName: 'lg' });
    const activity = renderActivityText(enrichment({ events: Array.from({ length: 50 }, () => big), matched: 2000 }),
      MAX_MESSAGE_BYTES - utf8Bytes(bare.message) - 512);
    const { message } = formatNotification(alarm, { logGroupName: 'lg', activity });
    expect(utf8Bytes(message)).toBeLessThan(SNS_MESSAGE_LIMIT_BYTES);
    expect(message).toContain('... and 1950 more matching events (not described).');
  });
});

describe('fitBlocks', () => {
  test('counts whole blocks that fit, in order', () => {
    expect(fitBlocks(['aaaa', 'bb', 'c'], 8)).toBe(2);
    expect(fitBlocks(['aaaa', 'bb', 'c'], 4)).toBe(0);
    expect(fitBlocks([], 10)).toBe(0);
    expect(fitBlocks(['é'], 2)).toBe(0); // 2 bytes + separator
  });
});
