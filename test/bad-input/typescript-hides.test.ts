/**
 * Bad input, class "what TypeScript hides": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */

import { casesOf, expectRefused } from './cases';

describe('what TypeScript hides: refused by prop name', () => {
  test.each(casesOf('what TypeScript hides'))('%s', (_, c) => expectRefused(c));
});

