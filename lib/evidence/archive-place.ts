// Internal: where a DigestValidator can see an archive's S3 events. Not public API.
import { Stack, Token, TokenComparison } from 'aws-cdk-lib';
import { ILogArchive } from '../log-archive/ilog-archive';
import { CloudTrailBaselineError } from '../private/errors';
import { isConcrete } from '../private/validate';

/**
 * The archive must be in the stack's account and region, where S3 sends its events.
 * @throws CloudTrailBaselineError naming `property` when its known region or account differs
 */
export function checkArchivePlace(property: string, archive: ILogArchive, stack: Stack): void {
  if (isConcrete(archive.region) && isConcrete(stack.region) && archive.region !== stack.region) {
    throw new CloudTrailBaselineError(property,
      `needs the log archive in this stack's region ${stack.region} (got an archive in ${archive.region}): S3 sends its events to the default event bus of the bucket's region. Deploy the DigestValidator with the archive`);
  }
  const bucketAccount = archive.bucket.env.account;
  if (Token.compareStrings(bucketAccount, stack.account) === TokenComparison.DIFFERENT) {
    throw new CloudTrailBaselineError(property,
      `needs the log archive in this stack's account ${stack.account} (got an archive of ${bucketAccount}): S3 sends its events to the default event bus of the bucket's account. Deploy the DigestValidator with the archive`);
  }
}
