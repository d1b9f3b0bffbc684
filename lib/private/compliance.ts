import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on one construct (and its children), with the reason an auditor
 * reads. cdk-nag 3 reads these from `Validations.of(scope).acknowledge()`; every acknowledgment
 * the library makes is listed in the README.
 *
 * A finding ID that names a literal S3 ARN (`AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]`)
 * holds `::` more than once, which `Validations.acknowledge()` refuses (it reserves `::` for a
 * prefix); such IDs are recorded under the same public metadata key
 * (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`) that `acknowledge()` writes and cdk-nag reads.
 */
export function acknowledge(scope: IConstruct, ruleIds: string[], reason: string): void {
  const plain = ruleIds.filter((id) => id.split('::').length <= 2);
  if (plain.length > 0) Validations.of(scope).acknowledge(...plain.map((id) => ({ id, reason })));
  for (const id of ruleIds.filter((i) => i.split('::').length > 2)) {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
}
