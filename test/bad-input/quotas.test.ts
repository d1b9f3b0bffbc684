/**
 * Bad input, class "quotas": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */

import { casesOf, expectRefused } from './cases';

describe('quotas: refused by prop name', () => {
  test.each(casesOf('quotas'))('%s', (_, c) => expectRefused(c));
});

