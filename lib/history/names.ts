/** Default names of `ArchiveQueries` (internal module: the construct, the `sql` command and the docs read them). */

/** The Glue database. */
export const DEFAULT_DATABASE_NAME = 'cloudtrail_archive';
/** The Glue table. */
export const DEFAULT_TABLE_NAME = 'cloudtrail';
