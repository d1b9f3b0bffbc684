/**
 * The columns of the Athena table over CloudTrail log files, as the Athena user guide defines it
 * ("Create the table for CloudTrail logs in Athena using partition projection"), with, for each column,
 * the CloudTrail record field it is read from (case sensitive, as filter patterns are) and how the
 * table holds it.
 *
 * The table reads the files with `com.amazon.emr.cloudtrail.CloudTrailInputFormat` and
 * `org.apache.hive.hcatalog.data.JsonSerDe`: column names are lower case and matched to the record's
 * keys whatever their case; `STRING` columns hold a JSON string as is, a number or boolean as its text
 * (`readOnly` = `'true'`) and an object as its JSON text (`requestparameters`); a field that is missing
 * and a field set to `null` are both SQL `NULL`.
 *
 * Internal module: the SQL compiler (./sql) and the Glue table (lib/history) read it.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */

/** How a column (or a struct field) holds its record field. */
export enum ColumnKind {
  /** A JSON string in the records: `STRING`. */
  STRING = 'string',
  /** A JSON boolean in the records (`readOnly`): `STRING` holding `'true'` or `'false'`. */
  BOOLEAN = 'boolean',
  /** A JSON object in the records (`requestParameters`): `STRING` holding its JSON text. */
  JSON_TEXT = 'json-text',
  /** A JSON object with known fields: `STRUCT<...>`. */
  STRUCT = 'struct',
  /** A JSON array of objects with known fields: `ARRAY<STRUCT<...>>`. */
  ARRAY_OF_STRUCT = 'array-of-struct',
  /** A JSON object of string values: `MAP<STRING,STRING>`. */
  MAP = 'map',
}

/** One column, or one field of a struct column. */
export interface Column {
  /** The record field's key, exactly as CloudTrail writes it (e.g. `sourceIPAddress`, `ARN`). */
  readonly field: string;
  /** The column or struct field name in the table (lower case). */
  readonly name: string;
  readonly kind: ColumnKind;
  /** The fields of a STRUCT, or of the elements of an ARRAY_OF_STRUCT. */
  readonly fields?: readonly Column[];
  /**
   * Whether CloudTrail writes the field as `null` (not only omits it): `NOT EXISTS` and `IS NULL`
   * cannot be told apart on such a column (both are SQL NULL).
   */
  readonly writtenAsNull?: boolean;
}

const s = (field: string): Column => ({ field, name: field.toLowerCase(), kind: ColumnKind.STRING });
const json = (field: string, writtenAsNull = false): Column => ({ field, name: field.toLowerCase(), kind: ColumnKind.JSON_TEXT, writtenAsNull });
const struct = (field: string, fields: Column[]): Column => ({ field, name: field.toLowerCase(), kind: ColumnKind.STRUCT, fields });

/** The table's columns, in the guide's order (partition columns excluded). */
export const CLOUDTRAIL_COLUMNS: readonly Column[] = [
  s('eventVersion'),
  struct('userIdentity', [
    s('type'), s('principalId'), s('arn'), s('accountId'), s('invokedBy'), s('accessKeyId'), s('userName'),
    struct('onBehalfOf', [s('userId'), s('identityStoreArn')]),
    struct('sessionContext', [
      struct('attributes', [s('mfaAuthenticated'), s('creationDate')]),
      struct('sessionIssuer', [s('type'), s('principalId'), s('arn'), s('accountId'), s('userName')]),
      s('ec2RoleDelivery'),
      struct('webIdFederationData', [
        s('federatedProvider'),
        { field: 'attributes', name: 'attributes', kind: ColumnKind.MAP },
      ]),
    ]),
  ]),
  s('eventTime'),
  s('eventSource'),
  s('eventName'),
  s('awsRegion'),
  s('sourceIPAddress'),
  s('userAgent'),
  s('errorCode'),
  s('errorMessage'),
  json('requestParameters', true),
  json('responseElements', true),
  json('additionalEventData', true),
  s('requestID'),
  s('eventID'),
  { field: 'readOnly', name: 'readonly', kind: ColumnKind.BOOLEAN },
  {
    field: 'resources',
    name: 'resources',
    kind: ColumnKind.ARRAY_OF_STRUCT,
    writtenAsNull: true,
    fields: [{ field: 'ARN', name: 'arn', kind: ColumnKind.STRING }, s('accountId'), s('type')],
  },
  s('eventType'),
  s('apiVersion'),
  s('recipientAccountId'),
  json('serviceEventDetails', true),
  s('sharedEventID'),
  s('vpcEndpointId'),
  s('vpcEndpointAccountId'),
  s('eventCategory'),
  struct('addendum', [s('reason'), s('updatedFields'), s('originalRequestID'), s('originalEventID')]),
  s('sessionCredentialFromConsole'),
  json('edgeDeviceDetails', true),
  struct('tlsDetails', [s('tlsVersion'), s('cipherSuite'), s('clientProvidedHostHeader')]),
];

/** The Hive type of a column, as Glue and the guide's DDL write it (e.g. `struct<type:string,...>`). */
export function hiveType(column: Column): string {
  switch (column.kind) {
    case ColumnKind.STRUCT:
      return `struct<${(column.fields ?? []).map((f) => `${f.name}:${hiveType(f)}`).join(',')}>`;
    case ColumnKind.ARRAY_OF_STRUCT:
      return `array<struct<${(column.fields ?? []).map((f) => `${f.name}:${hiveType(f)}`).join(',')}>>`;
    case ColumnKind.MAP:
      return 'map<string,string>';
    default:
      return 'string';
  }
}
