/**
 * Entry point of `cdk-cloudtrail-baseline validate`, bundled with the AWS SDK into
 * assets/validate/index.js (the library's users need no SDK of their own); lib/replay/cli.ts
 * loads that bundle for the `validate` command.
 *
 * Internal module: not public API.
 */
import { parseValidateArgs, PROGRAM, VALIDATE_USAGE } from './args';
import { awsServices } from './aws';
import { EXIT_INVALID, EXIT_USAGE, EXIT_VALID, runValidate, ValidateIo, ValidateServices, ValidateUsageError } from './command';

/** Options for tests: other services, another clock. */
export interface ValidateMainOptions {
  readonly now?: () => Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly services?: ValidateServices;
}

/**
 * Runs `validate` with the arguments after the command name.
 *
 * @returns 0 all valid, 1 any invalid or missing or an AWS error, 2 bad usage.
 */
export async function main(argv: readonly string[], io: ValidateIo, options: ValidateMainOptions = {}): Promise<number> {
  const parsed = parseValidateArgs(argv, (options.now ?? (() => new Date()))(), options.env ?? process.env);
  if (parsed.kind === 'help') {
    io.stdout.write(parsed.text);
    return EXIT_VALID;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(`${PROGRAM} validate: ${parsed.message}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const services = options.services ?? awsServices(parsed.args);
    return await runValidate(parsed.args, services, io);
  } catch (e) {
    if (e instanceof ValidateUsageError) {
      io.stderr.write(`${PROGRAM} validate: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // An AWS error (credentials, access denied, throttling): nothing was proven.
    const name = e instanceof Error ? e.name : 'Error';
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`${PROGRAM} validate: ${name}: ${message}\n`);
    return EXIT_INVALID;
  }
}

export { VALIDATE_USAGE };
