import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks,
} from 'cdk-nag';

/** One unacknowledged finding of a validation plugin. */
export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly resources: string[];
  readonly description: string;
}

/** What a compliance run found, per plugin. */
export interface ComplianceResult {
  readonly plugins: string[];
  readonly findings: Finding[];
  readonly outdir: string;
}

/**
 * Synthesizes an app with the cdk-nag packs (AwsSolutions, NIST 800-53 R5, HIPAA Security,
 * PCI DSS 3.2.1, Serverless) and the Control Tower proactive controls (cfn-guard) as validation
 * plugins, and returns every finding not acknowledged with `Validations.of(scope).acknowledge()`.
 */
export function runCompliance(addStacks: (app: App) => void): ComplianceResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  const app = new App({
    outdir,
    // Report in validation-report.json instead of failing the process (the test asserts).
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
    new ServerlessChecks(app),
    new CfnGuardValidator(),
  );
  addStacks(app);
  // aws-cdk-lib announces the validation on stderr; keep the test output for real problems.
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Performing Policy Validations')) error(...args);
  };
  try {
    app.synth();
  } finally {
    console.error = error;
  }
  // aws-cdk-lib >= 2.258 writes validation-report.json (schema 'version' >= 54).
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const findings: Finding[] = [];
  const plugins: string[] = [];
  for (const plugin of report.pluginReports ?? []) {
    plugins.push(plugin.pluginName);
    if (plugin.metadata?.error) {
      findings.push({ plugin: plugin.pluginName, rule: 'PluginError', severity: 'fatal', resources: [], description: plugin.metadata.error });
    }
    for (const v of plugin.violations ?? []) {
      findings.push({
        plugin: plugin.pluginName,
        rule: v.ruleName,
        severity: v.severity ?? '',
        resources: (v.violatingConstructs ?? v.violatingResources ?? []).map((r: any) => r.constructPath ?? r.resourceLogicalId ?? JSON.stringify(r)),
        description: (v.description ?? '').slice(0, 160),
      });
    }
  }
  return { plugins, findings, outdir };
}

/**
 * The part of a result that concerns some stacks of the app (by construct ID, the first segment of
 * a construct path): cfn-guard has a fixed cost of several seconds per run, so a test file builds
 * all its cases as stacks of one app, runs the plugins once, and asserts each case on its part.
 * Plugin errors concern every stack.
 */
export function forStacks(result: ComplianceResult, stackIds: string[]): ComplianceResult {
  const inStacks = (r: string) => stackIds.some((id) => r === id || r.startsWith(`${id}/`));
  const findings = result.findings.flatMap((f) => {
    if (f.rule === 'PluginError') return [f];
    const resources = f.resources.filter(inStacks);
    return resources.length > 0 ? [{ ...f, resources }] : [];
  });
  return { ...result, findings };
}
