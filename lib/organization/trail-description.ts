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
 * Properties of the description of the member-account trails of an organization.
 */
export interface MemberAccountTrailsDescriptionProps {
  /**
   * The AWS Organizations ID, e.g. `o-a1b2c3d4e5`: the archive admits these trails only for
   * accounts of this organization (`aws:SourceOrgID`).
   */
  readonly organizationId: string;

  /** The trails' home region, e.g. `us-east-1` (each member trail is multi-region). */
  readonly region: string;

  /** The trail name, the same in every member account. */
  readonly trailName: string;

  /**
   * The partition.
   *
   * @default - derived from `region`
   */
  readonly partition?: string;
}

/** The folder of the member-account trails under the archive's S3 key prefix: apart from the organization trail's `AWSLogs/<o-...>/`. */
const MEMBER_ACCOUNT_TRAILS_FOLDER = 'member-account-trails';

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

  /**
   * Describes the trails of one name that every member account of an organization owns, one per
   * account (`MemberAccountDetections` deploys them with a StackSet). The archive admits them by
   * ARN pattern (`arn:<partition>:cloudtrail:<region>:*:trail/<name>`) and organization
   * (`aws:SourceOrgID`), and only under `[prefix/]member-account-trails/AWSLogs/`, apart from the
   * organization trail's files.
   *
   * @throws Error (`CloudTrailBaselineError`) when the organization ID, region or trail name is malformed
   */
  public static memberAccountTrails(props: MemberAccountTrailsDescriptionProps): TrailDescription {
    const P = 'MemberAccountTrailsDescriptionProps';
    checkProps(P, props, schemas.MemberAccountTrailsDescriptionProps(), ['organizationId', 'region', 'trailName']);
    checkOrganizationId(`${P}.organizationId`, props.organizationId);
    checkRegion(`${P}.region`, props.region);
    checkTrailName(`${P}.trailName`, props.trailName);
    return new TrailDescription(P, '*', props.region, props.trailName, props.partition, undefined, props.organizationId);
  }

  /**
   * The account that owns the trail: the management account for an organization trail; `*` for
   * the member-account trails (each account owns its own).
   */
  public readonly ownerAccountId: string;
  /** The trail's home region. */
  public readonly region: string;
  /** The trail name. */
  public readonly trailName: string;
  /** The partition. */
  public readonly partition: string;
  /** The organization ID, for an organization trail. */
  public readonly organizationId?: string;
  /** The organization whose member accounts own the trails, for the member-account trails. */
  public readonly memberOf?: string;

  private constructor(propsName: string, ownerAccountId: string, region: string, trailName: string, partition?: string, organizationId?: string,
    memberOf?: string) {
    this.ownerAccountId = ownerAccountId;
    this.region = region;
    this.trailName = trailName;
    this.organizationId = organizationId;
    this.memberOf = memberOf;
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

  /** Whether this describes the member-account trails of an organization (`memberAccountTrails()`). */
  public get isMemberAccountTrails(): boolean {
    return this.memberOf !== undefined;
  }

  /**
   * The trail ARN: `arn:<partition>:cloudtrail:<region>:<owner account>:trail/<name>`; for the
   * member-account trails a pattern, with `*` for the account.
   */
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
    if (this.isMemberAccountTrails) return [`${this.s3KeyPrefixIn(s3KeyPrefix)}/AWSLogs/`];
    const base = s3KeyPrefix ? `${s3KeyPrefix}/AWSLogs/` : 'AWSLogs/';
    return [
      `${base}${this.ownerAccountId}/`,
      ...(this.organizationId ? [`${base}${this.organizationId}/`] : []),
    ];
  }

  /**
   * The S3 key prefix the trail itself is created with, in an archive whose files live under
   * `s3KeyPrefix`: that prefix, and for the member-account trails `[s3KeyPrefix/]member-account-trails`.
   *
   * @param s3KeyPrefix the archive's S3 key prefix, without leading or trailing `/`
   */
  public s3KeyPrefixIn(s3KeyPrefix?: string): string | undefined {
    if (!this.isMemberAccountTrails) return s3KeyPrefix;
    return s3KeyPrefix ? `${s3KeyPrefix}/${MEMBER_ACCOUNT_TRAILS_FOLDER}` : MEMBER_ACCOUNT_TRAILS_FOLDER;
  }
}
