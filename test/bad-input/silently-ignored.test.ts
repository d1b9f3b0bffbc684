/**
 * Bad input, class "silently ignored": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */

import { casesOf, expectRefused } from './cases';

describe('silently ignored: refused by prop name', () => {
  test.each(casesOf('silently ignored'))('%s', (_, c) => expectRefused(c));
});

