/**
 * Expected detection results computed from the fixture LABELS.tsv (the labels were written by hand
 * from each record's content, see test/fixtures/cloudtrail-events/README.md), not by the replay
 * code or the filter pattern evaluator.
 */
import { LabelledRecord } from './helpers';
import { CATEGORY_DETECTION } from '../detections/labelled-corpus';

export { CATEGORY_DETECTION };

/**
 * Records labelled `console_signin_without_mfa` (the broad CIS definition) that Security Hub
 * CloudWatch.3 does not count (root, federated / SSO or failed sign-ins): the list and reasons are
 * in test/detections/catalog-corpus.test.ts (CLOUDWATCH_3_EXCLUDED), read off the labels' notes.
 */
export const CLOUDWATCH_3_EXCLUDED = new Set([
  '012_root_usage__panther_ConsoleLogin.json',
  '013_root_usage__panther_ConsoleLogin.json',
  '014_root_usage__panther_ConsoleLogin.json',
  '050_console_nomfa__panther_ConsoleLogin.json',
  '051_console_nomfa__panther_ConsoleLogin.json',
  '052_console_nomfa__panther_ConsoleLogin.json',
  '054_console_nomfa__panther_ConsoleLogin.json',
  '056_console_nomfa__panther_ConsoleLogin.json',
]);

/** The records each detection should match, by detection ID. */
export function expectedMatches(records: LabelledRecord[]): Map<string, LabelledRecord[]> {
  const byDetection = new Map<string, LabelledRecord[]>(Object.values(CATEGORY_DETECTION).map((id) => [id, []]));
  for (const r of records) {
    for (const category of r.categories) {
      const id = CATEGORY_DETECTION[category];
      if (id === undefined) throw new Error(`${r.file}: unknown category ${category}`);
      if (id === 'CloudWatch.3' && CLOUDWATCH_3_EXCLUDED.has(r.file)) continue;
      byDetection.get(id)!.push(r);
    }
  }
  return byDetection;
}

/** The top `n` values of `key` over `records` with their counts, most frequent first, ties by name. */
export function topCounts(records: LabelledRecord[], key: (record: any) => string, n = 5): { name: string; count: number }[] {
  const counts: Record<string, number> = {};
  for (const r of records) counts[key(r.record)] = (counts[key(r.record)] ?? 0) + 1;
  return Object.entries(counts)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n);
}
