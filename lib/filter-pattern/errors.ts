/**
 * The error every part of the filter pattern parser throws: a plain `Error` whose message names
 * the 0-based character offset in the pattern text and what is wrong there.
 *
 * Not re-exported by the barrel (internal helper).
 */
export function syntaxError(offset: number, message: string): Error {
  return new Error(`Invalid filter pattern at offset ${offset}: ${message}`);
}

/** Quotes a character or token for an error message, making invisible characters visible. */
export function describe(text: string): string {
  return JSON.stringify(text);
}
