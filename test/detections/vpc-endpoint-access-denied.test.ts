/**
 * `Detections.vpcEndpointAccessDenied()` on network activity events built from the CloudTrail User Guide's documented
 * event shape (test/fixtures/network-activity-events), evaluated with CloudWatch Logs semantics (lib/filter-pattern),
 * and against the 111 records of test/fixtures/cloudtrail-events (one of which, from panther-labs/panther-analysis,
 * is a network activity denial); and its metric filter and alarm in the landing zone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addLandingZone } from '../../examples/landing-zone/app';
import { Detections, DetectionSeverity } from '../../lib/detections';
import { JsonFilterPattern } from '../../lib/filter-pattern';

const NETWORK = path.join(__dirname, '..', 'fixtures', 'network-activity-events');
const REAL = path.join(__dirname, '..', 'fixtures', 'cloudtrail-events', 'events');
const read = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const detection = Detections.vpcEndpointAccessDenied();

describe('Baseline.VpcEndpointAccessDenied', () => {
  test('its definition', () => {
    expect(detection.id).toBe('Baseline.VpcEndpointAccessDenied');
    expect(detection.filterPattern).toBe('{ ($.eventCategory = "NetworkActivity") && ($.errorCode = "VpceAccessDenied") }');
    expect(detection.metricName).toBe('VpcEndpointAccessDenied');
    expect(detection.severity).toBe(DetectionSeverity.MEDIUM);
    expect(detection.securityHubControlId).toBeUndefined();
    expect(detection.cisControlIds).toEqual([]);
    expect(detection._fastPath).toBeUndefined();
    expect(Detections.networkActivity().map((d) => d.id)).toEqual(['Baseline.VpcEndpointAccessDenied']);
    expect(Detections.everything().map((d) => d.id)).toContain('Baseline.VpcEndpointAccessDenied');
    expect(Detections.cisAwsFoundations().map((d) => d.id)).not.toContain('Baseline.VpcEndpointAccessDenied');
  });

  test.each([
    'kms-listkeys-vpce-denied.json', 's3-getobject-vpce-denied.json', 'secretsmanager-getsecretvalue-vpce-denied.json',
    'cloudtrail-lookupevents-vpce-denied.json',
  ])('matches the denial %s', (file) => {
    const event = read(NETWORK, file);
    expect(event.eventCategory).toBe('NetworkActivity');
    expect(event.eventType).toBe('AwsVpceEvent');
    expect(detection.matches(event)).toBe(true);
    // The same evaluation as the library's, from the filter-pattern module directly.
    expect(JsonFilterPattern.parse(detection.filterPattern).matches(event)).toBe(true);
  });

  test.each(['kms-listkeys-allowed.json', 's3-getobject-allowed.json'])('does not match the allowed call %s', (file) => {
    expect(detection.matches(read(NETWORK, file))).toBe(false);
  });

  test('does not match a management or data event that was denied otherwise, nor a VpceAccessDenied outside network activity', () => {
    const denied = read(NETWORK, 'kms-listkeys-vpce-denied.json');
    expect(detection.matches({ ...denied, eventCategory: 'Management', eventType: 'AwsApiCall', errorCode: 'AccessDenied' })).toBe(false);
    expect(detection.matches({ ...denied, eventCategory: 'Management' })).toBe(false);
    expect(detection.matches({ ...denied, errorCode: 'AccessDenied' })).toBe(false);
    const { errorCode: _omitted, ...withoutError } = denied;
    expect(detection.matches(withoutError)).toBe(false);
  });

  test('of the 111 records of the public corpus, matches exactly its one network activity denial (Panther\'s test record)', () => {
    const files = fs.readdirSync(REAL).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(100);
    const matched = files.filter((f) => detection.matches(read(REAL, f)));
    expect(matched).toEqual(['038_unauthorized-NEG__panther_GetObject.json']);
    const all = files.filter((f) => read(REAL, f).eventCategory === 'NetworkActivity' && read(REAL, f).errorCode === 'VpceAccessDenied');
    expect(matched).toEqual(all);
  });

  test('the unauthorized-calls detections of the catalog do not fire on VPC endpoint denials (their errorCode texts differ)', () => {
    const denied = read(NETWORK, 'kms-listkeys-vpce-denied.json');
    expect(Detections.unauthorizedApiCalls().matches(denied)).toBe(false);
  });
});

describe('the landing zone records VPC endpoint denials and alarms on them', () => {
  const { management } = addLandingZone(new App());
  const template = Template.fromStack(management);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const trail = Object.values(resources).find((r) => r.Type === 'AWS::CloudTrail::Trail')!;

  test('one denial selector for each of CloudTrail, KMS, S3 and Secrets Manager', () => {
    const network = trail.Properties.AdvancedEventSelectors.filter((s: any) => s.FieldSelectors[0].Equals[0] === 'NetworkActivity');
    expect(network.map((s: any) => s.FieldSelectors)).toEqual(['cloudtrail', 'kms', 's3', 'secretsmanager'].map((service) => [
      { Field: 'eventCategory', Equals: ['NetworkActivity'] },
      { Field: 'eventSource', Equals: [`${service}.amazonaws.com`] },
      { Field: 'errorCode', Equals: ['VpceAccessDenied'] },
    ]));
  });

  test('a metric filter on the trail\'s log group, and an alarm on its metric with the default actions', () => {
    const logGroup = trail.Properties.CloudWatchLogsLogGroupArn['Fn::GetAtt'][0];
    const filters = Object.values(resources).filter((r) => r.Type === 'AWS::Logs::MetricFilter' && r.Properties.FilterPattern === detection.filterPattern);
    expect(filters).toHaveLength(1);
    expect(filters[0].Properties.LogGroupName).toEqual({ Ref: logGroup });
    expect(filters[0].Properties.MetricTransformations).toEqual([{ MetricName: 'VpcEndpointAccessDenied', MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }]);
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'VpcEndpointAccessDenied');
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toEqual(expect.objectContaining({
      AlarmName: 'cloudtrail-baseline-Baseline.VpcEndpointAccessDenied-VpcEndpointAccessDenied',
      Threshold: 1,
      EvaluationPeriods: 1,
      Period: 300,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }));
    expect(alarms[0].Properties.AlarmActions.length).toBeGreaterThanOrEqual(2);
  });
});
