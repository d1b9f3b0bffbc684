import alarmEventJson from './fixtures/alarm-event.json';
import { alarmConsoleUrl, cloudTrailEventUrl, logsInsightsConsoleUrl } from '../../../lib/alarm-actions/notifier-handler/console-links';
import {
  AlarmEvent,
  alarmFacts,
  alarmLabel,
  datapointsSummary,
  formatNotification,
  formatSubject,
  isAlarmEvent,
  MAX_SUBJECT_LENGTH,
  metricSummary,
  parseAlarmTime,
  toSubjectText,
} from '../../../lib/alarm-actions/notifier-handler/format';

const fixture = alarmEventJson as AlarmEvent;

/** The fixture with `alarmData` fields replaced. */
function withAlarmData(alarmData: Partial<AlarmEvent['alarmData']>): AlarmEvent {
  return { ...fixture, alarmData: { ...fixture.alarmData, ...alarmData } };
}

function withState(value: string): AlarmEvent {
  return withAlarmData({
    state: { ...fixture.alarmData.state, value },
    previousState: { ...fixture.alarmData.previousState, value: value === 'OK' ? 'ALARM' : 'OK' },
  });
}

const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;

describe('formatNotification', () => {
  test('renders the fixture alarm', () => {
    const { subject, message } = formatNotification(fixture, { logGroupName: 'aws-cloudtrail-logs/org' });

    expect(subject).toBe('ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(message).toContain('changed from OK to ALARM');
    expect(message).toContain(`What fired:\n  ${fixture.alarmData.configuration!.description}\n`);
    expect(message).toContain('State:    OK -> ALARM\n');
    expect(message).toContain('When:     2024-05-14 09:21:07 UTC (2024-05-14T09:21:07.123Z)\n');
    expect(message).toContain('Account:  222222222222\n');
    expect(message).toContain('Region:   us-east-1\n');
    expect(message).toContain(`Why:      ${fixture.alarmData.state!.reason}\n`);
    expect(message).toContain('Values:   recent datapoints [1], threshold 1\n');
    expect(message).toContain('Metric:   CISBenchmark/RootAccountUsage, statistic Sum, period 300 seconds\n');
    expect(message).toContain(
      '  https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/CloudTrailBaseline-CloudWatch.1-RootAccountUsage\n');
    expect(message).toContain('CloudWatch Logs Insights (log group aws-cloudtrail-logs/org)');
    expect(message).toContain('#logsV2:logs-insights$3FqueryDetail$3D');
    expect(message).toContain(`Alarm ARN: ${fixture.alarmArn}`);
    expect(message.endsWith('\n')).toBe(true);
  });

  test('says when the alarm recovered (OK)', () => {
    const { subject, message } = formatNotification(withState('OK'));
    expect(subject).toBe('OK: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(message).toContain('recovered: it changed from ALARM to OK');
    expect(message).toContain('State:    ALARM -> OK\n');
  });

  test('says when there is not enough data (INSUFFICIENT_DATA)', () => {
    const { subject, message } = formatNotification(withState('INSUFFICIENT_DATA'));
    expect(subject).toBe('INSUFFICIENT_DATA: CloudWatch.1 Root user activity (222222222222 us-east-1)');
    expect(message).toContain('changed from OK to INSUFFICIENT_DATA');
    expect(message).toContain('does not have enough data to evaluate it');
  });

  test('states an unknown state value as-is', () => {
    const { subject, message } = formatNotification(withState('SOMETHING_NEW'));
    expect(subject.startsWith('SOMETHING_NEW: ')).toBe(true);
    expect(message).toContain('changed from OK to SOMETHING_NEW.');
  });

  test('keeps the subject within the SNS limit for a very long alarm name', () => {
    const longName = `${'VeryLongAlarmName-'.repeat(14)}End`; // 255 characters, the CloudWatch maximum
    expect(longName.length).toBe(255);
    const { subject, message } = formatNotification(withAlarmData({
      alarmName: longName,
      configuration: { description: 'no convention here', metrics: [] },
    }));

    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(MAX_SUBJECT_LENGTH).toBeLessThanOrEqual(100);
    expect(subject).toMatch(PRINTABLE_ASCII_LINE);
    expect(subject.startsWith('ALARM: VeryLongAlarmName-')).toBe(true);
    // The label is shortened, not the account and region.
    expect(subject.endsWith('... (222222222222 us-east-1)')).toBe(true);
    // The message has the full name.
    expect(message).toContain(`"${longName}"`);
    expect(message).toContain(`alarm/${longName}`);
  });

  test('sanitises the subject to printable ASCII on one line', () => {
    const { subject } = formatNotification(withAlarmData({
      configuration: { description: 'Connexion réseau\tchangée ✓ [Ctrl.1]\nmore' },
    }));
    expect(subject).toBe('ALARM: Ctrl.1 Connexion reseau changee ? (222222222222 us-east-1)');
    expect(subject).toMatch(PRINTABLE_ASCII_LINE);
  });

  test('url-encodes the alarm name and the log group in the links', () => {
    const name = 'Baseline/Root user #1 & "more"?';
    const { message } = formatNotification(withAlarmData({ alarmName: name }), { logGroupName: '/aws/cloudtrail/org#1' });

    expect(message).toContain(`#alarmsV2:alarm/${encodeURIComponent(name)}\n`);
    expect(message).toContain('#alarmsV2:alarm/Baseline%2FRoot%20user%20%231%20%26%20%22more%22%3F\n');
    const links = message.split('\n').filter((l) => l.startsWith('  https://'));
    expect(links).toHaveLength(2);
    for (const link of links) {
      // Nothing a mail client would end the link at, or mangle.
      expect(link.trim()).toMatch(/^https:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/);
      expect(link.trim()).not.toMatch(/[ "<>\\^`{|}]/);
    }
    // Log group: `/` and `#` URI-encoded, `%` written as `*`, and the whole fragment encoded again.
    expect(message).toContain('source$257E$2528$257E$2527*2Faws*2Fcloudtrail*2Forg*231$2529$2529');
  });

  test('handles an event with only alarmData', () => {
    const { subject, message } = formatNotification({ alarmData: {} }, { logGroupName: 'lg' });
    expect(subject).toBe('UNKNOWN: CloudWatch alarm');
    expect(message).toContain('The CloudWatch alarm (no name in the event) changed from UNKNOWN to UNKNOWN.');
    expect(message).toContain('When:     unknown\n');
    expect(message).toContain('Account:  unknown\n');
    expect(message).toContain('Region:   unknown\n');
    expect(message).not.toContain('What fired:');
    expect(message).not.toContain('Why:');
    expect(message).not.toContain('Metric:');
    expect(message).not.toContain('https://');
    expect(message).not.toContain('Alarm ARN');
  });

  test('takes account and region from the alarm ARN when the event lacks them', () => {
    const { subject, message } = formatNotification({ alarmArn: fixture.alarmArn, alarmData: { alarmName: 'x' } });
    expect(subject).toBe('UNKNOWN: x (222222222222 us-east-1)');
    expect(message).toContain('Region:   us-east-1\n');
    expect(message).toContain('#alarmsV2:alarm/x\n');
  });

  test('tolerates fields of the wrong type', () => {
    const event = {
      region: 42,
      alarmData: { alarmName: ['x'], state: 'ALARM', configuration: { description: 7, metrics: 'm' } },
    } as unknown as AlarmEvent;
    expect(() => formatNotification(event)).not.toThrow();
    expect(formatNotification(event).subject).toBe('UNKNOWN: CloudWatch alarm');
  });

  test('falls back to the event time, then shows an unparseable time as-is', () => {
    const noStateTime = withAlarmData({ state: { value: 'ALARM' } });
    expect(formatNotification(noStateTime).message).toContain('When:     2024-05-14 09:21:07 UTC');
    const badTime = { ...noStateTime, time: 'yesterday' };
    expect(formatNotification(badTime).message).toContain('When:     yesterday\n');
    // Without a time, the Logs Insights link searches the last 3 hours.
    expect(formatNotification(badTime, { logGroupName: 'lg' }).message).toContain('timeType$257E$2527RELATIVE');
  });

  test('shows a composite alarm rule and a multi-line description', () => {
    const { message } = formatNotification(withAlarmData({
      configuration: { description: 'line one\nline two', alarmRule: 'ALARM(a) OR ALARM(b)' },
    }));
    expect(message).toContain('What fired:\n  line one\n  line two\n');
    expect(message).toContain('Rule:     ALARM(a) OR ALARM(b)\n');
    expect(message).not.toContain('Metric:');
  });
});

describe('alarmFacts and the activity section', () => {
  test('the facts every rendering shares', () => {
    expect(alarmFacts(fixture, 'lg')).toEqual({
      alarmName: 'CloudTrailBaseline-CloudWatch.1-RootAccountUsage',
      alarmArn: fixture.alarmArn,
      region: 'us-east-1',
      account: '222222222222',
      newState: 'ALARM',
      oldState: 'OK',
      description: fixture.alarmData.configuration!.description,
      label: 'CloudWatch.1 Root user activity',
      subject: 'ALARM: CloudWatch.1 Root user activity (222222222222 us-east-1)',
      when: new Date('2024-05-14T09:21:07.123Z'),
      rawWhen: '2024-05-14T09:21:07.123+0000',
      reason: fixture.alarmData.state!.reason,
      alarmUrl: alarmConsoleUrl('us-east-1', 'CloudTrailBaseline-CloudWatch.1-RootAccountUsage'),
      logsInsightsUrl: logsInsightsConsoleUrl('us-east-1', 'lg', new Date('2024-05-14T09:21:07.123Z')),
      logGroupName: 'lg',
    });
    expect(alarmFacts({ alarmData: {} })).toMatchObject({ newState: 'UNKNOWN', alarmUrl: undefined, logsInsightsUrl: undefined });
  });

  test('activity lines go after "What fired", before the details', () => {
    const { message } = formatNotification(fixture, { activity: ['Who did what:', '1. someone'] });
    expect(message).toMatch(/What fired:\n {2}Root user activity[^\n]*\n\nWho did what:\n1\. someone\n\nState: {4}OK -> ALARM\n/);
    expect(formatNotification(fixture, { activity: [] }).message).toBe(formatNotification(fixture).message);
  });
});

describe('alarmLabel', () => {
  test.each([
    ['Root user activity [CloudWatch.1, CIS v1.4.0/4.3] text', 'CloudWatch.1 Root user activity'],
    ['Root user activity [CIS v1.4.0/4.3] text', 'CIS v1.4.0/4.3 Root user activity'],
    ['Custom detection [] text', 'Custom detection'],
    ['  Spaced   [ , A.1 ] x', 'A.1 Spaced'],
    ['[A.1] no title', 'the-alarm'],
    ['no brackets at all', 'the-alarm'],
    ['unclosed [bracket', 'the-alarm'],
  ])('%j -> %j', (description, label) => {
    expect(alarmLabel(description, 'the-alarm')).toBe(label);
  });

  test('without description or name', () => {
    expect(alarmLabel(undefined, undefined)).toBe('CloudWatch alarm');
  });
});

describe('formatSubject', () => {
  test('never exceeds the limit, even with an absurd state', () => {
    const subject = formatSubject('S'.repeat(200), 'label', '222222222222 us-east-1');
    expect(subject.length).toBe(MAX_SUBJECT_LENGTH);
    expect(subject.endsWith('...')).toBe(true);
  });

  test('is unchanged when short', () => {
    expect(formatSubject('OK', 'x', '')).toBe('OK: x');
  });
});

describe('toSubjectText', () => {
  test('removes control characters and collapses spaces', () => {
    expect(toSubjectText(' a\r\n\u0000b\u2028  c\u00a0d ')).toBe('a b c d');
  });
});

describe('metricSummary', () => {
  test('metric with dimensions and a metric math expression', () => {
    expect(metricSummary([
      { id: 'm1', metricStat: { metric: { namespace: 'AWS/EC2', name: 'CPU', dimensions: { InstanceId: 'i-1' } }, period: 60, stat: 'Average' } },
      { id: 'e1', expression: 'm1 * 2', label: 'Double' },
      null,
    ])).toBe('AWS/EC2/CPU, statistic Average, period 60 seconds, dimensions InstanceId=i-1; expression m1 * 2 (Double)');
  });

  test('missing parts', () => {
    expect(metricSummary([{ metricStat: {} }])).toBe('?/?');
    expect(metricSummary([])).toBeUndefined();
    expect(metricSummary(undefined)).toBeUndefined();
  });
});

describe('datapointsSummary', () => {
  test.each([
    [undefined, undefined],
    ['not json', undefined],
    ['"a string"', undefined],
    ['{}', undefined],
    ['{"recentDatapoints":[],"threshold":1.5}', 'recent datapoints [], threshold 1.5'],
    ['{"recentDatapoints":[2,0]}', 'recent datapoints [2, 0]'],
  ])('%j -> %j', (reasonData, summary) => {
    expect(datapointsSummary(reasonData)).toBe(summary);
  });
});

describe('parseAlarmTime', () => {
  test.each([
    ['2024-05-14T09:21:07.123+0000', '2024-05-14T09:21:07.123Z'],
    ['2024-05-14T11:21:07.123+0200', '2024-05-14T09:21:07.123Z'],
    ['2024-05-14T09:21:07.123Z', '2024-05-14T09:21:07.123Z'],
  ])('%s', (value, iso) => {
    expect(parseAlarmTime(value)?.toISOString()).toBe(iso);
  });

  test('unparseable or absent', () => {
    expect(parseAlarmTime('nope')).toBeUndefined();
    expect(parseAlarmTime(undefined)).toBeUndefined();
  });
});

describe('isAlarmEvent', () => {
  test.each([
    [fixture, true],
    [{ alarmData: {} }, true],
    [{ alarmData: null }, false],
    [{ alarmData: 'x' }, false],
    [{ Records: [] }, false],
    [null, false],
    ['ALARM', false],
    [undefined, false],
  ])('%#', (event, expected) => {
    expect(isAlarmEvent(event)).toBe(expected);
  });
});

describe('console links', () => {
  test('alarm link', () => {
    expect(alarmConsoleUrl('eu-west-1', 'a b/c')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/a%20b%2Fc');
  });

  test('CloudTrail event link, per partition', () => {
    expect(cloudTrailEventUrl('eu-west-1', '083dc4ad-e264-46bc-a407-d0dd31b58bdc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudtrail/home?region=eu-west-1#/events/083dc4ad-e264-46bc-a407-d0dd31b58bdc');
    expect(cloudTrailEventUrl('cn-northwest-1', 'e')).toBe('https://cn-northwest-1.console.amazonaws.cn/cloudtrail/home?region=cn-northwest-1#/events/e');
    expect(cloudTrailEventUrl('us-gov-west-1', 'e')).toBe('https://console.amazonaws-us-gov.com/cloudtrail/home?region=us-gov-west-1#/events/e');
    expect(alarmConsoleUrl('cn-north-1', 'a')).toBe('https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/a');
  });

  test('Logs Insights link decodes to the query detail object', () => {
    const url = logsInsightsConsoleUrl('eu-west-1', '/org/trail', new Date('2024-05-14T09:00:00.000Z'));
    const prefix = 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights';
    expect(url.startsWith(prefix)).toBe(true);
    // Undo the console's encoding layers: `$` -> `%` + decodeURIComponent, then unescape().
    const outer = decodeURIComponent(url.slice(prefix.length).replace(/\$/g, '%'));
    expect(outer.startsWith('?queryDetail=')).toBe(true);
    const detail = decodeURIComponent(outer.slice('?queryDetail='.length));
    expect(detail).toBe(
      "~(end~'2024-05-14T09*3A05*3A00.000Z~start~'2024-05-14T08*3A00*3A00.000Z~timeType~'ABSOLUTE~tz~'UTC"
      + "~editorString~'fields*20*40timestamp*2C*20eventSource*2C*20eventName*2C*20userIdentity.arn*2C*20sourceIPAddress"
      + '*2C*20errorCode*2C*20recipientAccountId*0A*7C*20sort*20*40timestamp*20desc*0A*7C*20limit*20200'
      + "~isLiveTail~false~source~(~'*2Forg*2Ftrail))");
  });
});
