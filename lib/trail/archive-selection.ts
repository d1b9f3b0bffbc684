// The archive's own buckets in S3 data events (internal: not exported from the package).
import { Stack, Token } from 'aws-cdk-lib';
import type { DataEvents } from './event-selectors';
import type { ILogArchive } from '../log-archive/ilog-archive';
import { CloudTrailBaselineError } from '../private/errors';

/**
 * S3 data events must not select the archive's own buckets (a feedback loop: the trail logs its own
 * deliveries). `DataEvents` compares literal names; this also catches the archive's buckets named by
 * token (`archive.bucket.bucketName` of a generated name), compared by what they resolve to in this
 * stack, i.e. by the bucket they refer to.
 */
export function checkArchiveNotSelected(archive: ILogArchive, dataEvents: DataEvents[] | undefined, stack: Stack, property: string): void {
  const key = (name: string) => (Token.isUnresolved(name) ? JSON.stringify(stack.resolve(name)) : name);
  // The archive's own buckets, through its interface: the bucket by name, the others by ARN (a
  // bucket's `Fn::GetAtt Arn` is the ARN of the bucket whose name is its `Ref`).
  const archiveKeys = new Set([key(archive.bucket.bucketName)]);
  for (const arn of archive.archiveBucketArns()) {
    if (!Token.isUnresolved(arn)) continue;
    const resolved = stack.resolve(arn);
    const getAtt = resolved?.['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt.length === 2 && getAtt[1] === 'Arn') archiveKeys.add(JSON.stringify({ Ref: getAtt[0] }));
  }
  (dataEvents ?? []).forEach((entry, i) => {
    for (const name of entry?._spec?.s3BucketNames ?? []) {
      if (Token.isUnresolved(name) && archiveKeys.has(key(name))) {
        throw new CloudTrailBaselineError(`${property}[${i}]`,
          `${entry._spec.factory} names a bucket of the log archive (logArchive): logging it would make the trail log its own deliveries, `
          + 'a feedback loop (Landing Zone Accelerator #1192). The archive\'s buckets are always excluded from S3 data events; leave them out');
      }
    }
  });
}
