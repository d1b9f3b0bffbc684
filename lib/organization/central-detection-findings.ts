import { Stack, Token } from 'aws-cdk-lib';
import { CfnAutomationRule } from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAccountId } from '../private/validate';

/** Security Hub's CloudWatch controls, which check each account for its own metric filters and alarms. */
const CLOUDWATCH_CONTROL_IDS = Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`);

/**
 * Properties of `CentralDetectionFindings`.
 */
export interface CentralDetectionFindingsProps {
  /**
   * The account whose metric filters and alarms watch the whole organization: the account of the
   * organization trail's CloudWatch Logs group (the management account in the landing zone). Its
   * own findings are never suppressed. A literal 12-digit account ID.
   */
  readonly detectionAccountId: string;

  /**
   * The Security Hub control IDs whose failed findings in the other accounts are suppressed.
   *
   * @default - CloudWatch.1 to CloudWatch.14
   */
  readonly controlIds?: string[];

  /**
   * The rule's order among the Security Hub administrator's automation rules (1 to 1000; lower
   * runs first).
   *
   * @default 100
   */
  readonly ruleOrder?: number;
}

/**
 * Security Hub in member accounts: its CloudWatch.1–14 controls check each account for its own
 * metric filters and alarms, and so fail in every member account of an organization whose
 * detections run centrally on the organization trail (a long-standing complaint with per-account
 * baselines). This construct is the honest answer: an `AWS::SecurityHub::AutomationRule`, deployed
 * in the Security Hub (CSPM) delegated administrator account, that sets those failed findings of
 * every account but `detectionAccountId` to `SUPPRESSED` with a note that names the account whose
 * alarms cover them. The detection account's own findings still count.
 *
 * The alternative, for auditors who want the controls to pass in every account, is per-account
 * metric filters and alarms (a filter, an alarm and a log group per account and region, each
 * billed); this library deploys the detections centrally.
 *
 * Automation rules are created from the Security Hub CSPM administrator account only, and apply in
 * the Region they are created in: deploy one in each Region whose findings it should change
 * (Security Hub CSPM user guide, "Creating automation rules").
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/automation-rules.html
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export class CentralDetectionFindings extends Construct {
  /** The automation rule. */
  public readonly rule: CfnAutomationRule;

  constructor(scope: Construct, id: string, props: CentralDetectionFindingsProps) {
    super(scope, id);
    const P = 'CentralDetectionFindingsProps';
    checkProps(P, props, schemas.CentralDetectionFindingsProps(), ['detectionAccountId']);
    const account = props.detectionAccountId;
    if (Token.isUnresolved(account)) {
      throw new CloudTrailBaselineError(`${P}.detectionAccountId`, 'must be a literal 12-digit account ID: the rule excludes it and names it in the note');
    }
    checkAccountId(`${P}.detectionAccountId`, account);
    const controlIds = props.controlIds ?? CLOUDWATCH_CONTROL_IDS;
    if (controlIds.length === 0) {
      throw new CloudTrailBaselineError(`${P}.controlIds`, 'must list at least one Security Hub control ID');
    }
    controlIds.forEach((c, i) => {
      if (!/^[A-Za-z0-9]+\.\d+$/.test(c)) {
        throw new CloudTrailBaselineError(`${P}.controlIds[${i}]`, `must be a Security Hub control ID such as 'CloudWatch.1' (got ${JSON.stringify(c)})`);
      }
    });
    const ruleOrder = props.ruleOrder ?? 100;
    if (!Number.isInteger(ruleOrder) || ruleOrder < 1 || ruleOrder > 1000) {
      throw new CloudTrailBaselineError(`${P}.ruleOrder`, `must be a whole number from 1 to 1000 (got ${ruleOrder})`);
    }
    const stack = Stack.of(this);
    const note = `Covered centrally: the organization trail's CIS metric filters and alarms in account ${account} (${stack.region}) watch this account (cdk-cloudtrail-baseline).`;
    this.rule = new CfnAutomationRule(this, 'Rule', {
      ruleName: 'cdk-cloudtrail-baseline central CloudWatch detections',
      description: `Suppresses failed ${controlIds.join(', ')} findings of accounts other than ${account}, whose organization-wide alarms cover them.`,
      ruleOrder,
      ruleStatus: 'ENABLED',
      isTerminal: false,
      criteria: {
        complianceSecurityControlId: controlIds.map((value) => ({ comparison: 'EQUALS', value })),
        complianceStatus: [{ comparison: 'EQUALS', value: 'FAILED' }],
        recordState: [{ comparison: 'EQUALS', value: 'ACTIVE' }],
        awsAccountId: [{ comparison: 'NOT_EQUALS', value: account }],
      },
      actions: [{
        type: 'FINDING_FIELDS_UPDATE',
        findingFieldsUpdate: {
          workflow: { status: 'SUPPRESSED' },
          note: { text: note, updatedBy: 'cdk-cloudtrail-baseline' },
        },
      }],
    });
  }
}
