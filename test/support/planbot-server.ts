import { runPlanbot, type PlanbotRun } from './run-planbot.js';

export interface PlanbotServer extends PlanbotRun {
  port: number;
  /** Everything the process wrote to stdout so far (pino JSON lines). */
  stdout(): string;
}

/** The Slack credentials a fault test runs planbot with; the signing secret only guards inbound requests. */
export function slackEnv(apiUrl: string, databaseUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-fault-1-2',
    SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
    SLACK_API_URL: apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: '0',
  };
}

/**
 * `planbot start` as a real child process, resolved once it logs "planbot is serving" (so the
 * scheduler and dispatcher are running). Rejects with its output if it exits first or takes
 * longer than `timeoutMs` (tsx compiles the sources at start: several seconds on a loaded machine).
 */
export async function startPlanbotServer(
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 45_000,
): Promise<PlanbotServer> {
  const run = runPlanbot(['start'], env, cwd);
  let seen = '';
  run.child.stdout!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`planbot did not start within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /"port":(\d+)[^\n]*planbot is serving/.exec(seen);
      if (match) {
        clearTimeout(timer);
        run.child.stdout!.off('data', check);
        resolve(Number(match[1]));
      }
    };
    run.child.stdout!.on('data', check);
    void run.done.then(({ code, stderr }) => {
      clearTimeout(timer);
      reject(new Error(`planbot exited (${code}) before serving:\n${seen}\n${stderr}`));
    });
  });
  return { ...run, port, stdout: () => seen };
}

/** Stops a server if it is still running (SIGTERM, then SIGKILL after a grace period); for finally blocks. */
export async function stopPlanbotServer(server: PlanbotRun | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.done;
  clearTimeout(timer);
}
