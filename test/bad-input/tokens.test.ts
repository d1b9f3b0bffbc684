/**
 * Tokens: every public string, number and Duration property given as a token (a `CfnParameter`, as
 * a landing zone passes IDs) either works (synth succeeds and the token is in the template) or is
 * refused with a `CloudTrailBaselineError` naming the property and saying it must be a literal.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { runTokenCase, TOKEN_CASES } from './token-cases';
import { CloudTrailBaseline } from '../../lib/baseline';
import { CloudTrailBaselineError } from '../../lib/private/errors';

const ENV = { account: '111111111111', region: 'us-east-1' };

describe('a token in a public property either works or is refused by name', () => {
  test.each(TOKEN_CASES.map((c) => [c.property, c.outcome, c] as const))('%s: %s', (property, outcome, c) => {
    const { error, template } = runTokenCase(c);
    if (outcome === 'works') {
      expect(error).toBeUndefined();
      const referenced = template!.includes('{"Ref":"Str"}') || template!.includes('{"Ref":"Num"}');
      expect(referenced).toBe(c.notInTemplate === undefined);
    } else {
      expect(error).toBeInstanceOf(CloudTrailBaselineError);
      expect((error as CloudTrailBaselineError).property).toContain(property.replace(/\(.*$/, ''));
      expect((error as Error).message).toMatch(/literal|token/);
    }
  });
});

describe('landing zone ids: organizationId from an SSM parameter', () => {
  test('CloudTrailBaseline with organizationId from SSM synthesizes, and the id reaches the delivery policy and the bucket policy', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const orgId = StringParameter.valueForStringParameter(stack, '/landing-zone/organization-id');
    new CloudTrailBaseline(stack, 'Baseline', { organizationId: orgId, notificationEmails: ['security@example.com'] });
    app.synth();
    const template = Template.fromStack(stack);
    const json = JSON.stringify(template.toJSON());
    const ssmParameter = Object.keys(template.toJSON().Parameters).find((p) => p.startsWith('SsmParameterValue'))!;
    expect(ssmParameter).toBeDefined();
    const policies = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toContain(`{"Ref":"${ssmParameter}"},"_*"`);
    const bucketPolicies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(bucketPolicies).toContain(`{"Ref":"${ssmParameter}"}`);
    expect(json).toContain('"IsOrganizationTrail":true');
  });
});
