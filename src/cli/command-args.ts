import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PlanError } from '../domain/plan-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's own flags and positionals, strictly: an unknown flag or a missing value is a usage
 * error (exit 2) that repeats the command's usage, so the next try can be right.
 */
export function commandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new PlanError('invalid_command', `${(error as Error).message}\n${usage}`);
  }
}
