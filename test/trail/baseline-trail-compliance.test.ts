/**
 * The cdk-nag acknowledgment `BaselineTrail` makes for the wildcard of CloudTrail's log stream
 * names: it covers exactly the two stream prefixes, whether the stack has an environment or not
 * (an env-agnostic stack, e.g. a StackSet's member stack: the finding IDs then hold the pseudo
 * parameters as cdk-nag renders them, '<AWS::Region>').
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LogArchive } from '../../lib/log-archive';
import { BaselineTrail } from '../../lib/trail';

/** The AwsSolutions findings (rule name, construct paths) of a stack with an archive and an organization trail. */
function awsSolutionsFindings(env?: Environment): Array<{ rule: string; paths: string[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'trail-nag-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Audit', { env });
  const archive = new LogArchive(stack, 'Archive');
  new BaselineTrail(stack, 'Trail', { logArchive: archive, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
  const error = console.error;
  console.error = () => undefined; // "Performing Policy Validations"
  try {
    app.synth();
  } finally {
    console.error = error;
  }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return (report.pluginReports ?? []).flatMap((p: any) => (p.violations ?? []).map((v: any) => ({
    rule: v.ruleName as string,
    paths: (v.violatingConstructs ?? v.violatingResources ?? []).map((r: any) => r.constructPath as string),
  })));
}

test('with an environment: no AwsSolutions finding at all', () => {
  expect(awsSolutionsFindings({ account: '111111111111', region: 'us-east-1' })).toEqual([]);
});

test('env-agnostic: synthesizes, and the two stream-prefix IAM5 findings are acknowledged too', () => {
  expect(awsSolutionsFindings()).toEqual([]);
});
