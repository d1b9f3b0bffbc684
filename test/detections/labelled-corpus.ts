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
