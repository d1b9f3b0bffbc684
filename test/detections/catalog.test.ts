/**
 * The catalog's texts and metadata, and the checks `Detection.custom` makes.
 */
import { Detection, DetectionProps, Detections, DetectionSeverity } from '../../lib/detections';
import { MAX_FILTER_PATTERN_LENGTH } from '../../lib/detections/quotas';
import { CloudTrailBaselineError } from '../../lib/private/errors';

/**
 * A copy of the filter texts of DESIGN.md section 3 ("The exact texts", from the Security Hub user
 * guide, "CloudWatch controls", and CIS v1.4.0 4.15), copied byte for byte. Security Hub fails its
 * CloudWatch.1-14 controls when the text differs in any way, so any change here or in the catalog
 * must be checked against the published text.
 */
const DESIGN_TEXTS: Record<string, string> = {
  'CloudWatch.1': '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  'CloudWatch.2': '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  'CloudWatch.3': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  'CloudWatch.4': '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  'CloudWatch.5': '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  'CloudWatch.6': '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  'CloudWatch.7': '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  'CloudWatch.8': '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  'CloudWatch.9': '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  'CloudWatch.10': '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  'CloudWatch.11': '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  'CloudWatch.12': '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  'CloudWatch.13': '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  'CloudWatch.14': '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  'CIS.4.15': '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
};

const IDS = [
  'CloudWatch.1', 'CloudWatch.2', 'CloudWatch.3', 'CloudWatch.4', 'CloudWatch.5', 'CloudWatch.6', 'CloudWatch.7',
  'CloudWatch.8', 'CloudWatch.9', 'CloudWatch.10', 'CloudWatch.11', 'CloudWatch.12', 'CloudWatch.13', 'CloudWatch.14',
  'CIS.4.15',
];

const METRIC_NAMES = [
  'RootAccountUsage', 'UnauthorizedAPICalls', 'ConsoleSignInWithoutMFA', 'IAMPolicyChanges', 'CloudTrailConfigChanges',
  'ConsoleSignInFailures', 'DisableOrDeleteCMK', 'S3BucketPolicyChanges', 'AWSConfigChanges', 'SecurityGroupChanges',
  'NACLChanges', 'NetworkGatewayChanges', 'RouteTableChanges', 'VPCChanges', 'OrganizationsChanges',
];

/**
 * CIS controls per detection: Security Hub's "Related requirements" (CIS v1.2.0, v1.4.0), and the recommendation each
 * implements in CIS v1.4.0, v3.0.0, v4.0.0 and v5.0.0 (prowler-cloud/prowler compliance/aws/cis_*_aws.json map the same
 * numbers to the same checks).
 */
const CIS_CONTROLS: Record<string, string[]> = {
  'CloudWatch.1': ['v1.2.0/1.1', 'v1.2.0/3.3', 'v1.4.0/1.7', 'v1.4.0/4.3', 'v3.0.0/4.3', 'v4.0.0/4.3', 'v5.0.0/4.3'],
  'CloudWatch.2': ['v1.2.0/3.1', 'v1.4.0/4.1', 'v3.0.0/4.1', 'v4.0.0/4.1', 'v5.0.0/4.1'],
  'CloudWatch.3': ['v1.2.0/3.2', 'v1.4.0/4.2', 'v3.0.0/4.2', 'v4.0.0/4.2', 'v5.0.0/4.2'],
  'CloudWatch.4': ['v1.2.0/3.4', 'v1.4.0/4.4', 'v3.0.0/4.4', 'v4.0.0/4.4', 'v5.0.0/4.4'],
  'CloudWatch.5': ['v1.2.0/3.5', 'v1.4.0/4.5', 'v3.0.0/4.5', 'v4.0.0/4.5', 'v5.0.0/4.5'],
  'CloudWatch.6': ['v1.2.0/3.6', 'v1.4.0/4.6', 'v3.0.0/4.6', 'v4.0.0/4.6', 'v5.0.0/4.6'],
  'CloudWatch.7': ['v1.2.0/3.7', 'v1.4.0/4.7', 'v3.0.0/4.7', 'v4.0.0/4.7', 'v5.0.0/4.7'],
  'CloudWatch.8': ['v1.2.0/3.8', 'v1.4.0/4.8', 'v3.0.0/4.8', 'v4.0.0/4.8', 'v5.0.0/4.8'],
  'CloudWatch.9': ['v1.2.0/3.9', 'v1.4.0/4.9', 'v3.0.0/4.9', 'v4.0.0/4.9', 'v5.0.0/4.9'],
  'CloudWatch.10': ['v1.2.0/3.10', 'v1.4.0/4.10', 'v3.0.0/4.10', 'v4.0.0/4.10'],
  'CloudWatch.11': ['v1.2.0/3.11', 'v1.4.0/4.11', 'v3.0.0/4.11', 'v4.0.0/4.11', 'v5.0.0/4.11'],
  'CloudWatch.12': ['v1.2.0/3.12', 'v1.4.0/4.12', 'v3.0.0/4.12', 'v4.0.0/4.12', 'v5.0.0/4.12'],
  'CloudWatch.13': ['v1.2.0/3.13', 'v1.4.0/4.13', 'v3.0.0/4.13', 'v4.0.0/4.13', 'v5.0.0/4.13'],
  'CloudWatch.14': ['v1.2.0/3.14', 'v1.4.0/4.14', 'v3.0.0/4.14', 'v4.0.0/4.14', 'v5.0.0/4.14'],
  'CIS.4.15': ['v1.4.0/4.15', 'v3.0.0/4.15', 'v4.0.0/4.15', 'v5.0.0/4.15'],
};

const SEVERITIES: Record<string, DetectionSeverity> = {
  'CloudWatch.1': DetectionSeverity.CRITICAL,
  'CloudWatch.2': DetectionSeverity.MEDIUM,
  'CloudWatch.3': DetectionSeverity.HIGH,
  'CloudWatch.4': DetectionSeverity.MEDIUM,
  'CloudWatch.5': DetectionSeverity.HIGH,
  'CloudWatch.6': DetectionSeverity.MEDIUM,
  'CloudWatch.7': DetectionSeverity.HIGH,
  'CloudWatch.8': DetectionSeverity.MEDIUM,
  'CloudWatch.9': DetectionSeverity.HIGH,
  'CloudWatch.10': DetectionSeverity.MEDIUM,
  'CloudWatch.11': DetectionSeverity.LOW,
  'CloudWatch.12': DetectionSeverity.LOW,
  'CloudWatch.13': DetectionSeverity.LOW,
  'CloudWatch.14': DetectionSeverity.LOW,
  'CIS.4.15': DetectionSeverity.MEDIUM,
};

const ALL = Detections.cisAwsFoundations();
const BY_ID = ALL.map((d) => [d.id, d] as const);

describe('Detections.cisAwsFoundations()', () => {
  test('has the 15 detections, CloudWatch.1-14 then CIS 4.15, in order', () => {
    expect(ALL).toHaveLength(15);
    expect(ALL.map((d) => d.id)).toEqual(IDS);
  });

  test('has unique ids and metric names', () => {
    expect(new Set(ALL.map((d) => d.id)).size).toBe(15);
    expect(new Set(ALL.map((d) => d.metricName)).size).toBe(15);
  });

  test('uses the CIS-style metric names', () => {
    expect(ALL.map((d) => d.metricName)).toEqual(METRIC_NAMES);
  });

  test('matches the individual factory methods', () => {
    const factories = [
      Detections.rootUserUsage, Detections.unauthorizedApiCalls, Detections.consoleSignInWithoutMfa,
      Detections.iamPolicyChanges, Detections.cloudTrailConfigurationChanges, Detections.consoleAuthenticationFailures,
      Detections.kmsKeyDisableOrDeletion, Detections.s3BucketPolicyChanges, Detections.configChanges,
      Detections.securityGroupChanges, Detections.naclChanges, Detections.networkGatewayChanges,
      Detections.routeTableChanges, Detections.vpcChanges, Detections.organizationsChanges,
    ];
    expect(factories.map((f) => f().id)).toEqual(IDS);
  });

  test('returns new detections on each call', () => {
    const first = Detections.cisAwsFoundations();
    first[0].cisControlIds.push('tampered');
    const second = Detections.cisAwsFoundations();
    expect(second[0]).not.toBe(first[0]);
    expect(second[0].cisControlIds).not.toContain('tampered');
  });
});

describe.each(BY_ID)('%s', (id, detection) => {
  test('filter pattern is byte-exact the published text', () => {
    expect(detection.filterPattern).toBe(DESIGN_TEXTS[id]);
    expect(Buffer.from(detection.filterPattern, 'utf8').equals(Buffer.from(DESIGN_TEXTS[id], 'utf8'))).toBe(true);
  });

  test('is emitted byte-exact as an aws-cdk-lib filter pattern', () => {
    expect(detection.toFilterPattern().logPatternString).toBe(DESIGN_TEXTS[id]);
  });

  test('fits the CloudWatch Logs filter pattern limit', () => {
    expect(detection.filterPattern.length).toBeLessThanOrEqual(MAX_FILTER_PATTERN_LENGTH);
  });

  test('has its control IDs', () => {
    expect(detection.cisControlIds).toEqual(CIS_CONTROLS[id]);
    for (const c of detection.cisControlIds) {
      expect(c).toMatch(/^v\d+\.\d+\.\d+\/\d+\.\d+$/);
    }
    if (id.startsWith('CloudWatch.')) {
      expect(detection.securityHubControlId).toBe(id);
      expect(detection.controlIds[0]).toBe(id);
    } else {
      expect(detection.securityHubControlId).toBeUndefined();
    }
    expect(detection.controlIds.length).toBeGreaterThan(0);
  });

  test('has its severity, a title, a description and a remediation', () => {
    expect(detection.severity).toBe(SEVERITIES[id]);
    expect(detection.title.trim()).not.toBe('');
    expect(detection.description.trim()).not.toBe('');
    expect(detection.remediation?.trim()).toBeTruthy();
  });
});

describe('Detection.custom', () => {
  const valid: DetectionProps = {
    id: 'Custom.PutEventSelectors',
    title: 'Trail event selectors changed',
    filterPattern: '{ ($.eventSource = cloudtrail.amazonaws.com) && ($.eventName = PutEventSelectors) }',
    metricName: 'CloudTrailEventSelectorChanges',
    severity: DetectionSeverity.HIGH,
    description: 'Event selectors of a trail were changed.',
  };

  function patternOfLength(length: number): string {
    // '{($.eventName=' + value + ')}' is 16 characters plus the value.
    return `{($.eventName=${'A'.repeat(length - 16)})}`;
  }

  test('accepts a valid custom detection, with no control IDs by default', () => {
    const detection = Detection.custom(valid);
    expect(detection.id).toBe('Custom.PutEventSelectors');
    expect(detection.cisControlIds).toEqual([]);
    expect(detection.securityHubControlId).toBeUndefined();
    expect(detection.controlIds).toEqual([]);
    expect(detection.matches({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors' })).toBe(true);
    expect(detection.matches({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'GetEventSelectors' })).toBe(false);
  });

  test.each([
    ['a space', 'bad id'],
    ['a slash', 'CloudWatch/1'],
    ['nothing', ''],
    ['65 characters', 'x'.repeat(65)],
  ])('rejects an id with %s, naming DetectionProps.id', (_what, id) => {
    expect(() => Detection.custom({ ...valid, id })).toThrow(CloudTrailBaselineError);
    expect(() => Detection.custom({ ...valid, id })).toThrow(/^DetectionProps\.id: /);
  });

  test.each([
    ['a space', 'Root Account Usage'],
    ['a colon', 'CIS:RootAccountUsage'],
    ['nothing', ''],
    ['256 characters', 'M'.repeat(256)],
  ])('rejects a metric name with %s, naming DetectionProps.metricName', (_what, metricName) => {
    expect(() => Detection.custom({ ...valid, metricName })).toThrow(CloudTrailBaselineError);
    expect(() => Detection.custom({ ...valid, metricName })).toThrow(/^DetectionProps\.metricName \(detection Custom\.PutEventSelectors\): /);
  });

  test('accepts a filter pattern of exactly 1,024 characters', () => {
    const filterPattern = patternOfLength(MAX_FILTER_PATTERN_LENGTH);
    expect(filterPattern).toHaveLength(1024);
    expect(Detection.custom({ ...valid, filterPattern }).filterPattern).toBe(filterPattern);
  });

  test('rejects a filter pattern over 1,024 characters, naming DetectionProps.filterPattern', () => {
    const filterPattern = patternOfLength(MAX_FILTER_PATTERN_LENGTH + 1);
    expect(() => Detection.custom({ ...valid, filterPattern })).toThrow(CloudTrailBaselineError);
    expect(() => Detection.custom({ ...valid, filterPattern }))
      .toThrow(/^DetectionProps\.filterPattern \(detection Custom\.PutEventSelectors\): must be at most 1024 characters.*got 1025/);
  });

  test.each([
    ['an unclosed parenthesis', '{ ($.eventName = ConsoleLogin }'],
    ['a missing value', '{ $.eventName = }'],
    ['a missing closing brace', '{ $.eventName = ConsoleLogin'],
    ['a dangling operator', '{ ($.eventName = ConsoleLogin) && }'],
  ])('rejects an unparsable filter pattern (%s), naming DetectionProps.filterPattern', (_what, filterPattern) => {
    expect(() => Detection.custom({ ...valid, filterPattern })).toThrow(CloudTrailBaselineError);
    expect(() => Detection.custom({ ...valid, filterPattern }))
      .toThrow(/^DetectionProps\.filterPattern \(detection Custom\.PutEventSelectors\): must be a valid CloudWatch Logs JSON filter pattern: /);
  });
});
