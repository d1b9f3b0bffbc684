// Checks and renders DataEventFilters (DataEvents.filter()). Internal: not exported from any barrel.
import { Token } from 'aws-cdk-lib';
import { DataEventFilters } from './data-event-filters';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';

/** The field selectors of the filters (none for empty filters). */
export interface RenderedDataEventFilters {
  readonly fields: Array<{ field: string; equalTo?: string[]; notEquals?: string[]; startsWith?: string[]; notStartsWith?: string[] }>;
  /** For the selector name, e.g. `2 operations`. */
  readonly description: string;
}

// An AdvancedFieldSelector value is at most 2,048 characters (CloudFormation AWS::CloudTrail::Trail AdvancedFieldSelector).
const MAX_VALUE_LENGTH = 2048;
const EVENT_NAME = /^[A-Za-z0-9]{1,128}$/;

/**
 * Checks the filters and renders them as field selectors.
 *
 * @param property where the filters were given, e.g. `DataEvents.s3AllBuckets().filter`
 * @throws CloudTrailBaselineError naming the filter, when a list is empty or repeats a value, an
 * event name or ARN prefix is malformed, or both `eventNames` and `excludeEventNames` are given
 */
export function renderDataEventFilters(property: string, filters: DataEventFilters): RenderedDataEventFilters {
  checkProps(property, filters, schemas.DataEventFilters());
  const fields: RenderedDataEventFilters['fields'] = [];
  const parts: string[] = [];
  const list = (name: keyof DataEventFilters, check: RegExp, form: string) => checkedValues(`${property}.${name}`, filters[name] as string[] | undefined, check, form);
  const names = list('eventNames', EVENT_NAME, 'API operation names such as PutObject');
  const notNames = list('excludeEventNames', EVENT_NAME, 'API operation names such as GetObject');
  if (names && notNames) {
    throw new CloudTrailBaselineError(`${property}.excludeEventNames`, 'cannot be given with eventNames: name the operations to log, or those to leave out');
  }
  if (names) { fields.push({ field: 'eventName', equalTo: names }); parts.push(`${names.length} operation${names.length === 1 ? '' : 's'}`); }
  if (notNames) { fields.push({ field: 'eventName', notEquals: notNames }); parts.push(`${notNames.length} operation${notNames.length === 1 ? '' : 's'} excluded`); }
  const principals = userIdentityArnField(property, filters.userIdentityArnPrefixes, filters.excludeUserIdentityArnPrefixes);
  if (principals) {
    fields.push(principals);
    parts.push(filters.userIdentityArnPrefixes ? 'some principals' : 'principals excluded');
  }
  if (filters.sessionCredentialFromConsole !== undefined) {
    fields.push({ field: 'sessionCredentialFromConsole', equalTo: [String(filters.sessionCredentialFromConsole)] });
    parts.push(filters.sessionCredentialFromConsole ? 'console sessions' : 'no console sessions');
  }
  if (fields.length === 0) throw new CloudTrailBaselineError(property, 'names no filter: leave filter() out to log every data event of the selection');
  return { fields, description: parts.join(', ') };
}

/**
 * The `userIdentity.arn` field selector (`StartsWith` / `NotStartsWith`), which trails accept for data
 * and network activity events; undefined when neither list is given.
 *
 * @param property the options' property, e.g. `NetworkActivityEvents.all.options`
 */
export function userIdentityArnField(property: string, prefixes: string[] | undefined, excludePrefixes: string[] | undefined):
{ field: string; startsWith?: string[]; notStartsWith?: string[] } | undefined {
  const form = 'ARN prefixes (arn:<partition>:...)';
  const include = checkedValues(`${property}.userIdentityArnPrefixes`, prefixes, ARN_PREFIX, form);
  const exclude = checkedValues(`${property}.excludeUserIdentityArnPrefixes`, excludePrefixes, ARN_PREFIX, form);
  if (!include && !exclude) return undefined;
  return { field: 'userIdentity.arn', ...(include ? { startsWith: include } : {}), ...(exclude ? { notStartsWith: exclude } : {}) };
}

const ARN_PREFIX = /^arn:[a-z0-9-]+:/;

/** A filter list: undefined, or at least one value, none twice, each literal one well-formed. */
function checkedValues(property: string, values: string[] | undefined, check: RegExp, form: string): string[] | undefined {
  if (values === undefined) return undefined;
  if (values.length === 0) throw new CloudTrailBaselineError(property, 'must hold at least one value (CloudTrail refuses empty condition lists); leave it out instead');
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new CloudTrailBaselineError(property, `lists '${v}' more than once`);
    seen.add(v);
    if (!Token.isUnresolved(v) && (!check.test(v) || v.length > MAX_VALUE_LENGTH)) {
      throw new CloudTrailBaselineError(property, `must hold ${form} (got '${v}')`);
    }
  }
  return [...values];
}
