/**
 * The catalog's opt-in variants: their texts and metadata, the listing methods (`all`, `variants`,
 * `everything`), and that the defaults stay what Security Hub checks.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DetectionAlarms, Detections, DetectionSeverity } from '../../lib/detections';
import { MAX_FILTER_PATTERN_LENGTH } from '../../lib/detections/quotas';

/**
 * The variant texts, copied byte for byte from their sources: the CIS v1.4.0 4.2 two-clause text and the
 * CIS v4.0.0 4.1 text (ANDed exclusions) as DESIGN.md section 3 and the brief quote them; the CIS security
 * group text with ModifySecurityGroupRules as the CIS v7.0.0 5.10 audit procedure gives it; the root
 * variant is this library's own.
 */
const VARIANT_TEXTS: Record<string, string> = {
  'Baseline.RootUserUsageAnyInvoker': '{ ($.userIdentity.type = "Root") && (($.eventType NOT EXISTS) || ($.eventType != "AwsServiceEvent")) }',
  'CIS.4.1': '{(($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
  'CIS.4.2': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  'CIS.4.10': '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }',
};

const VARIANT_METADATA: Record<string, { metricName: string; severity: DetectionSeverity; cis: string[]; varies: string }> = {
  'Baseline.RootUserUsageAnyInvoker': { metricName: 'RootAccountUsageAnyInvoker', severity: DetectionSeverity.CRITICAL, cis: [], varies: 'CloudWatch.1' },
  'CIS.4.1': { metricName: 'UnauthorizedAPICallsExcludingLogDelivery', severity: DetectionSeverity.MEDIUM, cis: ['v4.0.0/4.1', 'v5.0.0/4.1'], varies: 'CloudWatch.2' },
  'CIS.4.2': { metricName: 'ConsoleSignInWithoutMFAAnyIdentity', severity: DetectionSeverity.MEDIUM, cis: ['v1.4.0/4.2', 'v3.0.0/4.2', 'v4.0.0/4.2', 'v5.0.0/4.2'], varies: 'CloudWatch.3' },
  'CIS.4.10': { metricName: 'SecurityGroupChangesIncludingRuleModifications', severity: DetectionSeverity.MEDIUM, cis: ['v5.0.0/4.10', 'v6.0.0/5.10', 'v7.0.0/5.10'], varies: 'CloudWatch.10' },
};

const VARIANTS = Detections.variants();

describe('Detections.variants(), all() and everything()', () => {
  test('variants() lists the 4 variants, in order, each from its own factory', () => {
    expect(VARIANTS.map((d) => d.id)).toEqual(['Baseline.RootUserUsageAnyInvoker', 'CIS.4.1', 'CIS.4.2', 'CIS.4.10']);
    expect([
      Detections.rootUserUsageAnyInvoker(), Detections.unauthorizedApiCallsExcludingLogDelivery(),
      Detections.consoleSignInWithoutMfaAnyIdentity(), Detections.securityGroupChangesIncludingRuleModifications(),
    ].map((d) => d.id)).toEqual(VARIANTS.map((d) => d.id));
  });

  test('all() (deprecated) still returns the 15 defaults, the same as cisAwsFoundations()', () => {
    expect(Detections.all().map((d) => d.id)).toEqual(Detections.cisAwsFoundations().map((d) => d.id));
    expect(Detections.all().map((d) => d.filterPattern)).toEqual(Detections.cisAwsFoundations().map((d) => d.filterPattern));
    expect(Detections.all()).toHaveLength(15);
  });

  test('everything() is the defaults, the variants, then the network activity detections: 20 unique IDs and metric names', () => {
    const everything = Detections.everything();
    expect(everything.map((d) => d.id)).toEqual([...Detections.cisAwsFoundations(), ...VARIANTS, ...Detections.networkActivity()].map((d) => d.id));
    expect(new Set(everything.map((d) => d.id)).size).toBe(20);
    expect(new Set(everything.map((d) => d.metricName)).size).toBe(20);
  });

  test('the defaults carry no variant text (Security Hub accepts only its exact strings)', () => {
    const defaults = new Set(Detections.cisAwsFoundations().map((d) => d.filterPattern));
    for (const v of VARIANTS) expect(defaults.has(v.filterPattern)).toBe(false);
  });
});

describe.each(VARIANTS.map((d) => [d.id, d] as const))('variant %s', (id, detection) => {
  const meta = VARIANT_METADATA[id];

  test('filter pattern is byte-exact its source text and fits the limit', () => {
    expect(detection.filterPattern).toBe(VARIANT_TEXTS[id]);
    expect(detection.toFilterPattern().logPatternString).toBe(VARIANT_TEXTS[id]);
    expect(detection.filterPattern.length).toBeLessThanOrEqual(MAX_FILTER_PATTERN_LENGTH);
  });

  test('has no Security Hub control, and its CIS controls', () => {
    expect(detection.securityHubControlId).toBeUndefined();
    expect(detection.cisControlIds).toEqual(meta.cis);
  });

  test('has its metric, severity, title, description and remediation', () => {
    expect(detection.metricName).toBe(meta.metricName);
    expect(detection.severity).toBe(meta.severity);
    expect(detection.title.trim()).not.toBe('');
    expect(detection.description.trim()).not.toBe('');
    expect(detection.remediation?.trim()).toBeTruthy();
  });

  test('differs from the default it varies', () => {
    const base = Detections.cisAwsFoundations().find((d) => d.id === meta.varies)!;
    expect(detection.filterPattern).not.toBe(base.filterPattern);
    expect(detection.metricName).not.toBe(base.metricName);
  });
});

describe('DetectionAlarms with variants', () => {
  function stackWith(detections?: ReturnType<typeof Detections.everything>) {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    new DetectionAlarms(stack, 'Detections', {
      logGroup: new LogGroup(stack, 'LogGroup'),
      alarmActions: [new SnsAction(new Topic(stack, 'Topic'))],
      ...(detections ? { detections } : {}),
    });
    return Template.fromStack(stack);
  }

  test('the default set is the 15 Security Hub / CIS texts, no variant', () => {
    const patterns = Object.values(stackWith().findResources('AWS::Logs::MetricFilter')).map((r: any) => r.Properties.FilterPattern);
    expect(patterns.sort()).toEqual(Detections.cisAwsFoundations().flatMap((d) => [d.filterPattern, ...d.additionalFilterPatterns]).sort());
  });

  test('the whole catalog runs side by side on one log group: 20 alarms, 22 metric filters', () => {
    const template = stackWith(Detections.everything());
    template.resourceCountIs('AWS::Logs::MetricFilter', 22);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 20);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'cloudtrail-baseline-CIS.4.2-ConsoleSignInWithoutMFAAnyIdentity',
    });
  });
});
