import * as fs from 'fs';
import * as path from 'path';
import { Detection } from '../../lib';
import { CATEGORY_DETECTION } from '../../test/detections/labelled-corpus';

/**
 * Real CloudTrail records of the test fixtures (test/fixtures/cloudtrail-events: copied unchanged
 * from public Apache-2.0 repositories, see its README.md, NOTICE.md and SOURCES.tsv) and the two
 * synthetic records of test/fixtures/synthetic-events (the only console authentication failure).
 */
const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');
const CORPORA = ['cloudtrail-events', 'synthetic-events'];

/** File-name hint of each category (`<hint>-NEG` marks a record picked as a near miss for it). */
const CATEGORY_HINT: Record<string, string> = {
  root_usage: 'root_usage',
  unauthorized_api_calls: 'unauthorized',
  console_signin_without_mfa: 'console_nomfa',
  iam_policy_changes: 'iam_policy',
  cloudtrail_config_changes: 'cloudtrail_cfg',
  console_auth_failures: 'console_auth_failure',
  cmk_disable_or_deletion: 'kms_cmk',
  s3_bucket_policy_changes: 's3_policy',
  config_changes: 'config',
  security_group_changes: 'secgroup',
  nacl_changes: 'nacl',
  network_gateway_changes: 'gateway',
  route_table_changes: 'route_table',
  vpc_changes: 'vpc',
  organizations_changes: 'organizations',
};

interface LabelledRecord {
  readonly file: string;
  readonly categories: string[];
  readonly record: { eventSource?: string; [key: string]: unknown };
  /** The record as one line of JSON: what CloudTrail writes to CloudWatch Logs. */
  readonly message: string;
}

let corpus: LabelledRecord[] | undefined;

function loadCorpus(): LabelledRecord[] {
  if (corpus) return corpus;
  corpus = CORPORA.flatMap((name) => {
    const dir = path.join(FIXTURES, name);
    return fs.readFileSync(path.join(dir, 'LABELS.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [file, categories] = line.split('\t');
        const record = JSON.parse(fs.readFileSync(path.join(dir, 'events', file), 'utf8'));
        return { file, categories: categories === 'none' ? [] : categories.split(','), record, message: JSON.stringify(record) };
      });
  }).sort((a, b) => a.file.localeCompare(b.file));
  return corpus;
}

/**
 * Detections outside the labelled corpus, tested with records of their own fixture folder: the network
 * activity events of test/fixtures/network-activity-events (built from the CloudTrail User Guide's
 * documented shape, see its README.md), denials as positives and allowed calls as near misses.
 */
const OWN_FIXTURES: Record<string, { readonly dir: string; readonly positive: RegExp; readonly nearMiss: RegExp }> = {
  'Baseline.VpcEndpointAccessDenied': { dir: 'network-activity-events', positive: /-vpce-denied\.json$/, nearMiss: /-allowed\.json$/ },
};

function ownFixtureEvents(detection: Detection, own: typeof OWN_FIXTURES[string], max: number): DetectionEvents {
  const dir = path.join(FIXTURES, own.dir);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const load = (f: string) => ({ file: f, record: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) });
  const positives = files.filter((f) => own.positive.test(f)).map(load).filter((r) => detection.matches(r.record)).slice(0, max);
  const nearMisses = files.filter((f) => own.nearMiss.test(f)).map(load).filter((r) => !detection.matches(r.record)).slice(0, max);
  if (positives.length === 0 || nearMisses.length === 0) {
    throw new Error(`integ: detection ${detection.id} has ${positives.length} positive(s) and ${nearMisses.length} near miss(es) in ${own.dir}; it needs at least one of each`);
  }
  return {
    positives: positives.map((r) => JSON.stringify(r.record)),
    nearMisses: nearMisses.map((r) => JSON.stringify(r.record)),
    files: [...positives, ...nearMisses].map((r) => r.file),
  };
}

/** The events a detection is tested with in a deployed account, by CloudWatch Logs itself. */
export interface DetectionEvents {
  /** CloudTrail records (one-line JSON) the detection must match. */
  readonly positives: string[];
  /** CloudTrail records (one-line JSON) close to the detection that it must not match. */
  readonly nearMisses: string[];
  /** Fixture file names, positives then near misses (for the report of a failure). */
  readonly files: string[];
}

/**
 * Picks, for a catalog detection, up to `max` real records of its LABELS.tsv category that the
 * offline evaluator (`Detection.matches`) says it matches, and up to `max` near misses: records
 * picked as near misses for the category (`<hint>-NEG` file names), then records of a positive's
 * event source outside the category, then benign records. The deployed `TestMetricFilter` call then checks that
 * CloudWatch Logs agrees with the offline evaluator on both.
 *
 * Deterministic (files in name order), so the integ snapshots are the same on every machine.
 *
 * @throws Error when the detection is not in the catalog map or has no positive or near miss
 */
export function detectionEvents(detection: Detection, max = 3): DetectionEvents {
  const own = OWN_FIXTURES[detection.id];
  if (own !== undefined) return ownFixtureEvents(detection, own, max);
  const category = Object.keys(CATEGORY_DETECTION).find((c) => CATEGORY_DETECTION[c] === detection.id);
  if (category === undefined) {
    throw new Error(`integ: no fixture category for detection ${detection.id}; add it to CATEGORY_DETECTION`);
  }
  const records = loadCorpus();
  const positives = records
    .filter((r) => r.categories.includes(category) && detection.matches(r.record))
    .slice(0, max);
  const sources = new Set(positives.map((r) => r.record.eventSource));
  const outside = records.filter((r) => !r.categories.includes(category) && !detection.matches(r.record));
  const hinted = outside.filter((r) => r.file.includes(`_${CATEGORY_HINT[category]}-NEG__`));
  const sameSource = outside.filter((r) => !hinted.includes(r) && sources.has(r.record.eventSource));
  // Last resort (CloudWatch.7: the fixtures hold no other KMS call): ordinary benign activity.
  const benign = outside.filter((r) => r.file.includes('_benign__'));
  const nearMisses = [...hinted, ...sameSource, ...benign].slice(0, max);
  if (positives.length === 0 || nearMisses.length === 0) {
    throw new Error(`integ: detection ${detection.id} has ${positives.length} positive(s) and ${nearMisses.length} near miss(es) in the fixtures; it needs at least one of each`);
  }
  return {
    positives: positives.map((r) => r.message),
    nearMisses: nearMisses.map((r) => r.message),
    files: [...positives, ...nearMisses].map((r) => r.file),
  };
}
