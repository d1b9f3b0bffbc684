import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

/**
 * Who in an AWS Organization may read the log archive, e.g. a security tooling account
 * (`LogArchive.grantOrganizationRead`). A principal must belong to the organization and, when
 * both lists are given, be in one of `accountIds` and match one of `principalArns`.
 */
export interface OrganizationReadOptions {
  /**
   * The AWS Organizations ID the readers belong to (`aws:PrincipalOrgID`), e.g. `o-a1b2c3d4e5`.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
   */
  readonly organizationId: string;

  /**
   * The accounts whose principals may read (`aws:PrincipalAccount`), 12 digits each. Their own IAM
   * policies must still allow the reads. At least one of `accountIds` and `principalArns` is required.
   *
   * @default - any account of the organization, narrowed by `principalArns`
   */
  readonly accountIds?: string[];

  /**
   * The IAM roles that may read (`aws:PrincipalArn`, matched with `ArnLike`), e.g.
   * `arn:aws:iam::333333333333:role/SecurityTooling`. At least one of `accountIds` and
   * `principalArns` is required.
   *
   * @default - any principal of `accountIds`
   */
  readonly principalArns?: string[];
}

/**
 * What `LogArchive.grantOrganizationRead()` added, for tests and for policies that must mirror
 * it (e.g. the readers' own IAM policies): the bucket policy statements and the key policy
 * statements, in the order they were added.
 */
export interface OrganizationReadGrant {
  /** `OrganizationReadBucket` (`s3:ListBucket`, `s3:GetBucketLocation`) and `OrganizationReadObjects` (`s3:GetObject`, `s3:GetObjectVersion`), with a numeric suffix from the second grant on. */
  readonly bucketStatements: PolicyStatement[];
  /** `OrganizationReadDecryptLogFiles` and `OrganizationReadDecryptWithS3BucketKey` (`kms:Decrypt` of this archive's log files only). */
  readonly keyStatements: PolicyStatement[];
}
