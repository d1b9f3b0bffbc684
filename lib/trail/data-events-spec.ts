// What a `DataEvents` factory selected, and the checks of `ReadWriteType` values: shared by the
// public types (`./event-selectors`) and their rendering (`./event-selection`), which import
// this file and not each other. Internal: not exported from any barrel.
import { ReadWriteType } from 'aws-cdk-lib/aws-cloudtrail';
import type { RenderedDataEventFilters } from './data-event-filter-fields';
import { CloudTrailBaselineError } from '../private/errors';

/** What a `DataEvents` factory selected (its `_spec`). */
export interface DataEventsSpec {
  /** The factory, for messages, e.g. `DataEvents.s3Buckets`. */
  readonly factory: string;
  readonly kind: 's3' | 'lambda' | 'dynamodb';
  /** The `resources.type` value. */
  readonly resourceType: string;
  /** Never `NONE`. */
  readonly readWriteType: ReadWriteType;
  /** For the selector name. */
  readonly description: string;
  /** S3: the named buckets (one with `s3Prefixes`); undefined = every bucket. */
  readonly s3BucketNames?: string[];
  /** S3: key prefixes within `s3BucketNames[0]`. */
  readonly s3Prefixes?: string[];
  /** Lambda / DynamoDB: the ARNs; undefined = every function / table. */
  readonly arns?: string[];
  /** The field selectors of `DataEvents.filter()`, if any. */
  readonly filters?: RenderedDataEventFilters;
}

/** What a `NetworkActivityEvents` factory selected (its `_spec`). */
export interface NetworkActivityEventsSpec {
  readonly factory: string;
  readonly eventSources: string[];
  readonly deniedOnly: boolean;
  readonly vpcEndpointIds?: string[];
  /** The `userIdentity.arn` field selector, if any. */
  readonly userIdentityArnField?: { field: string; startsWith?: string[]; notStartsWith?: string[] };
}

/** The names of the `ReadWriteType` values, for messages. */
export function readWriteTypeName(value: ReadWriteType): string {
  switch (value) {
    case ReadWriteType.READ_ONLY: return 'ReadWriteType.READ_ONLY';
    case ReadWriteType.WRITE_ONLY: return 'ReadWriteType.WRITE_ONLY';
    case ReadWriteType.ALL: return 'ReadWriteType.ALL';
    case ReadWriteType.NONE: return 'ReadWriteType.NONE';
    default: return `'${value}'`;
  }
}

/** Throws unless the value is one of the `ReadWriteType` values (jsii callers can pass any string). */
export function checkReadWriteTypeValue(property: string, value: ReadWriteType): void {
  if (!(Object.values(ReadWriteType) as string[]).includes(value)) {
    throw new CloudTrailBaselineError(property,
      `must be a ReadWriteType (READ_ONLY, WRITE_ONLY, ALL or NONE); got ${readWriteTypeName(value)}`);
  }
}
