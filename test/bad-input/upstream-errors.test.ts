/**
 * Bad input, class "upstream errors": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */
import { Duration } from 'aws-cdk-lib';
import { casesOf, expectRefused } from './cases';
import { TamperProtection } from '../../lib/log-archive';

describe('upstream errors: refused by prop name', () => {
  test.each(casesOf('upstream errors'))('%s', (_, c) => expectRefused(c));
});

test('upstream errors: an Object Lock retention of exactly 100 years is accepted', () => {
  expect(() => TamperProtection.objectLock({ retention: Duration.days(36_500) })).not.toThrow();
});
