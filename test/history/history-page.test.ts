/**
 * docs/history.md's SQL (the table's DDL, every detection's predicate, the investigation queries) is
 * generated from the compiler and ArchiveQueries (test/history/history-page.ts): this test fails when the
 * page is stale, so a change to the catalog, the compiler or the queries that forgets the page fails CI.
 */
import * as fs from 'fs';
import { END_MARKER, HISTORY_PAGE, renderHistory, START_MARKER, withHistory } from './history-page';
import { Detections } from '../../lib/detections';

const page = fs.readFileSync(HISTORY_PAGE, 'utf8');

describe('docs/history.md generated SQL', () => {
  test('holds the markers once each, in order', () => {
    expect(page.split(START_MARKER)).toHaveLength(2);
    expect(page.split(END_MARKER)).toHaveLength(2);
    expect(page.indexOf(START_MARKER)).toBeLessThan(page.indexOf(END_MARKER));
  });

  test('is up to date (regenerate with: npx ts-node --transpile-only test/history/history-page.ts)', () => {
    expect(withHistory(page)).toBe(page);
  });

  test('has every catalog detection, and the table reads the CloudTrail/ folders only', () => {
    const generated = renderHistory();
    for (const d of Detections.everything()) expect(generated).toContain(`#### \`${d.id}\` ${d.title}`);
    expect(generated).toContain("'storage.location.template' = 's3://cloudtrail-archive-111111111111-us-east-1/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'");
  });

  test('would notice a change', () => {
    const stale = page.replace('"useridentity"."type" = \'Root\'', '"useridentity"."type" = \'root\'');
    expect(stale).not.toBe(page);
    expect(withHistory(stale)).toBe(page);
  });

  test('the page carries no hand-written SQL outside the generated part but the usage examples', () => {
    const outside = page.slice(0, page.indexOf(START_MARKER)) + page.slice(page.indexOf(END_MARKER));
    expect(outside.match(/```sql/g) ?? []).toHaveLength(0);
  });
});
