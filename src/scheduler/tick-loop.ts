import cron from 'node-cron';

export interface TickLoop {
  stop(): Promise<void>;
}

/**
 * Wakes the scheduler on a cron expression. It only wakes it: what is due is decided from stored
 * instants and the Clock (node-cron skips or repeats times around DST changes; the tick does not
 * care). A step still running when the next wake-up comes is not started twice.
 */
export function startTickLoop(
  expression: string,
  step: () => Promise<unknown>,
  onError: (error: unknown) => void,
): TickLoop {
  if (!cron.validate(expression)) throw new RangeError(`not a cron expression: ${expression}`);
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    expression,
    () => {
      running = step().catch(onError);
      return running;
    },
    { noOverlap: true, name: 'planbot-tick' },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
