/**
 * The catalog's opt-in variants (`Detections.variants()`) over the same labelled CloudTrail records as the
 * defaults (test/fixtures/cloudtrail-events, real; test/fixtures/synthetic-events), with explicit
 * expectations for every record: positives, and near misses (root actions invoked by AWS services,
 * console sign-ins with MFA, SSO sign-ins, read-only calls, errors that are not authorization failures).
 *
 * Each variant refines one LABELS.tsv category. Where the label does not fit the variant, the record is
 * listed below with the reason, read off the record (not computed from the pattern).
 *
 * The corpus has no record of S3 log delivery, `HeadBucket` or `ModifySecurityGroupRules`; the tests that
 * need one derive it from a real record by changing one field, and say so.
 */
import { LabelledRecord, loadAllCorpora } from './labelled-corpus';
import { Detection, Detections } from '../../lib/detections';
import { JsonFilterPattern } from '../../lib/filter-pattern';

interface VariantExpectation {
  /** The LABELS.tsv category whose records the variant must match. */
  readonly category: string;
  /** Records outside the category that the variant must match too, with the reason. */
  readonly alsoMatches: Record<string, string>;
  /** Records of the category that the variant must not match, with the reason. */
  readonly leavesOut: Record<string, string>;
}

const VARIANT_EXPECTATIONS: Record<string, VariantExpectation> = {
  'Baseline.RootUserUsageAnyInvoker': {
    category: 'root_usage',
    alsoMatches: {
      '015_root_usage-NEG__panther_CreateAccessKey.json': 'root user CreateAccessKey through the console: userIdentity.type=Root with invokedBy=signin.amazonaws.com. LABELS says "none" because the CIS/Security Hub text excludes any invokedBy; this variant exists to catch it',
    },
    leavesOut: {},
  },
  'CIS.4.1': {
    category: 'unauthorized_api_calls',
    alsoMatches: {},
    leavesOut: {},
  },
  'CIS.4.2': {
    // LABELS.tsv's console_signin_without_mfa is this very definition (ConsoleLogin && MFAUsed != "Yes").
    category: 'console_signin_without_mfa',
    alsoMatches: {},
    leavesOut: {},
  },
  'CIS.4.10': {
    category: 'security_group_changes',
    alsoMatches: {},
    leavesOut: {},
  },
};

const RECORDS = loadAllCorpora();
const REAL = RECORDS.filter((r) => r.corpus === 'cloudtrail-events');
const VARIANTS = Detections.variants();

function record(file: string): LabelledRecord {
  const found = RECORDS.find((r) => r.file === file);
  if (!found) throw new Error(`no record ${file}`);
  return found;
}

function variant(id: string): Detection {
  return VARIANTS.find((d) => d.id === id)!;
}

function expected(detection: Detection, r: LabelledRecord): boolean {
  const e = VARIANT_EXPECTATIONS[detection.id];
  if (r.file in e.alsoMatches) return true;
  if (r.file in e.leavesOut) return false;
  return r.categories.includes(e.category);
}

const CASES = VARIANTS.flatMap((detection) => RECORDS.map((r) => ({
  detectionId: detection.id,
  file: `${r.corpus}/${r.file}`,
  verb: expected(detection, r) ? 'matches' : 'does not match',
  detection,
  r,
  expected: expected(detection, r),
})));

describe('the variant expectations', () => {
  test('cover every variant, and only variants', () => {
    expect(Object.keys(VARIANT_EXPECTATIONS).sort()).toEqual(VARIANTS.map((d) => d.id).sort());
  });

  test.each(Object.entries(VARIANT_EXPECTATIONS).flatMap(([id, e]) =>
    [...Object.keys(e.alsoMatches), ...Object.keys(e.leavesOut)].map((file) => [id, file])))('%s: listed record %s exists', (_id, file) => {
    expect(record(file)).toBeDefined();
  });
});

describe('variants against the labelled CloudTrail records', () => {
  test.each(CASES)('$detectionId $verb $file', ({ detection, r, expected: want }) => {
    expect(detection.matches(r.record)).toBe(want);
  });

  test.each(VARIANTS.map((d) => [d.id, d] as const))('%s has at least two real positives and real near misses', (_id, detection) => {
    const real = CASES.filter((c) => c.detection === detection && c.r.corpus === 'cloudtrail-events');
    expect(real.filter((c) => c.expected).length).toBeGreaterThanOrEqual(2);
    expect(real.filter((c) => !c.expected).length).toBeGreaterThan(50);
  });
});

describe('Baseline.RootUserUsageAnyInvoker (variant of CloudWatch.1)', () => {
  const root = variant('Baseline.RootUserUsageAnyInvoker');
  const cw1 = Detections.rootUserUsage();

  test('catches the root console CreateAccessKey that CloudWatch.1 misses', () => {
    const r = record('015_root_usage-NEG__panther_CreateAccessKey.json').record;
    expect(r.userIdentity).toMatchObject({ type: 'Root', invokedBy: 'signin.amazonaws.com' });
    expect(r.eventName).toBe('CreateAccessKey');
    expect(cw1.matches(r)).toBe(false);
    expect(root.matches(r)).toBe(true);
  });

  test('near misses: a role assumed by an AWS service, an IAM user acting through the console', () => {
    const service = record('020_root_usage-NEG__panther_AssumeRole.json').record;
    expect(service.userIdentity).toMatchObject({ type: 'AWSService', invokedBy: 'lambda.amazonaws.com' });
    const iamUser = record('022_root_usage-NEG__panther_GetBucketAcl.json').record;
    expect(iamUser.userIdentity).toMatchObject({ type: 'IAMUser', invokedBy: 'signin.amazonaws.com' });
    expect(root.matches(service)).toBe(false);
    expect(root.matches(iamUser)).toBe(false);
  });

  test('derived from record 001: a root-identity AwsServiceEvent does not match; a record without eventType does', () => {
    const base = record('001_root_usage__panther_PutBucketVersioning.json').record;
    expect(root.matches(base)).toBe(true);
    expect(root.matches({ ...base, eventType: 'AwsServiceEvent' })).toBe(false);
    const { eventType: _dropped, ...withoutEventType } = base;
    expect(root.matches(withoutEventType)).toBe(true);
    expect(cw1.matches(withoutEventType)).toBe(false); // the CloudWatch.1 quirk: `!=` never matches a missing field
  });

  test('every real record CloudWatch.1 matches, it matches too (it only widens)', () => {
    const byCw1 = REAL.filter((r) => cw1.matches(r.record)).map((r) => r.file);
    expect(byCw1.length).toBeGreaterThan(0);
    expect(byCw1.filter((f) => !root.matches(record(f).record))).toEqual([]);
  });
});

describe('CIS.4.1 (variant of CloudWatch.2, exclusions ANDed)', () => {
  const cis41 = variant('CIS.4.1');
  const cw2 = Detections.unauthorizedApiCalls();
  const denied = record('031_unauthorized__panther_GetRole.json').record;

  test('matches the same real records as CloudWatch.2 (the corpus has no log delivery or HeadBucket record)', () => {
    expect(REAL.filter((r) => cis41.matches(r.record)).map((r) => r.file))
      .toEqual(REAL.filter((r) => cw2.matches(r.record)).map((r) => r.file));
  });

  test('near misses: VpceAccessDenied, a dry run, other errors', () => {
    for (const file of ['038_unauthorized-NEG__panther_GetObject.json', '041_unauthorized-NEG__panther_RunInstances.json',
      '042_unauthorized-NEG__stratus_DeleteLoginProfile.json', '043_unauthorized-NEG__panther_GetBucketLifecycle.json']) {
      expect(record(file).record.errorCode).toBeDefined();
      expect(cis41.matches(record(file).record)).toBe(false);
    }
  });

  test('derived from record 031 (AccessDenied): S3 log delivery and HeadBucket are left out, CloudWatch.2 counts them', () => {
    expect(denied.errorCode).toBe('AccessDenied');
    const logDelivery = { ...denied, sourceIPAddress: 'delivery.logs.amazonaws.com' };
    const headBucket = { ...denied, eventSource: 's3.amazonaws.com', eventName: 'HeadBucket' };
    expect(cis41.matches(denied)).toBe(true);
    expect(cis41.matches(logDelivery)).toBe(false);
    expect(cis41.matches(headBucket)).toBe(false);
    expect(cw2.matches(logDelivery)).toBe(true);
    expect(cw2.matches(headBucket)).toBe(true);
  });
});

describe('the CIS v1.4.0-v3.0.0 "unauthorized" text (exclusions ORed) is not shipped', () => {
  const ORED = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }';
  const ored = JsonFilterPattern.parse(ORED);

  test('it matches at least 90% of the real records, most of them without any error', () => {
    const matched = REAL.filter((r) => ored.matches(r.record));
    expect(matched.length / REAL.length).toBeGreaterThanOrEqual(0.9);
    expect(matched.filter((r) => r.record.errorCode === undefined).length).toBeGreaterThan(REAL.length / 2);
  });

  test('while the shipped texts match only the records labelled unauthorized_api_calls', () => {
    const labelled = REAL.filter((r) => r.categories.includes('unauthorized_api_calls')).length;
    expect(labelled).toBeLessThan(REAL.length * 0.15);
    for (const d of [Detections.unauthorizedApiCalls(), Detections.unauthorizedApiCallsExcludingLogDelivery()]) {
      expect(REAL.filter((r) => d.matches(r.record)).length).toBe(labelled);
    }
  });

  test('no catalog detection carries it', () => {
    const normalize = (t: string) => t.replace(/\s+/g, '');
    expect(Detections.everything().filter((d) => normalize(d.filterPattern).includes('||($.sourceIPAddress!='))).toEqual([]);
  });
});

describe('CIS.4.2 (variant of CloudWatch.3, any identity)', () => {
  const cis42 = variant('CIS.4.2');
  const cw3 = Detections.consoleSignInWithoutMfa();

  test('also counts root, SSO, SAML-federated and failed sign-ins that CloudWatch.3 leaves out', () => {
    const widened = REAL.filter((r) => cis42.matches(r.record) && !cw3.matches(r.record));
    const types = new Set(widened.map((r) => r.record.userIdentity.type));
    expect([...types].sort()).toEqual(['AssumedRole', 'IAMUser', 'Root']);
    expect(widened.some((r) => r.record.responseElements?.ConsoleLogin === 'Failure')).toBe(true);
  });

  test('near misses: sign-ins with MFA, and a sign-in AssumeRole that is not a ConsoleLogin', () => {
    for (const file of ['060_console_nomfa-NEG__panther_ConsoleLogin.json', '061_console_nomfa-NEG__panther_ConsoleLogin.json',
      'S01_console_auth_failure__synthetic_ConsoleLogin.json', 'S02_console_auth_failure-NEG__synthetic_ConsoleLogin.json']) {
      expect(record(file).record.additionalEventData.MFAUsed).toBe('Yes');
      expect(cis42.matches(record(file).record)).toBe(false);
    }
    const assumeRole = record('063_console_nomfa-NEG__panther_AssumeRole.json').record;
    expect(assumeRole.additionalEventData.MFAUsed).toBe('No');
    expect(cis42.matches(assumeRole)).toBe(false);
  });
});

describe('CIS.4.10 (variant of CloudWatch.10, with ModifySecurityGroupRules)', () => {
  const cis410 = variant('CIS.4.10');
  const cw10 = Detections.securityGroupChanges();

  test('matches the same real records as CloudWatch.10 (the corpus has no ModifySecurityGroupRules record)', () => {
    expect(REAL.filter((r) => cis410.matches(r.record)).map((r) => r.file))
      .toEqual(REAL.filter((r) => cw10.matches(r.record)).map((r) => r.file));
  });

  test('derived from record 147 (AuthorizeSecurityGroupIngress): ModifySecurityGroupRules matches, CloudWatch.10 misses it', () => {
    const base = record('147_secgroup__panther_AuthorizeSecurityGroupIngress.json').record;
    const modify = { ...base, eventName: 'ModifySecurityGroupRules' };
    expect(cis410.matches(modify)).toBe(true);
    expect(cw10.matches(modify)).toBe(false);
  });

  test('near misses: read-only DescribeSecurityGroups, RDS AuthorizeDBSecurityGroupIngress', () => {
    for (const file of ['150_secgroup-NEG__panther_DescribeSecurityGroups.json', '152_secgroup-NEG__panther_AuthorizeDBSecurityGroupIngress.json']) {
      expect(cis410.matches(record(file).record)).toBe(false);
    }
  });
});
