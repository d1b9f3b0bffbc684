/**
 * `cdk-cloudtrail-baseline sql <detection id | filter pattern>`: the SQL predicate (or, with `--query`,
 * the whole query) a catalog detection or a filter pattern compiles to, for Athena or DuckDB
 * (lib/filter-pattern/sql.ts; the queries of lib/history/queries.ts).
 *
 * Internal module of the command line: not public API.
 */
import { PROGRAM } from './args';
import { Detections } from '../detections';
import { SqlDialect, sqlIdentifier } from '../filter-pattern/sql';
import { DEFAULT_DATABASE_NAME, DEFAULT_TABLE_NAME } from '../history/names';
import { detectionPredicate, detectionQuery } from '../history/queries';

/** Usage of `sql`. */
export const SQL_USAGE = `Usage: ${PROGRAM} sql [options] <detection id | filter pattern>

Prints the SQL predicate that selects exactly the CloudTrail records a catalog detection's filter
pattern (e.g. CloudWatch.1, CIS.4.1) or a JSON filter pattern ('{ $.eventName = "ConsoleLogin" }')
matches, over the CloudTrail table of the Athena user guide (ArchiveQueries creates it).

Options:
  --dialect <athena|duckdb>  The SQL dialect (default: athena, engine version 3)
  --query                    Print the whole query (columns, table, window, predicate) instead of the predicate
  --table <name>             The table of --query, as name or database.name
                             (default: ${DEFAULT_DATABASE_NAME}.${DEFAULT_TABLE_NAME} for athena, cloudtrail for duckdb)
  -h, --help                 Print this help

Exit codes: 0 success; 1 the pattern cannot be expressed in SQL (the reason is printed); 2 bad usage
or a pattern that does not parse.
`;

/** Where `sql` writes. */
interface SqlIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Runs `sql` with the arguments after the command name; returns the exit code. */
export function sqlCommand(argv: readonly string[], io: SqlIo): number {
  let dialect = SqlDialect.ATHENA;
  let query = false;
  let table: string | undefined;
  const subjects: string[] = [];
  const usage = (message: string) => {
    io.stderr.write(`${PROGRAM} sql: ${message}\n\n${SQL_USAGE}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      io.stdout.write(SQL_USAGE);
      return 0;
    } else if (arg === '--query') {
      query = true;
    } else if (arg === '--dialect' || arg.startsWith('--dialect=')) {
      const value = arg === '--dialect' ? argv[++i] : arg.slice('--dialect='.length);
      if (value !== SqlDialect.ATHENA && value !== SqlDialect.DUCKDB) return usage(`--dialect must be athena or duckdb, got ${JSON.stringify(value ?? '')}`);
      dialect = value;
    } else if (arg === '--table' || arg.startsWith('--table=')) {
      const value = arg === '--table' ? argv[++i] : arg.slice('--table='.length);
      if (value === undefined || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(value)) {
        return usage(`--table needs a name or database.name (letters, digits, '_'), got ${JSON.stringify(value ?? '')}`);
      }
      table = value;
    } else if (arg.startsWith('--')) {
      return usage(`unknown option '${arg}'`);
    } else {
      subjects.push(arg);
    }
  }
  if (subjects.length !== 1) return usage(subjects.length === 0 ? 'no detection id or filter pattern given' : 'give one detection id or one filter pattern (quote the pattern)');
  const subject = subjects[0];
  const detection = subject.trim().startsWith('{')
    ? { id: 'pattern', title: 'custom filter pattern', filterPattern: subject }
    : Detections.everything().find((d) => d.id === subject);
  if (detection === undefined) {
    return usage(`'${subject}' is neither a catalog detection id (${Detections.everything().map((d) => d.id).join(', ')}) nor a filter pattern ('{ ... }')`);
  }
  try {
    if (query) {
      const name = table ?? (dialect === SqlDialect.ATHENA ? `${DEFAULT_DATABASE_NAME}.${DEFAULT_TABLE_NAME}` : 'cloudtrail');
      const quoted = name.split('.').map(sqlIdentifier).join('.');
      io.stdout.write(`${detectionQuery(detection, { dialect, table: quoted }, 'filter pattern').sql}\n`);
    } else {
      io.stdout.write(`${detectionPredicate(detection, dialect, 'filter pattern')}\n`);
    }
    return 0;
  } catch (e) {
    const message = (e as Error).message;
    io.stderr.write(`${PROGRAM} sql: ${message}\n`);
    return message.startsWith('Invalid filter pattern') ? 2 : 1;
  }
}
