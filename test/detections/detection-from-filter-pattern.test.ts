/**
 * `Detection.fromFilterPattern`: a detection from an aws-cdk-lib `IFilterPattern`. The rendered text is
 * what the metric filter gets; it is parsed at synth, and its meaning is spot-checked on events against
 * the CloudWatch Logs semantics (FilterAndPatternSyntax: `IS TRUE/FALSE/NULL` match only that JSON value,
 * `NOT EXISTS` only a missing field, `!=` never a missing field, numbers compare numerically).
 */
import { App, Aws, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogGroup, FilterPattern, IFilterPattern } from 'aws-cdk-lib/aws-logs';
import { Detection, DetectionAlarms, DetectionOptions, DetectionSeverity } from '../../lib/detections';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const OPTIONS: DetectionOptions = {
  id: 'Custom.FromCdk',
  title: 'A detection built with FilterPattern',
  metricName: 'CustomFromCdk',
  severity: DetectionSeverity.LOW,
  description: 'Built with aws-cdk-lib FilterPattern.',
};

function from(pattern: IFilterPattern): Detection {
  return Detection.fromFilterPattern(pattern, OPTIONS);
}

interface Case {
  readonly name: string;
  readonly pattern: IFilterPattern;
  readonly text: string;
  readonly matching: any[];
  readonly notMatching: any[];
}

const CASES: Case[] = [
  {
    name: 'all(stringValue, stringValue)',
    pattern: FilterPattern.all(
      FilterPattern.stringValue('$.eventSource', '=', 'iam.amazonaws.com'),
      FilterPattern.stringValue('$.eventName', '=', 'CreateUser')),
    text: '{ ($.eventSource = "iam.amazonaws.com") && ($.eventName = "CreateUser") }',
    matching: [{ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' }],
    notMatching: [{ eventSource: 'iam.amazonaws.com', eventName: 'CreateRole' }, { eventName: 'CreateUser' }],
  },
  {
    name: 'any(stringValue with wildcard, stringValue !=)',
    pattern: FilterPattern.any(
      FilterPattern.stringValue('$.errorCode', '=', 'AccessDenied*'),
      FilterPattern.stringValue('$.userIdentity.type', '!=', 'AWSService')),
    text: '{ ($.errorCode = "AccessDenied*") || ($.userIdentity.type != "AWSService") }',
    matching: [{ errorCode: 'AccessDeniedException' }, { userIdentity: { type: 'IAMUser' } }],
    // `!=` never matches a missing field; the wildcard is a prefix match.
    notMatching: [{ errorCode: 'VpceAccessDenied' }, { userIdentity: { type: 'AWSService' } }, {}],
  },
  {
    name: 'numberValue',
    pattern: FilterPattern.numberValue('$.requestParameters.maxResults', '>=', 500),
    text: '{ $.requestParameters.maxResults >= 500 }',
    matching: [{ requestParameters: { maxResults: 500 } }, { requestParameters: { maxResults: 1000.5 } }],
    notMatching: [{ requestParameters: { maxResults: 499 } }, { requestParameters: {} }],
  },
  {
    name: 'exists / notExists',
    pattern: FilterPattern.all(FilterPattern.exists('$.errorCode'), FilterPattern.notExists('$.userIdentity.invokedBy')),
    text: '{ ($.errorCode = "*") && ($.userIdentity.invokedBy NOT EXISTS) }',
    matching: [{ errorCode: 'AccessDenied', userIdentity: { type: 'IAMUser' } }],
    notMatching: [{ userIdentity: {} }, { errorCode: 'AccessDenied', userIdentity: { invokedBy: 'signin.amazonaws.com' } }],
  },
  {
    name: 'booleanValue / isNull',
    pattern: FilterPattern.any(FilterPattern.booleanValue('$.readOnly', false), FilterPattern.isNull('$.requestParameters')),
    text: '{ ($.readOnly IS FALSE) || ($.requestParameters IS NULL) }',
    matching: [{ readOnly: false, requestParameters: {} }, { readOnly: true, requestParameters: null }],
    // IS FALSE does not match the string "false"; IS NULL does not match a missing field.
    notMatching: [{ readOnly: true, requestParameters: {} }, { readOnly: 'false' }, { readOnly: true }],
  },
  {
    name: 'nested all/any with regexValue',
    pattern: FilterPattern.all(
      FilterPattern.stringValue('$.eventSource', '=', 'ec2.amazonaws.com'),
      FilterPattern.any(FilterPattern.regexValue('$.eventName', '=', 'Delete.*Snapshot'), FilterPattern.booleanValue('$.readOnly', false))),
    text: '{ ($.eventSource = "ec2.amazonaws.com") && (($.eventName = %Delete.*Snapshot%) || ($.readOnly IS FALSE)) }',
    matching: [{ eventSource: 'ec2.amazonaws.com', eventName: 'DeleteSnapshot', readOnly: true }, { eventSource: 'ec2.amazonaws.com', readOnly: false }],
    notMatching: [{ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeSnapshots', readOnly: true }, { eventSource: 's3.amazonaws.com', readOnly: false }],
  },
  {
    name: 'stringValue with quotes in the value',
    pattern: FilterPattern.stringValue('$.requestParameters.description', '=', 'say "hi"'),
    text: '{ $.requestParameters.description = "say \\"hi\\"" }',
    matching: [{ requestParameters: { description: 'say "hi"' } }],
    notMatching: [{ requestParameters: { description: 'say hi' } }],
  },
];

describe.each(CASES.map((c) => [c.name, c] as const))('Detection.fromFilterPattern(%s)', (_name, c) => {
  const detection = from(c.pattern);

  test('keeps the rendered text, byte-exact, as the filter pattern', () => {
    expect(c.pattern.logPatternString).toBe(c.text);
    expect(detection.filterPattern).toBe(c.text);
    expect(detection.toFilterPattern().logPatternString).toBe(c.text);
  });

  test('evaluates events with CloudWatch Logs semantics', () => {
    for (const event of c.matching) expect({ event, matches: detection.matches(event) }).toEqual({ event, matches: true });
    for (const event of c.notMatching) expect({ event, matches: detection.matches(event) }).toEqual({ event, matches: false });
  });
});

describe('Detection.fromFilterPattern checks', () => {
  test('takes the options as given, and the metric filter gets the rendered text', () => {
    const detection = from(CASES[0].pattern);
    expect(detection).toMatchObject({ id: 'Custom.FromCdk', metricName: 'CustomFromCdk', severity: DetectionSeverity.LOW });
    const stack = new Stack(new App(), 'Stack');
    new DetectionAlarms(stack, 'Detections', { logGroup: new LogGroup(stack, 'LogGroup'), detections: [detection] });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: CASES[0].text, MetricTransformations: [{ MetricName: 'CustomFromCdk', MetricValue: '1' }] });
  });

  test('refuses a pattern with tokens, naming the prop', () => {
    const pattern = FilterPattern.stringValue('$.recipientAccountId', '=', Aws.ACCOUNT_ID);
    expect(() => from(pattern)).toThrow(CloudTrailBaselineError);
    expect(() => from(pattern)).toThrow(/^Detection\.fromFilterPattern\(pattern\) \(detection Custom\.FromCdk\): must not hold tokens/);
  });

  test.each([
    ['allTerms', FilterPattern.allTerms('ERROR', 'AccessDenied')],
    ['anyTerm', FilterPattern.anyTerm('ERROR')],
    ['allEvents', FilterPattern.allEvents()],
    ['spaceDelimited', FilterPattern.spaceDelimited('time', 'status').whereString('status', '=', 'ERROR')],
  ])('refuses a text pattern (%s), naming the prop', (_name, pattern) => {
    expect(() => from(pattern)).toThrow(/^Detection\.fromFilterPattern\(pattern\) \(detection Custom\.FromCdk\): must be a JSON filter pattern/);
  });

  test('refuses bad syntax given through FilterPattern.literal, naming the prop and the offset', () => {
    expect(() => from(FilterPattern.literal('{ ($.eventName = "X" }')))
      .toThrow(/^Detection\.fromFilterPattern\(pattern\) \(detection Custom\.FromCdk\): must be a valid CloudWatch Logs JSON filter pattern: Invalid filter pattern at offset \d+/);
  });

  test('refuses more than 2 regular expressions, and over 1,024 characters', () => {
    const regex = (n: number) => FilterPattern.regexValue('$.eventName', '=', `Create${n}.*`);
    expect(from(FilterPattern.any(regex(1), regex(2)))._pattern.regexCount).toBe(2);
    expect(() => from(FilterPattern.any(regex(1), regex(2), regex(3))))
      .toThrow(/^Detection\.fromFilterPattern\(pattern\) \(detection Custom\.FromCdk\): must hold at most 2 regular expressions .*cloudwatch_limits_cwl\.html\); got 3/);
    const long = FilterPattern.any(...Array.from({ length: 40 }, (_, i) => FilterPattern.stringValue('$.eventName', '=', `SomeLongEventName${i}`)));
    expect(long.logPatternString.length).toBeGreaterThan(1024);
    expect(() => from(long)).toThrow(/^Detection\.fromFilterPattern\(pattern\) \(detection Custom\.FromCdk\): must be at most 1024 characters/);
  });

  test('checks the options like Detection.custom', () => {
    expect(() => Detection.fromFilterPattern(CASES[0].pattern, { ...OPTIONS, id: 'bad id' })).toThrow(/^DetectionProps\.id: /);
  });
});
