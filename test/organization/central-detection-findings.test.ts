/**
 * CentralDetectionFindings: the Security Hub automation rule that suppresses member accounts'
 * failed CloudWatch.1-14 findings, with a note, and never the detection account's own; bad input
 * refused by name. The rule's criteria are evaluated on sample findings with Security Hub's
 * documented semantics for these filters (EQUALS values of one field ORed, fields ANDed).
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CentralDetectionFindings, CentralDetectionFindingsProps } from '../../lib';

function rule(props: Record<string, unknown> = {}) {
  const stack = new Stack(new App(), 'SecurityTooling', { env: { account: '333333333333', region: 'us-east-1' } });
  new CentralDetectionFindings(stack, 'Findings', { detectionAccountId: '222222222222', ...props } as unknown as CentralDetectionFindingsProps);
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::SecurityHub::AutomationRule'));
  return resource.Properties;
}

type Filter = { Comparison: string; Value: string };
/** Whether a finding matches the criteria: each field's EQUALS values ORed, NOT_EQUALS ANDed, fields ANDed. */
function matches(criteria: Record<string, Filter[]>, finding: Record<string, string>): boolean {
  return Object.entries(criteria).every(([field, filters]) => {
    const value = finding[field];
    const equals = filters.filter((f) => f.Comparison === 'EQUALS');
    const notEquals = filters.filter((f) => f.Comparison === 'NOT_EQUALS');
    return (equals.length === 0 || equals.some((f) => f.Value === value)) && notEquals.every((f) => f.Value !== value);
  });
}

const finding = (account: string, control: string, status = 'FAILED') => ({
  AwsAccountId: account, ComplianceSecurityControlId: control, ComplianceStatus: status, RecordState: 'ACTIVE',
});

describe('CentralDetectionFindings', () => {
  const properties = rule();

  test('suppresses a member account\'s failed CloudWatch.1 to CloudWatch.14 findings, with a note naming the detection account', () => {
    for (let i = 1; i <= 14; i++) expect(matches(properties.Criteria, finding('444444444444', `CloudWatch.${i}`))).toBe(true);
    expect(properties.Actions).toEqual([{
      Type: 'FINDING_FIELDS_UPDATE',
      FindingFieldsUpdate: {
        Workflow: { Status: 'SUPPRESSED' },
        Note: { Text: expect.stringContaining('account 222222222222 (us-east-1)'), UpdatedBy: 'cdk-cloudtrail-baseline' },
      },
    }]);
  });

  test('leaves the detection account\'s findings, other controls, passed findings and CloudWatch.15+ alone', () => {
    expect(matches(properties.Criteria, finding('222222222222', 'CloudWatch.1'))).toBe(false);
    expect(matches(properties.Criteria, finding('444444444444', 'CloudTrail.1'))).toBe(false);
    expect(matches(properties.Criteria, finding('444444444444', 'CloudWatch.1', 'PASSED'))).toBe(false);
    expect(matches(properties.Criteria, finding('444444444444', 'CloudWatch.15'))).toBe(false);
    expect(properties.IsTerminal).toBe(false);
    expect(properties.RuleStatus).toBe('ENABLED');
  });

  test('controlIds narrows the rule', () => {
    const narrow = rule({ controlIds: ['CloudWatch.1'] });
    expect(matches(narrow.Criteria, finding('444444444444', 'CloudWatch.1'))).toBe(true);
    expect(matches(narrow.Criteria, finding('444444444444', 'CloudWatch.2'))).toBe(false);
  });

  test.each([
    [{ detectionAccountId: '2222' }, /detectionAccountId: must be a 12-digit AWS account ID/],
    [{ detectionAccountId: undefined }, /detectionAccountId: is required/],
    [{ controlIds: [] }, /controlIds: must list at least one/],
    [{ controlIds: ['CloudWatch 1'] }, /controlIds\[0\]: must be a Security Hub control ID/],
    [{ ruleOrder: 0 }, /ruleOrder: must be a whole number from 1 to 1000/],
    [{ ruleOrder: 1.5 }, /ruleOrder: must be a whole number from 1 to 1000/],
  ])('refuses %j', (props, message) => {
    expect(() => rule(props)).toThrow(message);
  });

  test('a token account is refused by name', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '333333333333', region: 'us-east-1' } });
    const account = new CfnParameter(stack, 'Account').valueAsString;
    expect(() => new CentralDetectionFindings(stack, 'F', { detectionAccountId: account })).toThrow(/detectionAccountId: must be a literal/);
  });
});
