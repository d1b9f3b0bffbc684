import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, StarPrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * A customer managed key with the library's defaults: rotation on, retained when removed from
 * the stack (audit data would be unreadable without it), a 30-day deletion window, and a
 * statement that lets only AWS services create grants on it (Control Tower CT.KMS.PR.3).
 */
export function baselineKey(scope: Construct, id: string, description: string, alias?: string): Key {
  const key = new Key(scope, id, {
    description,
    alias,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: Effect.DENY,
    principals: [new StarPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  }));
  return key;
}
