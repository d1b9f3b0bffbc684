import { IKey } from 'aws-cdk-lib/aws-kms';
import { TrailOptions } from './trail-options';
import { ILogArchive } from '../log-archive/ilog-archive';
import { TrailDescription } from '../organization/trail-description';

/**
 * Properties of a `BaselineTrail`.
 *
 * Say which trail to create in exactly one way: either `description` (a `TrailDescription` shared
 * with the log archive's stack), or `trailName` with, for an organization trail,
 * `isOrganizationTrail`, `organizationId` and `managementAccountId`.
 */
export interface BaselineTrailProps extends TrailOptions {
  /** The log archive the trail delivers to: in this stack, or imported from another account. */
  readonly logArchive: ILogArchive;

  /**
   * The trail, described once and shared with the log archive's stack: owner account, home
   * region, name and, for an organization trail, organization ID. Its region must be this stack's
   * region; for an account trail its owner must be this stack's account. An organization trail
   * whose management account is not this stack's account is created from a CloudTrail delegated
   * administrator account (see `BaselineTrail`).
   *
   * @default - built from `trailName`, `isOrganizationTrail`, `organizationId` and `managementAccountId`
   * @throws when combined with any of those properties, or when its region or (account trail) owner
   * differs from this stack's
   */
  readonly description?: TrailDescription;

  /**
   * The trail name. Literal: the bucket and key policies bind `aws:SourceArn` to the trail ARN,
   * which contains the name (without it, aws-cdk-lib's `Trail` produced `trail/undefined`,
   * aws-cdk#31400). 3-128 letters, digits, `.`, `_`, `-`.
   *
   * @default - none: required unless `description` is given
   */
  readonly trailName?: string;

  /**
   * Whether the trail logs every account of the organization. Create it in the management account
   * or a CloudTrail delegated administrator account, with `organizationId`.
   *
   * @default false
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * The AWS Organizations ID (`o-...`). Required for an organization trail: the bucket policy lets
   * the trail write under `AWSLogs/<organizationId>/`.
   *
   * @default - none; an error if `isOrganizationTrail` is true
   */
  readonly organizationId?: string;

  /**
   * The organization's management account, which owns an organization trail even when a CloudTrail
   * delegated administrator account creates it. Set it when this stack is in the delegated
   * administrator account: the trail ARN, and so the `aws:SourceArn` of the bucket and key
   * policies, then names the management account, as CloudTrail requires.
   *
   * @default - this stack's account (the management account creates the trail)
   * @throws when set for an account trail
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
   */
  readonly managementAccountId?: string;

  /**
   * The name of the CloudWatch Logs group the trail delivers to, where the detections' metric
   * filters run. The group is created here, with this exact name, and the filters refer to it.
   *
   * @default 'cloudtrail/<trailName>'
   * @throws when it has characters CloudWatch Logs refuses or is over 512 characters
   */
  readonly logGroupName?: string;

  /**
   * The KMS key that encrypts the log group. Its policy must let
   * `logs.<region>.amazonaws.com` use it for this log group.
   *
   * @default - a new customer managed key with rotation and that policy
   */
  readonly logGroupEncryptionKey?: IKey;

}
