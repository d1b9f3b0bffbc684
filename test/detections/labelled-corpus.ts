/**
 * Loads the labelled CloudTrail records of test/fixtures (real: cloudtrail-events; hand-written:
 * synthetic-events), checking that each corpus's events/ folder and LABELS.tsv list the same files.
 * Shared by the corpus tests of the catalog's defaults and variants.
 */
import * as fs from 'fs';
import * as path from 'path';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The corpora, real first. */
export const CORPORA = ['cloudtrail-events', 'synthetic-events'];

/** One CloudTrail record of a corpus, with its LABELS.tsv row. */
export interface LabelledRecord {
  readonly corpus: string;
  readonly file: string;
  /** The LABELS.tsv categories (empty for `none`). */
  readonly categories: string[];
  readonly notes: string;
  /** The parsed CloudTrail record. */
  readonly record: any;
}

/** The records of one corpus, in LABELS.tsv order. */
export function loadCorpus(corpus: string): LabelledRecord[] {
  const dir = path.join(FIXTURES, corpus);
  const labels = fs.readFileSync(path.join(dir, 'LABELS.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
  const files = fs.readdirSync(path.join(dir, 'events')).filter((f) => f.endsWith('.json')).sort();
  const labelled = labels.map((cols) => cols[0]).sort();
  if (JSON.stringify(files) !== JSON.stringify(labelled)) {
    throw new Error(`${corpus}: events/ and LABELS.tsv list different files`);
  }
  return labels.map(([file, categories, notes]) => ({
    corpus,
    file,
    categories: categories === 'none' ? [] : categories.split(','),
    notes,
    record: JSON.parse(fs.readFileSync(path.join(dir, 'events', file), 'utf8')),
  }));
}

/** Every record of every corpus. */
export function loadAllCorpora(): LabelledRecord[] {
  return CORPORA.flatMap(loadCorpus);
}

/**
 * LABELS.tsv category → the catalog detection (by ID) that implements its CIS definition. Shared by
 * the corpus test, the replay tests and the integration tests' TestMetricFilter records.
 */
export const CATEGORY_DETECTION: Record<string, string> = {
  root_usage: 'CloudWatch.1',
  unauthorized_api_calls: 'CloudWatch.2',
  console_signin_without_mfa: 'CloudWatch.3',
  iam_policy_changes: 'CloudWatch.4',
  cloudtrail_config_changes: 'CloudWatch.5',
  console_auth_failures: 'CloudWatch.6',
  cmk_disable_or_deletion: 'CloudWatch.7',
  s3_bucket_policy_changes: 'CloudWatch.8',
  config_changes: 'CloudWatch.9',
  security_group_changes: 'CloudWatch.10',
  nacl_changes: 'CloudWatch.11',
  network_gateway_changes: 'CloudWatch.12',
  route_table_changes: 'CloudWatch.13',
  vpc_changes: 'CloudWatch.14',
  organizations_changes: 'CIS.4.15',
};
