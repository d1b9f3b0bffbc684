import { Token } from 'aws-cdk-lib';
import { ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import { renderDataEventFilters } from './data-event-filter-fields';
import { DataEventFilters } from './data-event-filters';
import { checkReadWriteTypeValue, type DataEventsSpec } from './data-events-spec';
import { CloudTrailBaselineError } from '../private/errors';
import { is } from '../private/props-schema';
import { checkBucketName as checkS3BucketName } from '../private/validate';

/**
 * Which management events (control-plane API calls) a trail logs.
 *
 * The trail always renders them as an advanced event selector with `eventCategory = Management`:
 * once a trail has advanced event selectors, CloudTrail logs management events only if such a
 * selector exists.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */
export interface ManagementEventsOptions {
  /**
   * Read events, write events, both, or none.
   *
   * Anything but `ALL` fails Security Hub CloudTrail.1 (AWS Config rule
   * `multi-region-cloudtrail-enabled`: read and write management events) and blinds some of the
   * CIS detections, which the trail reports as warnings. `NONE` logs no management event at all
   * (a data-events-only trail); the trail then needs at least one `dataEvents` entry.
   * `ApiCallRateInsight` needs write events, `ApiErrorRateInsight` read or write events.
   *
   * @default ReadWriteType.ALL
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html#read-write-events-mgmt
   */
  readonly readWriteType?: ReadWriteType;

  /**
   * Leave out AWS KMS management events (`eventSource NotEquals kms.amazonaws.com`), which can be
   * numerous.
   *
   * Costly for the baseline: the CIS detection Security Hub CloudWatch.7 (disabling or scheduled
   * deletion of a KMS key) then never fires, and Security Hub CloudTrail.1 fails (it refuses
   * excluded management event sources). The trail warns when this is true.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-additional-cli-commands.html#configuring-adv-event-selector-exclude
   */
  readonly excludeKmsEvents?: boolean;

  /**
   * Leave out Amazon RDS Data API management events (`eventSource NotEquals
   * rdsdata.amazonaws.com`). Security Hub CloudTrail.1 then fails; the trail warns.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-additional-cli-commands.html#configuring-adv-event-selector-exclude-rds
   */
  readonly excludeRdsDataApiEvents?: boolean;
}

/** The `resources.type` values. */
const RESOURCE_TYPES: Record<DataEventsSpec['kind'], string> = {
  s3: 'AWS::S3::Object',
  lambda: 'AWS::Lambda::Function',
  dynamodb: 'AWS::DynamoDB::Table',
};

// S3 general purpose bucket names: 3-63 lowercase letters, digits, '.' and '-', starting and
// ending with a letter or digit, no '..'.
// The formats CloudTrail requires with Equals / NotEquals on resources.ARN (AdvancedFieldSelector).
const LAMBDA_ARN = /^arn:(aws[a-z-]*):lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;
const DYNAMODB_TABLE_ARN = /^arn:(aws[a-z-]*):dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;
// An S3 object key is at most 1,024 bytes; a prefix is part of a key.
const MAX_PREFIX_LENGTH = 1024;

/**
 * A selection of data events (data-plane operations such as S3 `GetObject`/`PutObject`, Lambda
 * `Invoke`, DynamoDB item reads and writes) for a trail to log. Data events are charged per event.
 *
 * Each selection becomes one advanced event selector (`eventCategory = Data`, `resources.type`,
 * optional `readOnly` and `resources.ARN` conditions). Every selection of S3 data events also
 * excludes the log archive bucket and its access-logs bucket (`resources.ARN NotStartsWith`):
 * otherwise the trail would log its own deliveries, which it then delivers again, a feedback loop
 * (Landing Zone Accelerator issue #1192).
 *
 * Values that are CDK tokens (e.g. `bucket.bucketName`, `fn.functionArn`) are accepted as is;
 * only literal values are checked.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
 */
export class DataEvents {
  /**
   * Object-level events of every S3 general purpose bucket, except the log archive bucket and
   * its access-logs bucket, which are always excluded.
   *
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when `readWriteType` is `NONE`
   */
  public static s3AllBuckets(readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.s3AllBuckets';
    return DataEvents.make(factory, 's3', readWriteType, 'S3 objects in all buckets');
  }

  /**
   * Object-level events of the named S3 buckets (`resources.ARN StartsWith
   * arn:<partition>:s3:::<name>/`). Each bucket is one condition value of the trail's 500.
   *
   * @param bucketNames bucket names (not ARNs); neither the log archive bucket nor its access-logs bucket
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when the list is empty, has duplicates or names that are not S3 bucket names, or `readWriteType` is `NONE`
   */
  public static s3Buckets(bucketNames: string[], readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.s3Buckets';
    checkList(`${factory}.bucketNames`, bucketNames, 'bucket name');
    bucketNames.forEach((name) => checkBucketName(`${factory}.bucketNames`, name));
    return DataEvents.make(factory, 's3', readWriteType, `S3 objects in ${plural(bucketNames.length, 'bucket')}`,
      { s3BucketNames: [...bucketNames] });
  }

  /**
   * Object-level events under key prefixes of one S3 bucket (`resources.ARN StartsWith
   * arn:<partition>:s3:::<bucketName>/<prefix>`). Each prefix is one condition value of the trail's 500.
   *
   * @param bucketName the bucket name (not its ARN); neither the log archive bucket nor its access-logs bucket
   * @param prefixes object key prefixes, 1 to 1,024 characters, e.g. `uploads/`
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when the bucket name is not one, the prefix list is empty, has duplicates or empty or over-long prefixes, or `readWriteType` is `NONE`
   */
  public static s3Prefixes(bucketName: string, prefixes: string[], readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.s3Prefixes';
    checkBucketName(`${factory}.bucketName`, bucketName);
    checkList(`${factory}.prefixes`, prefixes, 'prefix');
    for (const prefix of prefixes) {
      if (!Token.isUnresolved(prefix) && (prefix.length === 0 || prefix.length > MAX_PREFIX_LENGTH)) {
        throw new CloudTrailBaselineError(`${factory}.prefixes`,
          `must hold object key prefixes of 1 to ${MAX_PREFIX_LENGTH} characters (got '${prefix}'); for a whole bucket use DataEvents.s3Buckets()`);
      }
    }
    return DataEvents.make(factory, 's3', readWriteType, `S3 objects under ${plural(prefixes.length, 'prefix', 'prefixes')} of one bucket`,
      { s3BucketNames: [bucketName], s3Prefixes: [...prefixes] });
  }

  /**
   * Invocations (`Invoke`) of every Lambda function.
   *
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when `readWriteType` is `NONE`
   */
  public static lambdaAllFunctions(readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.lambdaAllFunctions';
    return DataEvents.make(factory, 'lambda', readWriteType, 'Lambda invocations of all functions');
  }

  /**
   * Invocations of the given Lambda functions (`resources.ARN Equals`). Each ARN is one condition
   * value of the trail's 500.
   *
   * @param functionArns unqualified function ARNs, `arn:<partition>:lambda:<region>:<account>:function:<name>`
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when the list is empty, has duplicates or literal values of another form, or `readWriteType` is `NONE`
   */
  public static lambdaFunctions(functionArns: string[], readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.lambdaFunctions';
    checkList(`${factory}.functionArns`, functionArns, 'ARN');
    checkArns(`${factory}.functionArns`, functionArns, LAMBDA_ARN,
      'an unqualified Lambda function ARN, arn:<partition>:lambda:<region>:<account>:function:<name>');
    return DataEvents.make(factory, 'lambda', readWriteType, `Lambda invocations of ${plural(functionArns.length, 'function')}`,
      { arns: [...functionArns] });
  }

  /**
   * Item-level events of every DynamoDB table.
   *
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when `readWriteType` is `NONE`
   */
  public static dynamoDbAllTables(readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.dynamoDbAllTables';
    return DataEvents.make(factory, 'dynamodb', readWriteType, 'DynamoDB items of all tables');
  }

  /**
   * Item-level events of the given DynamoDB tables (`resources.ARN Equals`). Each ARN is one
   * condition value of the trail's 500.
   *
   * @param tableArns table ARNs, `arn:<partition>:dynamodb:<region>:<account>:table/<name>`
   * @param readWriteType read events, write events or both; `NONE` is refused. Default: `ReadWriteType.ALL`
   * @throws when the list is empty, has duplicates or literal values of another form, or `readWriteType` is `NONE`
   */
  public static dynamoDbTables(tableArns: string[], readWriteType?: ReadWriteType): DataEvents {
    const factory = 'DataEvents.dynamoDbTables';
    checkList(`${factory}.tableArns`, tableArns, 'ARN');
    checkArns(`${factory}.tableArns`, tableArns, DYNAMODB_TABLE_ARN,
      'a DynamoDB table ARN, arn:<partition>:dynamodb:<region>:<account>:table/<name>');
    return DataEvents.make(factory, 'dynamodb', readWriteType, `DynamoDB items of ${plural(tableArns.length, 'table')}`,
      { arns: [...tableArns] });
  }

  private static make(factory: string, kind: DataEventsSpec['kind'], readWriteType: ReadWriteType | undefined, description: string,
    selection: Pick<DataEventsSpec, 's3BucketNames' | 's3Prefixes' | 'arns'> = {}): DataEvents {
    return new DataEvents({
      factory,
      kind,
      resourceType: RESOURCE_TYPES[kind],
      readWriteType: checkReadWriteType(factory, readWriteType),
      description,
      ...selection,
    });
  }

  /**
   * What the factory selected, for the trail to render.
   *
   * @internal
   */
  public readonly _spec: DataEventsSpec;

  private constructor(spec: DataEventsSpec) {
    this._spec = spec;
  }

  /**
   * The same selection, narrowed by operation, principal or console session (`eventName`,
   * `userIdentity.arn`, `sessionCredentialFromConsole` field selectors): fewer events logged and
   * billed. Each value counts toward the trail's 500 condition values.
   *
   * @param filters the operations, principals or session kind to log (or to leave out)
   * @returns a new `DataEvents`; this one is unchanged
   * @throws when a filter list is empty or repeats a value, a value is malformed, both `eventNames`
   * and `excludeEventNames` are given, no filter is named, or the selection is already filtered
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
   */
  public filter(filters: DataEventFilters): DataEvents {
    const property = `${this._spec.factory}().filter`;
    if (this._spec.filters !== undefined) {
      throw new CloudTrailBaselineError(property, 'is already applied to this selection: give every filter in one filter() call');
    }
    return new DataEvents({ ...this._spec, filters: renderDataEventFilters(property, filters) });
  }
}

function checkReadWriteType(factory: string, value: ReadWriteType | undefined): ReadWriteType {
  const property = `${factory}.readWriteType`;
  if (value === undefined) return ReadWriteType.ALL;
  checkReadWriteTypeValue(property, value);
  if (value === ReadWriteType.NONE) {
    throw new CloudTrailBaselineError(property,
      'must be READ_ONLY, WRITE_ONLY or ALL: NONE would select no data event (leave this DataEvents entry out instead)');
  }
  return value;
}

function checkList(property: string, values: string[], what: string): void {
  is.listOf(is.string)(property, values);
  if (values.length === 0) {
    throw new CloudTrailBaselineError(property, `must hold at least one ${what} (CloudTrail refuses empty condition lists)`);
  }
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      throw new CloudTrailBaselineError(property, `lists '${value}' more than once`);
    }
    seen.add(value);
  }
}

function checkBucketName(property: string, name: string): void {
  is.string(property, name);
  if (Token.isUnresolved(name)) return;
  if (name.startsWith('arn:')) {
    throw new CloudTrailBaselineError(property, `must be a bucket name, not an ARN (got '${name}')`);
  }
  checkS3BucketName(property, name);
}

function checkArns(property: string, arns: string[], pattern: RegExp, form: string): void {
  for (const arn of arns) {
    if (!Token.isUnresolved(arn) && !pattern.test(arn)) {
      throw new CloudTrailBaselineError(property, `must hold ${form} (got '${arn}')`);
    }
  }
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
