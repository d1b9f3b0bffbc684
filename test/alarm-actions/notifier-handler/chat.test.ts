import alarmEventJson from './fixtures/alarm-event.json';
import filterLogEvents from './fixtures/filter-log-events.json';
import {
  chatPayload, ChatInput, clip, genericPayload, SLACK_MAX_BLOCKS, SLACK_MAX_BLOCKS_TEXT, SLACK_MAX_HEADER_TEXT,
  SLACK_MAX_SECTION_TEXT, slackEscape, slackPayload, TEAMS_MAX_BYTES, teamsPayload,
} from '../../../lib/alarm-actions/notifier-handler/chat';
import { EventSummary, parseCloudTrailMessage } from '../../../lib/alarm-actions/notifier-handler/cloudtrail-event';
import { Enrichment } from '../../../lib/alarm-actions/notifier-handler/enrich';
import { AlarmEvent, alarmFacts } from '../../../lib/alarm-actions/notifier-handler/format';

const alarm = alarmEventJson as AlarmEvent;
const fixtureEvents = filterLogEvents.events.map((e) => parseCloudTrailMessage(e.message)!);

function enrichment(overrides: Partial<Enrichment> = {}): Enrichment {
  return {
    status: 'complete',
    metric: { namespace: 'CISBenchmark', name: 'RootAccountUsage' },
    filters: [{ logGroupName: 'aws-cloudtrail-logs/org', filterName: 'f', filterPattern: '{$.userIdentity.type="Root"}' }],
    window: { start: new Date('2024-05-14T09:05:00Z'), end: new Date('2024-05-14T09:22:07Z') },
    events: fixtureEvents,
    matched: fixtureEvents.length,
    malformed: 0,
    ...overrides,
  };
}

function input(overrides: Partial<ChatInput> = {}): ChatInput {
  return { facts: alarmFacts(alarm, 'aws-cloudtrail-logs/org'), enrichment: enrichment(), text: 'plain text', ...overrides };
}

/** A large event: every shown field at its longest. */
const bigEvent: EventSummary = {
  ...fixtureEvents[2],
  userAgent: 'u'.repeat(200),
  errorCode: 'AccessDenied',
  errorMessage: 'm'.repeat(500),
  parameters: Array.from({ length: 6 }, (_, i) => [`p${i}`, 'v'.repeat(200)] as [string, string]),
};

type Block = { type: string; text?: { type: string; text: string }; elements?: Array<{ text?: unknown; url?: string }> };

function blockTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : undefined))])
    .filter((t): t is string => typeof t === 'string');
}

describe('Slack', () => {
  test('header, summary, description, events, buttons', () => {
    const { text, blocks } = slackPayload(input()) as { text: string; blocks: Block[] };

    expect(text).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(blocks.map((b) => b.type)).toEqual([
      'header', 'section', 'context', 'divider', 'section', 'section', 'section', 'section', 'section', 'section', 'actions',
    ]);
    expect(blocks[0].text).toEqual({ type: 'plain_text', text: ':rotating_light: ALARM: CloudWatch.1 Root user activity', emoji: true });
    expect(blocks[1].text!.text).toContain('*State:* OK -&gt; ALARM\n*When:* 2024-05-14 09:21:07 UTC\n*Account:* 222222222222\n*Region:* us-east-1');
    expect(blocks[4].text!.text).toBe("*Who did what (CloudTrail events matching the detection's metric filter in log group aws-cloudtrail-logs/org, "
      + '2024-05-14 09:05:00 UTC to 2024-05-14 09:22:07 UTC):*\n5 matching events.');
    expect(blocks[7].text!.text).toBe([
      '*3. iam.amazonaws.com AttachUserPolicy*  2024-08-01T13:33:28Z',
      '*Who:* IAMUser arn:aws:iam::229654561268:user/christophe',
      '*Where:* account 229654561268, ap-isob-central-3r, from 075.050.255.67',
      '*Target:* userName=malicious-iam-user, policyArn=arn:aws:iam::aws:policy/AdministratorAccess',
      '*Agent:* stratus-red-team_6bf00313-712c-4fd2-9bdd-88f48a4b1282',
      '<https://ap-isob-central-3r.console.aws.amazon.com/cloudtrail/home?region=ap-isob-central-3r#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc|Event in CloudTrail event history>',
    ].join('\n'));
    expect(blocks[9].text!.text).toContain('*5. sts.amazonaws.com AssumeRole -&gt; failed: AccessDenied*');
    const buttons = blocks[10].elements!;
    expect(buttons.map((b) => b.url)).toEqual([
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/CloudTrailBaseline-CloudWatch.1-RootAccountUsage',
      expect.stringMatching(/#logsV2:logs-insights\$3FqueryDetail/),
    ]);
  });

  test('respects 50 blocks, 3,000 characters per section and the total text', () => {
    const { blocks } = slackPayload(input({
      enrichment: enrichment({ events: Array.from({ length: 50 }, () => bigEvent), matched: 2000, malformed: 3, status: 'partial', reason: 'r' }),
    })) as { blocks: Block[] };

    expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    for (const t of blockTexts(blocks)) {
      expect(t.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    }
    expect(blockTexts(blocks).join('').length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS_TEXT);
    const shown = blocks.filter((b) => /^\*\d+\. /.test(b.text?.text ?? '')).length;
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(blockTexts(blocks)).toContain(`... and ${2000 - shown} more matching events`);
    expect(blockTexts(blocks)).toContain('Search incomplete: r.');
    expect(blocks[blocks.length - 1].type).toBe('actions');
  });

  test('long header and description are clipped; mrkdwn control characters escaped', () => {
    const facts = { ...alarmFacts(alarm), label: 'L'.repeat(300), description: `<!channel> & ${'d'.repeat(4000)}` };
    const { blocks } = slackPayload({ facts, text: '' }) as { blocks: Block[] };
    expect(blocks[0].text!.text.length).toBe(SLACK_MAX_HEADER_TEXT);
    expect(blockTexts(blocks)[2].startsWith('&lt;!channel&gt; &amp; ddd')).toBe(true);
    expect(blockTexts(blocks)[2].length).toBe(SLACK_MAX_SECTION_TEXT);
    // OK / INSUFFICIENT_DATA: no enrichment part.
    expect(blocks.some((b) => b.type === 'divider')).toBe(false);
  });

  test('enrichment failure is one section', () => {
    const { blocks } = slackPayload(input({ enrichment: enrichment({ status: 'failed', reason: 'FilterLogEvents: ThrottlingException: Rate exceeded', events: [] }) })) as { blocks: Block[] };
    expect(blockTexts(blocks)).toContain(
      'Enrichment failed: FilterLogEvents: ThrottlingException: Rate exceeded. The alarm is reported without the events behind it; use the links below.');
  });

  test('slackEscape and clip', () => {
    expect(slackEscape('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(clip('abcdef', 5)).toBe('ab...');
    expect(clip('abc', 5)).toBe('abc');
  });
});

describe('Microsoft Teams', () => {
  type Card = { type: string; version: string; body: Array<Record<string, unknown>>; actions: Array<Record<string, unknown>> };
  function card(payload: unknown): Card {
    const message = payload as { type: string; attachments: Array<{ contentType: string; contentUrl: null; content: Card }> };
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(message.attachments[0].contentUrl).toBeNull();
    return message.attachments[0].content;
  }

  test('an Adaptive Card with the facts, one container per event, and links', () => {
    const c = card(teamsPayload(input()));
    expect(c).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(c.body[0]).toEqual({
      type: 'TextBlock', text: 'ALARM: CloudWatch.1 Root user activity', weight: 'Bolder', size: 'Medium', wrap: true, color: 'Attention',
    });
    expect(c.body[1]).toMatchObject({ type: 'FactSet', facts: expect.arrayContaining([{ title: 'State', value: 'OK -> ALARM' }, { title: 'Account', value: '222222222222' }]) });
    const containers = c.body.filter((b) => b.type === 'Container');
    expect(containers).toHaveLength(5);
    expect(containers[2]).toEqual({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: '3. iam.amazonaws.com AttachUserPolicy (2024-08-01T13:33:28Z)', weight: 'Bolder', wrap: true },
        {
          type: 'FactSet',
          facts: [
            { title: 'Who', value: 'IAMUser arn:aws:iam::229654561268:user/christophe' },
            { title: 'Where', value: 'account 229654561268, ap-isob-central-3r, from 075.050.255.67' },
            { title: 'Target', value: 'userName=malicious-iam-user, policyArn=arn:aws:iam::aws:policy/AdministratorAccess' },
            { title: 'Agent', value: 'stratus-red-team_6bf00313-712c-4fd2-9bdd-88f48a4b1282' },
          ],
        },
        {
          type: 'TextBlock',
          text: '[Event in CloudTrail event history](https://ap-isob-central-3r.console.aws.amazon.com/cloudtrail/home?region=ap-isob-central-3r#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc)',
          wrap: true,
        },
      ],
    });
    expect(c.actions.map((a) => a.title)).toEqual(['Open the alarm', 'CloudTrail events in Logs Insights']);
  });

  test('stays under the Teams message size by leaving events out', () => {
    const payload = teamsPayload(input({ enrichment: enrichment({ events: Array.from({ length: 50 }, () => bigEvent), matched: 2000 }) }));
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    const c = card(payload);
    const shown = c.body.filter((b) => b.type === 'Container').length;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(50);
    expect(c.body).toContainEqual(expect.objectContaining({ text: `... and ${2000 - shown} more matching events` }));
  });

  test('OK state: green, no activity', () => {
    const event = { ...alarm, alarmData: { ...alarm.alarmData, state: { ...alarm.alarmData.state, value: 'OK' } } };
    const c = card(chatPayload('teams', { facts: alarmFacts(event), text: '' }));
    expect(c.body[0]).toMatchObject({ text: 'OK: CloudWatch.1 Root user activity', color: 'Good' });
    expect(c.body.filter((b) => b.separator)).toHaveLength(0);
    expect(c.actions).toHaveLength(1);
  });
});

describe('generic JSON', () => {
  test('alarm, enrichment, events and the text', () => {
    const payload = genericPayload(input()) as Record<string, unknown>;
    expect(payload).toMatchObject({
      version: '1',
      source: 'cdk-cloudtrail-baseline',
      subject: 'ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)',
      alarm: {
        name: 'CloudTrailBaseline-CloudWatch.1-RootAccountUsage',
        state: 'ALARM',
        previousState: 'OK',
        account: '222222222222',
        region: 'us-east-1',
        time: '2024-05-14T09:21:07.123Z',
      },
      enrichment: {
        status: 'complete',
        reason: null,
        metric: { namespace: 'CISBenchmark', name: 'RootAccountUsage' },
        filters: [{ logGroupName: 'aws-cloudtrail-logs/org', filterName: 'f', filterPattern: '{$.userIdentity.type="Root"}' }],
        window: { start: '2024-05-14T09:05:00.000Z', end: '2024-05-14T09:22:07.000Z' },
        matchedEvents: 5,
        malformedEvents: 0,
      },
      text: 'plain text',
      eventsLeftOut: 0,
    });
    expect(payload.events).toEqual(JSON.parse(JSON.stringify(fixtureEvents)));
    expect(chatPayload('generic', input())).toEqual(payload);
  });

  test('no enrichment (OK) -> null; events empty', () => {
    expect(genericPayload(input({ enrichment: undefined }))).toMatchObject({ enrichment: null, events: [], eventsLeftOut: 0 });
  });
});
