import { Aws } from 'aws-cdk-lib';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAccountId, checkOrganizationId, checkRegion, checkTrailName, isConcrete, knownPartitionOf, partitionOf } from '../private/validate';

/**
 * Properties of an organization trail's description.
 */
export interface OrganizationTrailDescriptionProps {
  /**
   * The AWS Organizations ID, e.g. `o-a1b2c3d4e5`. Member accounts' logs land under
   * `AWSLogs/<organizationId>/<account>/`.
   */
  readonly organizationId: string;

  /**
   * The management account that owns the organization trail (12 digits). Also when the trail is
   * created from a CloudTrail delegated administrator account, the management account owns it.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
   */
  readonly managementAccountId: string;

  /** The trail's home region, where it is created, e.g. `us-east-1`. */
  readonly region: string;

  /**
   * The trail name. It must be known up front: the bucket and key policies bind
   * `aws:SourceArn` to the trail ARN, which contains it.
   */
  readonly trailName: string;

  /**
   * The partition (`aws`, `aws-cn`, `aws-us-gov`, ...).
   *
   * @default - derived from `region` (e.g. `aws-cn` for `cn-north-1`)
   * @throws when it is not the partition of a region that aws-cdk-lib's region-info knows
   */
  readonly partition?: string;
}

/**
 * Properties of an account trail's description.
 */
export interface AccountTrailDescriptionProps {
  /** The account that owns the trail (12 digits). */
  readonly accountId: string;
  /** The trail's home region, e.g. `us-east-1`. */
  readonly region: string;
  /** The trail name (see `OrganizationTrailDescriptionProps.trailName`). */
  readonly trailName: string;
  /**
   * The partition.
   *
   * @default - derived from `region`
   */
  readonly partition?: string;
}

/**
 * What a log archive must know of a trail that writes to it, before the trail exists: its owner
 * account, home region, name (hence its exact ARN) and, for an organization trail, the
 * organization ID.
 *
 * One description is shared by the stack that creates the trail and the stack that owns the log
 * archive (often in another account), so the `aws:SourceArn` in the bucket and key policies is the
 * ARN the trail will have, not a string repeated in two places.
 */
export class TrailDescription {
  /**
   * Describes an organization trail, owned by the management account.
   *
   * @throws Error (`CloudTrailBaselineError`) when an ID, the region or the trail name is malformed
   */
  public static organizationTrail(props: OrganizationTrailDescriptionProps): TrailDescription {
    checkProps('OrganizationTrailDescriptionProps', props, schemas.OrganizationTrailDescriptionProps(), ['managementAccountId', 'region', 'trailName']);
    if (props.organizationId === undefined || props.organizationId === '') {
      throw new CloudTrailBaselineError('OrganizationTrailDescriptionProps.organizationId',
        'is required for an organization trail (its logs land under AWSLogs/<organizationId>/)');
    }
    checkOrganizationId('OrganizationTrailDescriptionProps.organizationId', props.organizationId);
    checkAccountId('OrganizationTrailDescriptionProps.managementAccountId', props.managementAccountId);
    checkRegion('OrganizationTrailDescriptionProps.region', props.region);
    checkTrailName('OrganizationTrailDescriptionProps.trailName', props.trailName);
    return new TrailDescription('OrganizationTrailDescriptionProps', props.managementAccountId, props.region, props.trailName, props.partition, props.organizationId);
  }

  /**
   * Describes an account (single-account) trail.
   *
   * @throws Error (`CloudTrailBaselineError`) when the account ID, region or trail name is malformed
   */
  public static accountTrail(props: AccountTrailDescriptionProps): TrailDescription {
    checkProps('AccountTrailDescriptionProps', props, schemas.AccountTrailDescriptionProps(), ['accountId', 'region', 'trailName']);
    checkAccountId('AccountTrailDescriptionProps.accountId', props.accountId);
    checkRegion('AccountTrailDescriptionProps.region', props.region);
    checkTrailName('AccountTrailDescriptionProps.trailName', props.trailName);
    return new TrailDescription('AccountTrailDescriptionProps', props.accountId, props.region, props.trailName, props.partition);
  }

  /** The account that owns the trail: the management account for an organization trail. */
  public readonly ownerAccountId: string;
  /** The trail's home region. */
  public readonly region: string;
  /** The trail name. */
  public readonly trailName: string;
  /** The partition. */
  public readonly partition: string;
  /** The organization ID, for an organization trail. */
  public readonly organizationId?: string;

  private constructor(propsName: string, ownerAccountId: string, region: string, trailName: string, partition?: string, organizationId?: string) {
    this.ownerAccountId = ownerAccountId;
    this.region = region;
    this.trailName = trailName;
    this.organizationId = organizationId;
    const derived = isConcrete(region) ? partitionOf(region) : Aws.PARTITION;
    const known = isConcrete(region) ? knownPartitionOf(region) : undefined;
    if (partition !== undefined && known !== undefined && isConcrete(partition) && partition !== known) {
      throw new CloudTrailBaselineError(`${propsName}.partition`,
        `must be the partition of region ${region} ('${known}'), got '${partition}'`);
    }
    this.partition = partition ?? derived;
  }

  /** Whether this is an organization trail. */
  public get isOrganizationTrail(): boolean {
    return this.organizationId !== undefined;
  }

  /** The trail ARN: `arn:<partition>:cloudtrail:<region>:<owner account>:trail/<name>`. */
  public get trailArn(): string {
    return `arn:${this.partition}:cloudtrail:${this.region}:${this.ownerAccountId}:trail/${this.trailName}`;
  }

  /**
   * The object key prefixes the trail writes to, without a trailing `*`: `[prefix/]AWSLogs/<owner>/`
   * and, for an organization trail, `[prefix/]AWSLogs/<organizationId>/`.
   *
   * @param s3KeyPrefix the trail's S3 key prefix, without leading or trailing `/`
   */
  public objectKeyPrefixes(s3KeyPrefix?: string): string[] {
    const base = s3KeyPrefix ? `${s3KeyPrefix}/AWSLogs/` : 'AWSLogs/';
    return [
      `${base}${this.ownerAccountId}/`,
      ...(this.organizationId ? [`${base}${this.organizationId}/`] : []),
    ];
  }
}
