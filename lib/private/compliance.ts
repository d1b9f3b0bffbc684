import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on one construct (and its children), with the reason an auditor
 * reads. cdk-nag 3 reads these from `Validations.of(scope).acknowledge()`; every acknowledgment
 * the library makes is listed in the README.
 */
export function acknowledge(scope: IConstruct, ruleIds: string[], reason: string): void {
  Validations.of(scope).acknowledge(...ruleIds.map((id) => ({ id, reason })));
}
