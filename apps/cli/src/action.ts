import type { Command } from 'commander';
import { target, type GlobalOptions } from './connection';
import { CliError, describeFailure, signInHint } from './failure';
import { createOutput, type Output } from './output';

type ActionContext<O> = { options: GlobalOptions & O; out: Output };

/**
 * A command's action with the global options merged in and an output chosen by `--json`. Any
 * failure leaves as a CliError whose message is the one line to print.
 */
export function action<O, A extends unknown[] = []>(
  run: (context: ActionContext<O>, ...args: A) => Promise<void>,
  { suggestSignIn = true } = {},
) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const options = command.optsWithGlobals<GlobalOptions & O & { url?: string }>();
    try {
      await run({ options, out: createOutput(Boolean(options.json)) }, ...(args.slice(0, -2) as A));
    } catch (error) {
      if (error instanceof CliError) throw error;
      const { url, profile } = target(options, options.url);
      const signIn = suggestSignIn && !process.env.CRM_API_KEY ? signInHint(profile) : undefined;
      throw new CliError(describeFailure(error, { url, signIn }));
    }
  };
}
