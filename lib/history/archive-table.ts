/**
 * The Glue table over a CloudTrail log archive: the Athena user guide's CloudTrail table, with
 * partition projection on account, region and delivery day.
 *
 * Internal module of `ArchiveQueries`.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
 */
import { CfnTable } from 'aws-cdk-lib/aws-glue';
import { CLOUDTRAIL_COLUMNS, hiveType } from '../filter-pattern/cloudtrail-columns';

/** Where the log files lie and what the projection enumerates. */
export interface ArchiveTableLayout {
  readonly bucketName: string;
  /** The trail's S3 key prefix, without leading or trailing `/`. */
  readonly s3KeyPrefix?: string;
  /** `o-...` for the organization layout (`AWSLogs/<o-org>/<account>/...`); none for the account layout. */
  readonly organizationId?: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** `yyyy/MM/dd`. */
  readonly startDate: string;
}

/** The S3 location the table reads under: `s3://<bucket>/[<prefix>/]AWSLogs/[<o-org>/]`. */
export function archiveLocation(layout: ArchiveTableLayout): string {
  const prefix = layout.s3KeyPrefix ? `${layout.s3KeyPrefix}/` : '';
  const org = layout.organizationId ? `${layout.organizationId}/` : '';
  return `s3://${layout.bucketName}/${prefix}AWSLogs/${org}`;
}

/**
 * The table's `TableInput`. The location template reaches the `CloudTrail/` folders only: the digest
 * files (`CloudTrail-Digest/`) and anything else under `AWSLogs/` are never read.
 */
export function archiveTableInput(name: string, description: string, layout: ArchiveTableLayout): CfnTable.TableInputProperty {
  const location = archiveLocation(layout);
  return {
    name,
    description,
    tableType: 'EXTERNAL_TABLE',
    parameters: {
      'EXTERNAL': 'TRUE',
      'classification': 'cloudtrail',
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': layout.accounts.join(','),
      'projection.region.type': 'enum',
      'projection.region.values': layout.regions.join(','),
      'projection.timestamp.type': 'date',
      'projection.timestamp.format': 'yyyy/MM/dd',
      'projection.timestamp.range': `${layout.startDate},NOW`,
      'projection.timestamp.interval': '1',
      'projection.timestamp.interval.unit': 'DAYS',
      'storage.location.template': `${location}\${account}/CloudTrail/\${region}/\${timestamp}`,
    },
    partitionKeys: [
      { name: 'account', type: 'string', comment: 'the account the log file is for (the AWSLogs/[<o-org>/]<account>/ folder)' },
      { name: 'region', type: 'string', comment: 'the region folder of the log file' },
      { name: 'timestamp', type: 'string', comment: 'the delivery day folder, yyyy/MM/dd: filter on it to bound the bytes scanned' },
    ],
    storageDescriptor: {
      location,
      inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      serdeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
      columns: CLOUDTRAIL_COLUMNS.map((c) => ({ name: c.name, type: hiveType(c) })),
    },
  };
}
