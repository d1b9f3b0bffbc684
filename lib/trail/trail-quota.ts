import { CfnResource, Stack, Token } from 'aws-cdk-lib';

/** CloudTrail's hard quota of trails per region and account. */
export const TRAILS_PER_REGION = 5;

const watched = new WeakSet<Stack>();

/**
 * Fails the synthesis when `stack` creates more than five trails (`AWS::CloudTrail::Trail`, from
 * this library or not): CloudTrail allows at most 5 trails per region in an account, a quota that
 * cannot be raised, and a multi-region trail counts in every region, so the sixth trail would fail
 * at deploy time (MaximumNumberOfTrailsExceededException). A validation of the stack, added once
 * per stack, counted when the tree is complete.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html
 */
export function watchTrailQuota(stack: Stack): void {
  if (watched.has(stack)) return;
  watched.add(stack);
  stack.node.addValidation({
    validate: () => {
      const trails = stack.node.findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::CloudTrail::Trail' && Stack.of(c) === stack);
      if (trails.length <= TRAILS_PER_REGION) return [];
      const region = Token.isUnresolved(stack.region) ? 'its region' : `region ${stack.region}`;
      return [`BaselineTrail: this stack creates ${trails.length} CloudTrail trails in ${region}, over the CloudTrail quota of ${TRAILS_PER_REGION} trails per region `
        + '(per account, hard: it cannot be raised; a multi-region trail counts in every region). Creating the trails past the fifth fails '
        + `(MaximumNumberOfTrailsExceededException). Trails: ${trails.map((t) => t.node.path).join(', ')}`];
    },
  });
}
