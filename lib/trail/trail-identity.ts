import { Stack } from 'aws-cdk-lib';
import { TrailDescription } from '../organization/trail-description';
import { CloudTrailBaselineError } from '../private/errors';
import { checkAccountId, checkTrailName, isConcrete } from '../private/validate';

/**
 * The two ways to say which trail a stack creates: a shared `TrailDescription`, or its parts
 * (name, organization, management account). Exactly one of them.
 */
export interface TrailIdentityProps {
  readonly description?: TrailDescription;
  readonly trailName?: string;
  readonly isOrganizationTrail?: boolean;
  readonly organizationId?: string;
  readonly managementAccountId?: string;
}

const PARTS = ['trailName', 'isOrganizationTrail', 'organizationId', 'managementAccountId'] as const;

/**
 * The description of the trail that `stack` creates, from either a shared description (checked
 * against the stack's region and account) or the separate properties.
 *
 * The one place that checks the exclusion and the parts (`BaselineTrail` and `CloudTrailBaseline`
 * both call it).
 *
 * @param propsName the props interface named in errors, e.g. `BaselineTrailProps`
 * @param descriptionName the name of the description property in `propsName` (`trail` in
 * `CloudTrailBaselineProps`)
 */
export function resolveTrailDescription(stack: Stack, props: TrailIdentityProps, propsName: string, descriptionName = 'description'): TrailDescription {
  const parts = PARTS.filter((k) => props[k] !== undefined);
  if (props.description !== undefined) {
    if (parts.length > 0) {
      throw new CloudTrailBaselineError(`${propsName}.${descriptionName}`,
        `must not be combined with ${parts.map((k) => `${propsName}.${k}`).join(', ')}: the description already holds the trail's name, `
        + 'organization and owner account. Give either the description or those properties, not both');
    }
    checkDescriptionForStack(`${propsName}.${descriptionName}`, props.description, stack);
    return props.description;
  }
  if (props.trailName === undefined) {
    throw new CloudTrailBaselineError(`${propsName}.trailName`,
      `is required unless ${propsName}.${descriptionName} is given: the trail ARN (hence its name) must be known at synth time. Give exactly one of them`);
  }
  checkTrailName(`${propsName}.trailName`, props.trailName);
  const organizationId = props.organizationId;
  if (props.isOrganizationTrail && !organizationId) {
    throw new CloudTrailBaselineError(`${propsName}.organizationId`,
      'is required when isOrganizationTrail is true: the bucket policy must let the trail write under AWSLogs/<organizationId>/');
  }
  if (!props.isOrganizationTrail && props.organizationId) {
    throw new CloudTrailBaselineError(`${propsName}.isOrganizationTrail`,
      'must be true when organizationId is set (an account trail has no organization ID)');
  }
  if (props.managementAccountId !== undefined) {
    if (!props.isOrganizationTrail) {
      throw new CloudTrailBaselineError(`${propsName}.managementAccountId`,
        'is only for organization trails: an account trail is owned by the account of its stack, while an organization trail may be '
        + 'created from a CloudTrail delegated administrator account and is then owned by the management account');
    }
    checkAccountId(`${propsName}.managementAccountId`, props.managementAccountId);
  }
  return organizationId
    ? TrailDescription.organizationTrail({
      organizationId,
      managementAccountId: props.managementAccountId ?? stack.account,
      region: stack.region,
      trailName: props.trailName,
    })
    : TrailDescription.accountTrail({ accountId: stack.account, region: stack.region, trailName: props.trailName });
}

/**
 * Checks that `stack` can create the described trail: a trail is created in its home region, so
 * the regions must match; an account trail is owned by the account that creates it, so the
 * accounts must match. An organization trail may be created from another account (a CloudTrail
 * delegated administrator); it is still owned by the management account. Tokens are not checked.
 *
 * @param property the property named in errors, e.g. `BaselineTrailProps.description`
 */
export function checkDescriptionForStack(property: string, description: TrailDescription, stack: Stack): void {
  if (isConcrete(stack.region) && isConcrete(description.region) && stack.region !== description.region) {
    throw new CloudTrailBaselineError(property,
      `describes a trail whose home region is ${description.region}, but this stack is in ${stack.region}: a trail is created in its home `
      + 'region, so create it from a stack in that region (or fix the description)');
  }
  if (!description.isOrganizationTrail && isConcrete(stack.account) && isConcrete(description.ownerAccountId)
    && stack.account !== description.ownerAccountId) {
    throw new CloudTrailBaselineError(property,
      `describes an account trail owned by ${description.ownerAccountId}, but this stack is in account ${stack.account}: an account trail `
      + 'belongs to the account that creates it (only an organization trail may be created from another account, a CloudTrail delegated administrator)');
  }
}

/**
 * Whether `stack` creates the described organization trail from a CloudTrail delegated
 * administrator account: both accounts are known and differ.
 */
export function isDelegatedAdministrator(description: TrailDescription, stack: Stack): boolean {
  return description.isOrganizationTrail && isConcrete(stack.account) && isConcrete(description.ownerAccountId)
    && stack.account !== description.ownerAccountId;
}
