// Preloaded into a real planbot process (NODE_OPTIONS=--import) to make an error escape every
// handler, as a bug in a callback would: once the CLI has installed its last-resort handlers, it
// throws from a timer (PLANBOT_TEST_ESCAPE=throw) or leaves a rejection unhandled (=reject).
const kind = process.env.PLANBOT_TEST_ESCAPE;
const ready = () => process.listenerCount('uncaughtException') > 0 && process.listenerCount('unhandledRejection') > 0;
const poll = setInterval(() => {
  if (!ready()) return;
  clearInterval(poll);
  if (kind === 'throw')
    setTimeout(() => {
      throw new Error('a callback threw (xoxb-0000-escaped-token)');
    }, 50);
  else void Promise.reject(new Error('a promise nobody awaited failed'));
}, 20);
