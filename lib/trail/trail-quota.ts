import { Annotations, AspectPriority, Aspects, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** CloudTrail's hard quota of trails per region and account. */
export const TRAILS_PER_REGION = 5;

const watched = new WeakSet<Stack>();

/**
 * Warns at synth time when `stack` creates more than five trails (`AWS::CloudTrail::Trail`, from
 * this library or not): CloudTrail allows at most 5 trails per region in an account, a quota that
 * cannot be raised, and a multi-region trail counts in every region. A validation cannot warn, so
 * this is a read-only aspect, added once per stack.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html
 */
export function watchTrailQuota(stack: Stack): void {
  if (watched.has(stack)) return;
  watched.add(stack);
  Aspects.of(stack).add(new TrailQuotaCheck(stack), { priority: AspectPriority.READONLY });
}

class TrailQuotaCheck implements IAspect {
  constructor(private readonly stack: Stack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const trails = this.stack.node.findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::CloudTrail::Trail' && Stack.of(c) === this.stack);
    if (trails.length <= TRAILS_PER_REGION) return;
    const region = Token.isUnresolved(this.stack.region) ? 'its region' : `region ${this.stack.region}`;
    Annotations.of(this.stack).addWarningV2('cdk-cloudtrail-baseline:trailsPerRegion',
      `This stack creates ${trails.length} CloudTrail trails in ${region}, over the CloudTrail quota of ${TRAILS_PER_REGION} trails per region `
      + '(per account, hard: it cannot be raised; a multi-region trail counts in every region). Creating the trails past the fifth fails '
      + `(MaximumNumberOfTrailsExceededException). Trails: ${trails.map((t) => t.node.path).join(', ')}`);
  }
}
