/**
 * `replay --template`: the metric filters of a synthesized template (a small stack with
 * `DetectionAlarms`, a custom detection, and metric filters that cannot be replayed).
 */
import * as path from 'path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { FilterPattern, LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { expectedMatches } from './expected';
import { cleanUp, cloudTrailLogFile, labelledRecords, run, tempDir, writeFile } from './helpers';
import { Detection, DetectionAlarms, Detections, DetectionSeverity } from '../../lib/detections';

const records = labelledRecords();
const expected = expectedMatches(records);

afterAll(cleanUp);

describe('replay --template', () => {
  let templateFile: string;
  let corpus: string;
  beforeAll(() => {
    const outdir = tempDir('replay-cdkout-');
    const app = new App({ outdir });
    const stack = new Stack(app, 'Detections', { env: { account: '111122223333', region: 'eu-west-1' } });
    const logGroup = new LogGroup(stack, 'TrailLogs');
    const alarms = new DetectionAlarms(stack, 'Alarms', { logGroup });
    alarms.addDetection(Detection.custom({
      id: 'Custom.AccessKeys',
      title: 'Access key created',
      filterPattern: '{ $.eventName = "CreateAccessKey" }',
      metricName: 'AccessKeyCreated',
      severity: DetectionSeverity.MEDIUM,
      description: 'An IAM access key was created.',
    }));
    // Two metric filters that cannot be replayed: a token and a text (not JSON) pattern.
    const param = new CfnParameter(stack, 'Pattern', { type: 'String' });
    new MetricFilter(stack, 'FromParameter', {
      logGroup, filterPattern: FilterPattern.literal(param.valueAsString), metricNamespace: 'X', metricName: 'FromParameter',
    });
    new MetricFilter(stack, 'Errors', { logGroup, filterPattern: FilterPattern.allTerms('ERROR'), metricNamespace: 'X', metricName: 'Errors' });
    app.synth();
    templateFile = path.join(outdir, 'Detections.template.json');

    corpus = tempDir();
    writeFile(path.join(corpus, 'all.json.gz'), cloudTrailLogFile(records.map((r) => r.record)));
  });

  test('replays every JSON metric filter; catalog texts get catalog IDs, in catalog order', async () => {
    const { code, stdout, stderr } = await run(['replay', '--json', '--template', templateFile, corpus]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.text);
    expect(report.detectionSource).toBe('template');
    expect(report.template).toBe(templateFile);
    const ids = report.detections.map((d: any) => d.id);
    // One per metric filter: the additional filter patterns (CloudWatch.13, CIS.4.15) follow their detection.
    expect(ids.slice(0, 17)).toEqual(Detections.cisAwsFoundations().flatMap((d) => [d.id, ...d.additionalFilterPatterns.map((_, i) => `${d.id}/additional-${i + 1}`)]));
    expect(ids).toHaveLength(18);
    const custom = report.detections[17];
    expect(custom.id).toMatch(/^Alarms/); // the metric filter's logical ID
    expect(custom.metricName).toBe('AccessKeyCreated');
    expect(custom.matches).toBe(records.filter((r) => r.record.eventName === 'CreateAccessKey').length);
    expect(custom.matches).toBeGreaterThan(0);
    for (const d of report.detections.slice(0, 17).filter((x: any) => !x.id.includes('/additional-'))) {
      expect({ id: d.id, matches: d.matches }).toEqual({ id: d.id, matches: expected.get(d.id)!.length });
    }
    // CloudWatch.13's CIS text matches a subset of its Security Hub text's events.
    const count = (id: string) => report.detections.find((d: any) => d.id === id).matches;
    expect(count('CloudWatch.13/additional-1')).toBeLessThanOrEqual(count('CloudWatch.13'));
    expect(count('CIS.4.15/additional-1')).toBeGreaterThanOrEqual(count('CIS.4.15'));
    // The two filters that cannot be evaluated offline are named in warnings (stderr and JSON).
    expect(stderr.lines).toHaveLength(2);
    expect(stderr.text).toMatch(/warning: FromParameter[0-9A-F]{8}: skipped, its FilterPattern is not a plain string \(a token/);
    expect(stderr.text).toMatch(/warning: Errors[0-9A-F]{8}: skipped, its FilterPattern is not a JSON filter pattern/);
    expect(report.warnings).toHaveLength(2);
  });

  test('exit code 2 for a file that is not a template, or a template without replayable metric filters', async () => {
    const notTemplate = writeFile(path.join(tempDir(), 'x.json'), '{"Records": []}');
    const a = await run(['replay', '--template', notTemplate, corpus]);
    expect(a.code).toBe(2);
    expect(a.stderr.text).toMatch(/not a CloudFormation template \(no "Resources" object\)/);
    const empty = writeFile(path.join(tempDir(), 'empty.template.json'), '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}');
    const b = await run(['replay', '--template', empty, corpus]);
    expect(b.code).toBe(2);
    expect(b.stderr.text).toMatch(/no metric filter with a JSON filter pattern to replay/);
  });
});
