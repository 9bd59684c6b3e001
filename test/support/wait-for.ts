import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** How long to keep trying: generous, since real processes on a loaded CI machine are slow. */
  timeoutMs: number;
  /**
   * What is awaited, for the failure message: "the stand-up post", "both replicas to tick". A
   * function is called at the timeout, so the message can show what was last seen.
   */
  what: string | (() => string);
  /** Time between checks; 100 ms unless said. */
  intervalMs?: number;
}

/**
 * Polls `condition` until it returns something other than false or undefined, and returns that.
 * Tests wait for what they need to see, never for a fixed time: on a loaded machine a fixed sleep
 * is either too short (a flake) or, everywhere else, too long. On timeout it fails saying what it
 * waited for and, when `condition` throws, why the last check failed.
 */
export async function waitFor<T>(
  condition: () => T | false | undefined | Promise<T | false | undefined>,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== false && value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError === undefined ? '' : ` (last check failed: ${String(lastError)})`;
      const what = typeof options.what === 'function' ? options.what() : options.what;
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}
