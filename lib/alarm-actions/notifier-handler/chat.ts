// Chat payloads for the notification: Slack (incoming webhook, Block Kit), Microsoft Teams
// (Adaptive Card in a message's attachments, for Workflows "When a Teams webhook request is
// received" and the older incoming webhooks) and a generic JSON document. Pure.
//
// Limits respected:
// - Slack: at most 50 blocks, section text at most 3,000 characters, header text at most 150,
//   button URL at most 3,000 (Block Kit reference); messages whose blocks hold much more than
//   ~12,000 characters are rejected with msg_blocks_too_long, so the blocks stay under 11,000.
// - Teams: message size about 28 KB; the payload stays under 27,000 bytes.

import {
  activityHeading, countLine, enrichmentNotes, enrichmentProblem, fitBlocks, MAX_MESSAGE_BYTES, utf8Bytes,
} from './activity';
import { describeAction, eventFacts, EventSummary } from './cloudtrail-event';
import { Enrichment } from './enrich';
import { AlarmFacts, formatUtc } from './format';
import { ChatWebhookKind } from './settings';

/** What a chat message is made of. */
export interface ChatInput {
  readonly facts: AlarmFacts;
  /** Undefined for OK / INSUFFICIENT_DATA. */
  readonly enrichment?: Enrichment;
  /** The plain-text notification (as published to SNS). */
  readonly text: string;
}

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_HEADER_TEXT = 150;
export const SLACK_MAX_BLOCKS_TEXT = 11_000;
export const SLACK_MAX_URL = 3000;
export const TEAMS_MAX_BYTES = 27_000;

/** The payload for a webhook kind. */
export function chatPayload(kind: ChatWebhookKind, input: ChatInput): unknown {
  switch (kind) {
    case 'slack':
      return slackPayload(input);
    case 'teams':
      return teamsPayload(input);
    default:
      return genericPayload(input);
  }
}

// ---------------------------------------------------------------- Slack

/** Slack incoming webhook body: `{ text, blocks }`. */
export function slackPayload({ facts, enrichment }: ChatInput): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${stateIcon(facts.newState)} ${facts.newState}: ${facts.label}`, SLACK_MAX_HEADER_TEXT), emoji: true } },
    section(summaryLines(facts, slackEscape).join('\n')),
  ];
  if (facts.description) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(slackEscape(facts.description), SLACK_MAX_SECTION_TEXT) }] });
  }
  const tail: unknown[] = [];
  const links = [
    facts.alarmUrl ? button('Open the alarm', facts.alarmUrl) : undefined,
    facts.logsInsightsUrl ? button('CloudTrail events in Logs Insights', facts.logsInsightsUrl) : undefined,
  ].filter((b) => b !== undefined);
  if (links.length > 0) {
    tail.push({ type: 'actions', elements: links });
  }

  if (enrichment) {
    blocks.push({ type: 'divider' });
    const problem = enrichmentProblem(enrichment);
    if (problem) {
      blocks.push(section(slackEscape(problem)));
    } else {
      blocks.push(section(`*${slackEscape(activityHeading(enrichment))}*\n${slackEscape(countLine(enrichment))}`));
      const notes = enrichmentNotes(enrichment).map((n) => context(slackEscape(n)));
      const eventTexts = enrichment.events.map((e, i) => clip(slackEvent(e, i + 1), SLACK_MAX_SECTION_TEXT));
      const used = blocks.length + tail.length + notes.length + 1; // + the "and N more" context
      const byCount = Math.max(0, SLACK_MAX_BLOCKS - used);
      const textSoFar = JSON.stringify(blocks).length + JSON.stringify(notes).length + 500;
      const kept = Math.min(byCount, fitBlocks(eventTexts, SLACK_MAX_BLOCKS_TEXT - textSoFar));
      blocks.push(...eventTexts.slice(0, kept).map(section));
      const more = enrichment.matched - kept;
      if (more > 0) {
        blocks.push(context(`... and ${more} more matching event${more === 1 ? '' : 's'}`));
      }
      blocks.push(...notes);
    }
  }
  blocks.push(...tail);
  return { text: facts.subject, blocks };
}

function slackEvent(e: EventSummary, index: number): string {
  const lines = [`*${index}. ${slackEscape(describeAction(e))}*  ${slackEscape(e.eventTime ?? 'unknown time')}`];
  for (const [name, value] of eventFacts(e)) lines.push(`*${name}:* ${slackEscape(value)}`);
  if (e.consoleUrl) {
    lines.push(`<${e.consoleUrl}|Event in CloudTrail event history>`);
  }
  return lines.join('\n');
}

function section(text: string): unknown {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_MAX_SECTION_TEXT) } };
}

function context(text: string): unknown {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SLACK_MAX_SECTION_TEXT) }] };
}

function button(label: string, url: string): unknown {
  return url.length <= SLACK_MAX_URL ? { type: 'button', text: { type: 'plain_text', text: label }, url } : undefined;
}

/** Slack's three control characters in mrkdwn (`&`, `<`, `>`) as entities. */
export function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------- Microsoft Teams

/** Teams webhook body: a message with one Adaptive Card attachment, at most `TEAMS_MAX_BYTES`. */
export function teamsPayload(input: ChatInput): unknown {
  const count = input.enrichment?.events.length ?? 0;
  for (let kept = count; ; kept--) {
    const payload = teamsMessage(input, kept);
    if (kept <= 0 || utf8Bytes(JSON.stringify(payload)) <= TEAMS_MAX_BYTES) {
      return payload;
    }
  }
}

function teamsMessage({ facts, enrichment }: ChatInput, keptEvents: number): unknown {
  const body: unknown[] = [
    { type: 'TextBlock', text: `${facts.newState}: ${facts.label}`, weight: 'Bolder', size: 'Medium', wrap: true, color: stateColor(facts.newState) },
    { type: 'FactSet', facts: factList(facts).map(([title, value]) => ({ title, value })) },
  ];
  if (facts.description) {
    body.push({ type: 'TextBlock', text: facts.description, wrap: true, isSubtle: true, size: 'Small' });
  }
  if (enrichment) {
    const problem = enrichmentProblem(enrichment);
    if (problem) {
      body.push({ type: 'TextBlock', text: problem, wrap: true, separator: true, color: 'Warning' });
    } else {
      body.push({ type: 'TextBlock', text: `${activityHeading(enrichment)} ${countLine(enrichment)}`, wrap: true, separator: true, weight: 'Bolder' });
      enrichment.events.slice(0, keptEvents).forEach((e, i) => body.push(teamsEvent(e, i + 1)));
      const more = enrichment.matched - keptEvents;
      if (more > 0) {
        body.push({ type: 'TextBlock', text: `... and ${more} more matching event${more === 1 ? '' : 's'}`, wrap: true, isSubtle: true });
      }
      for (const note of enrichmentNotes(enrichment)) {
        body.push({ type: 'TextBlock', text: note, wrap: true, isSubtle: true });
      }
    }
  }
  const actions = [
    facts.alarmUrl ? { type: 'Action.OpenUrl', title: 'Open the alarm', url: facts.alarmUrl } : undefined,
    facts.logsInsightsUrl ? { type: 'Action.OpenUrl', title: 'CloudTrail events in Logs Insights', url: facts.logsInsightsUrl } : undefined,
  ].filter((a) => a !== undefined);
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        msteams: { width: 'Full' },
        body,
        ...(actions.length > 0 ? { actions } : {}),
      },
    }],
  };
}

function teamsEvent(e: EventSummary, index: number): unknown {
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: `${index}. ${describeAction(e)} (${e.eventTime ?? 'unknown time'})`, weight: 'Bolder', wrap: true },
      { type: 'FactSet', facts: eventFacts(e).map(([title, value]) => ({ title, value })) },
      ...(e.consoleUrl ? [{ type: 'TextBlock', text: `[Event in CloudTrail event history](${e.consoleUrl})`, wrap: true }] : []),
    ],
  };
}

// ---------------------------------------------------------------- Generic JSON

/** A generic JSON document: the alarm, the enrichment, the events and the plain text. */
export function genericPayload({ facts, enrichment, text }: ChatInput): unknown {
  const alarm = {
    name: facts.alarmName ?? null,
    arn: facts.alarmArn ?? null,
    account: facts.account ?? null,
    region: facts.region ?? null,
    state: facts.newState,
    previousState: facts.oldState,
    time: facts.when?.toISOString() ?? facts.rawWhen ?? null,
    reason: facts.reason ?? null,
    label: facts.label,
    description: facts.description ?? null,
    consoleUrl: facts.alarmUrl ?? null,
    logsInsightsUrl: facts.logsInsightsUrl ?? null,
  };
  const base = {
    version: '1',
    source: 'cdk-cloudtrail-baseline',
    subject: facts.subject,
    alarm,
    enrichment: enrichment ? {
      status: enrichment.status,
      reason: enrichment.reason ?? null,
      metric: enrichment.metric ?? null,
      filters: enrichment.filters,
      window: enrichment.window ? { start: enrichment.window.start.toISOString(), end: enrichment.window.end.toISOString() } : null,
      matchedEvents: enrichment.matched,
      malformedEvents: enrichment.malformed,
    } : null,
    text,
  };
  const events = enrichment?.events ?? [];
  const budget = MAX_MESSAGE_BYTES - utf8Bytes(JSON.stringify(base)) - 100;
  const kept = fitBlocks(events.map((e) => JSON.stringify(e)), budget);
  return { ...base, events: events.slice(0, kept), eventsLeftOut: (enrichment?.matched ?? 0) - kept };
}

// ---------------------------------------------------------------- shared

/** State change, when, where and why, one line each. */
function summaryLines(facts: AlarmFacts, escape: (s: string) => string): string[] {
  return factList(facts).map(([name, value]) => `*${name}:* ${escape(value)}`);
}

function factList(facts: AlarmFacts): Array<[string, string]> {
  const list: Array<[string, string | undefined]> = [
    ['Alarm', facts.alarmName],
    ['State', `${facts.oldState} -> ${facts.newState}`],
    ['When', facts.when ? formatUtc(facts.when) : facts.rawWhen],
    ['Account', facts.account],
    ['Region', facts.region],
    ['Why', facts.reason],
  ];
  return list.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function stateIcon(state: string): string {
  return state === 'ALARM' ? ':rotating_light:' : state === 'OK' ? ':white_check_mark:' : ':grey_question:';
}

function stateColor(state: string): string {
  return state === 'ALARM' ? 'Attention' : state === 'OK' ? 'Good' : 'Warning';
}

/** At most `max` characters, ending in `...` when shortened. */
export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}
