/**
 * Loads CloudTrail records into an embedded DuckDB table shaped like the Athena user guide's CloudTrail
 * table (lib/filter-pattern/cloudtrail-columns.ts), read the way Athena's JsonSerDe reads the log files:
 * keys matched whatever their case, STRING columns holding strings as is, numbers and booleans as their
 * text, objects as their JSON text, and missing and null fields alike as NULL. Each row also keeps the
 * whole record as JSON text (`record`) and its name (`id`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CLOUDTRAIL_COLUMNS, Column, ColumnKind } from '../../lib/filter-pattern/cloudtrail-columns';

/** A record and its name. */
export interface NamedRecord {
  readonly id: string;
  readonly record: unknown;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : obj[key];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function cell(column: Column, value: unknown): unknown {
  switch (column.kind) {
    case ColumnKind.STRUCT:
      return isObject(value) ? row(column.fields ?? [], value) : null;
    case ColumnKind.ARRAY_OF_STRUCT:
      return Array.isArray(value) ? value.map((e) => (isObject(e) ? row(column.fields ?? [], e) : null)) : null;
    case ColumnKind.MAP:
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)])) : null;
    default:
      return text(value);
  }
}

function row(columns: readonly Column[], obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c.name, cell(c, field(obj, c.name))]));
}

function duckType(column: Column): string {
  switch (column.kind) {
    case ColumnKind.STRUCT:
      return `STRUCT(${(column.fields ?? []).map((f) => `"${f.name}" ${duckType(f)}`).join(', ')})`;
    case ColumnKind.ARRAY_OF_STRUCT:
      return `STRUCT(${(column.fields ?? []).map((f) => `"${f.name}" ${duckType(f)}`).join(', ')})[]`;
    case ColumnKind.MAP:
      return 'MAP(VARCHAR, VARCHAR)';
    default:
      return 'VARCHAR';
  }
}

/** An in-memory DuckDB with the records in table `cloudtrail`. */
export async function loadRecords(records: readonly NamedRecord[]): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-equivalence-'));
  const file = path.join(dir, 'rows.ndjson');
  fs.writeFileSync(file, records.map((r) => JSON.stringify({
    id: r.id,
    record: JSON.stringify(r.record),
    ...(isObject(r.record) ? row(CLOUDTRAIL_COLUMNS, r.record) : {}),
  })).join('\n') + '\n');
  const columns = [
    "'id': 'VARCHAR'", "'record': 'VARCHAR'",
    ...CLOUDTRAIL_COLUMNS.map((c) => `'${c.name}': '${duckType(c)}'`),
  ].join(', ');
  await connection.run(`CREATE TABLE cloudtrail AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${columns}})`);
  fs.rmSync(dir, { recursive: true, force: true });
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); } };
}

/** The ids of the rows the predicate selects, sorted. */
export async function select(connection: DuckDBConnection, predicate: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`SELECT id FROM cloudtrail WHERE ${predicate} ORDER BY id`);
  return reader.getRowObjects().map((r) => String(r.id));
}
