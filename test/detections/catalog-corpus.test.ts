/**
 * Every catalog detection's filter pattern, evaluated with CloudWatch Logs semantics
 * (`Detection.matches`, the `JsonFilterPattern` evaluator), against every CloudTrail record of the
 * fixtures:
 *   - test/fixtures/cloudtrail-events: 111 real records (see its README, LABELS.tsv, NOTICE.md);
 *   - test/fixtures/synthetic-events: 2 hand-written records (see its README).
 *
 * The rule: a record labelled with a category must match that category's detection, and no other
 * record may. The one exception (Security Hub CloudWatch.3 is narrower than the label's CIS
 * definition) is listed explicitly below, with the reason for each record.
 */
import { CATEGORY_DETECTION, LabelledRecord, loadAllCorpora } from './labelled-corpus';
import { Detection, Detections } from '../../lib/detections';

/**
 * Records labelled `console_signin_without_mfa` that Security Hub CloudWatch.3 does NOT count.
 *
 * The label uses the broad CIS definition (`eventName = ConsoleLogin` and `MFAUsed != "Yes"`, any
 * identity, any outcome: CIS v1.4.0 4.2's two-clause text). CloudWatch.3 (CIS v1.2.0 3.2) adds
 * `userIdentity.type = "IAMUser"` and `responseElements.ConsoleLogin = "Success"`. Each entry below
 * was read off the record's LABELS.tsv notes (identity and result), not computed from the pattern,
 * so a pattern or evaluator that drifted would still fail this test.
 */
const CLOUDWATCH_3_EXCLUDED: Record<string, string> = {
  '012_root_usage__panther_ConsoleLogin.json': 'root user sign-in (notes: "by root user, result=Success"): not an IAMUser; CloudWatch.1 covers it',
  '013_root_usage__panther_ConsoleLogin.json': 'root user sign-in that failed (notes: "by root user, result=Failure"): not an IAMUser, not a Success',
  '014_root_usage__panther_ConsoleLogin.json': 'root user sign-in (notes: "by root user, result=Success"): not an IAMUser; CloudWatch.1 covers it',
  '050_console_nomfa__panther_ConsoleLogin.json': 'IAM Identity Center (SSO) sign-in (notes: "the IAMUser-only CIS variant ... would NOT count it")',
  '051_console_nomfa__panther_ConsoleLogin.json': 'SAML-federated sign-in, okta role (notes: "the IAMUser-only CIS variant would NOT count it")',
  '052_console_nomfa__panther_ConsoleLogin.json': 'federated sign-in through an IAM role / external IdP (notes: "the IAMUser-only CIS variant would NOT count it")',
  '054_console_nomfa__panther_ConsoleLogin.json': 'IAM Identity Center (SSO) sign-in (notes: "the IAMUser-only CIS variant would NOT count it")',
  '056_console_nomfa__panther_ConsoleLogin.json': 'IAM user sign-in that failed (notes: "by IAM user, result=Failure"): not a Success',
};

const RECORDS = loadAllCorpora();
const DETECTIONS = Detections.cisAwsFoundations();

function expectedMatch(detection: Detection, record: LabelledRecord): boolean {
  const labelled = record.categories.some((c) => CATEGORY_DETECTION[c] === detection.id);
  if (detection.id === 'CloudWatch.3' && record.file in CLOUDWATCH_3_EXCLUDED) {
    return false;
  }
  return labelled;
}

interface Expectation {
  readonly detectionId: string;
  readonly file: string;
  readonly verb: string;
  readonly detection: Detection;
  readonly record: LabelledRecord;
  readonly expected: boolean;
}

const EXPECTATIONS: Expectation[] = DETECTIONS.flatMap((detection) => RECORDS.map((record) => {
  const expected = expectedMatch(detection, record);
  return {
    detectionId: detection.id,
    file: `${record.corpus}/${record.file}`,
    verb: expected ? 'matches' : 'does not match',
    detection,
    record,
    expected,
  };
}));

describe('the fixtures', () => {
  test('hold the 111 real and 2 synthetic records, each with a label', () => {
    expect(RECORDS.filter((r) => r.corpus === 'cloudtrail-events')).toHaveLength(111);
    expect(RECORDS.filter((r) => r.corpus === 'synthetic-events')).toHaveLength(2);
  });

  test('use only known categories', () => {
    const unknown = RECORDS.flatMap((r) => r.categories).filter((c) => !(c in CATEGORY_DETECTION));
    expect(unknown).toEqual([]);
  });

  test('map every category to a catalog detection', () => {
    expect(Object.values(CATEGORY_DETECTION).sort()).toEqual(DETECTIONS.map((d) => d.id).sort());
  });

  test.each(Object.entries(CLOUDWATCH_3_EXCLUDED))('CloudWatch.3 exclusion %s is labelled console_signin_without_mfa', (file) => {
    const record = RECORDS.find((r) => r.file === file);
    expect(record?.categories).toContain('console_signin_without_mfa');
  });
});

describe('catalog detections against the labelled CloudTrail records', () => {
  test.each(EXPECTATIONS)('$detectionId $verb $file', ({ detection, record, expected }) => {
    expect(detection.matches(record.record)).toBe(expected);
  });

  test.each(DETECTIONS.map((d) => [d.id, d] as const))('%s has at least one positive record', (_id, detection) => {
    const positives = EXPECTATIONS.filter((e) => e.detection === detection && e.expected);
    expect(positives.length).toBeGreaterThan(0);
  });

  test('CloudWatch.6 is only exercised by the synthetic record (no real "Failed authentication" record exists)', () => {
    const positives = EXPECTATIONS.filter((e) => e.detectionId === 'CloudWatch.6' && e.expected).map((e) => e.file);
    expect(positives).toEqual(['synthetic-events/S01_console_auth_failure__synthetic_ConsoleLogin.json']);
  });

  test('the CloudWatch.3 exclusions leave the successful IAM user sign-ins without MFA as its positives', () => {
    const positives = EXPECTATIONS.filter((e) => e.detectionId === 'CloudWatch.3' && e.expected).map((e) => e.record.file);
    expect(positives).toEqual([
      '045_console_nomfa__stratus_ConsoleLogin.json',
      '055_console_nomfa__panther_ConsoleLogin.json',
    ]);
  });
});
