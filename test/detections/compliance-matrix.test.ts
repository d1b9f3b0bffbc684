/**
 * docs/compliance.md's compliance matrix is generated from the catalog (test/detections/compliance-matrix.ts):
 * this test fails when it is stale, so a catalog change that forgets the page fails CI.
 */
import * as fs from 'fs';
import { cisVersions, END_MARKER, MATRIX_PAGE, prowlerChecksOf, renderMatrix, START_MARKER, withMatrix } from './compliance-matrix';
import { Detections } from '../../lib/detections';

const page = fs.readFileSync(MATRIX_PAGE, 'utf8');

describe('docs/compliance.md compliance matrix', () => {
  test('holds the markers once each, in order', () => {
    expect(page.split(START_MARKER)).toHaveLength(2);
    expect(page.split(END_MARKER)).toHaveLength(2);
    expect(page.indexOf(START_MARKER)).toBeLessThan(page.indexOf(END_MARKER));
  });

  test('is up to date (regenerate with: npx ts-node --transpile-only test/detections/compliance-matrix.ts)', () => {
    expect(withMatrix(page)).toBe(page);
  });

  test('has one row per catalog detection, defaults then variants, and a column per CIS version the catalog names', () => {
    const lines = renderMatrix().split('\n');
    const rows = lines.filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[0].replace('| ', ''))).toEqual(Detections.everything().map((d) => `\`${d.id}\``));
    expect(cisVersions()).toEqual(['v1.2.0', 'v1.4.0', 'v3.0.0', 'v4.0.0', 'v5.0.0', 'v6.0.0', 'v7.0.0']);
    const header = lines.find((l) => l.startsWith('| ID |'))!;
    for (const v of cisVersions()) expect(header).toContain(`| CIS ${v} |`);
  });

  test('every default detection names its recommendation in CIS v1.4.0, v3.0.0 and v4.0.0, and all but CloudWatch.10 in v5.0.0', () => {
    for (const d of Detections.cisAwsFoundations()) {
      for (const v of ['v1.4.0', 'v3.0.0', 'v4.0.0', 'v5.0.0']) {
        const has = d.cisControlIds.some((c) => new RegExp(`^${v.replace(/\./g, '\\.')}/4\\.([1-9]|1[0-5])$`).test(c));
        expect({ id: d.id, v, has }).toEqual({ id: d.id, v, has: !(d.id === 'CloudWatch.10' && v === 'v5.0.0') });
      }
    }
    // CIS v5.0.0 4.10 (ModifySecurityGroupRules) is the opt-in variant's.
    expect(Detections.securityGroupChangesIncludingRuleModifications().cisControlIds).toContain('v5.0.0/4.10');
  });

  test('every default detection passes exactly one Prowler metric-filter check, each check once', () => {
    const checks = Detections.cisAwsFoundations().map((d) => prowlerChecksOf(d));
    for (const c of checks) expect(c).toHaveLength(1);
    expect(new Set(checks.flat()).size).toBe(15);
  });

  test('would notice a change to the catalog', () => {
    const stale = withMatrix(page).replace('| `CloudWatch.1` | Root user activity |', '| `CloudWatch.1` | Root activity |');
    expect(stale).not.toBe(page);
    expect(withMatrix(stale)).toBe(page);
  });

  test('refuses a page without the markers', () => {
    expect(() => withMatrix('# no matrix here\n')).toThrow(/must hold <!-- matrix:start --> then <!-- matrix:end -->/);
  });
});
