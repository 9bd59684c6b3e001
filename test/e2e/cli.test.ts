import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { runPlanbot } from '../support/run-planbot.js';
import { createScratchPostgresDatabase, storeKinds } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

const migrationsDir = join(import.meta.dirname, '../../prisma/migrations');
const migrations = readdirSync(migrationsDir)
  .filter((name) => existsSync(join(migrationsDir, name, 'migration.sql')))
  .sort();
const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-cli-'));

// Real processes, each opening PGlite: slow on a loaded machine, so a longer limit than unit tests.
describe('planbot CLI', { timeout: 90_000 }, () => {
  it('prints help and version, and refuses unknown commands and options with usage', async () => {
    const cwd = workdir();
    const help = await runPlanbot(['--help'], {}, cwd).done;
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: planbot <command>/);
    expect(help.stdout).toMatch(/migrate/);

    const version = await runPlanbot(['--version'], {}, cwd).done;
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version,
    );

    const unknown = await runPlanbot(['deploy'], {}, cwd).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "deploy"/);

    const badOption = await runPlanbot(['migrate', '--force'], {}, cwd).done;
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/--force/);
  });

  it('migrates a fresh data folder once; the second run applies nothing', async () => {
    const cwd = workdir();
    const first = await runPlanbot(['migrate'], {}, cwd).done;
    expect(first.stderr).toContain(`Applied ${migrations.length} migration`);
    expect(first.code).toBe(0);
    const second = await runPlanbot(['migrate'], {}, cwd).done;
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`Database schema is up to date (${migrations.length} migration`);

    // The default folder is ./var/data. The lock file stays, but names no holder once planbot exits.
    const dataDir = join(cwd, 'var/data');
    expect(readFileSync(join(dataDir, 'planbot.lock'), 'utf8')).toBe('');
    const db = await PGlite.create({ dataDir });
    const { rows } = await db.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY 1',
    );
    await db.close();
    expect(rows).toEqual(
      migrations.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(readFileSync(join(migrationsDir, name, 'migration.sql')))
          .digest('hex'),
      })),
    );
  });

  it('keeps a second planbot off a data folder in use, naming the holder', async () => {
    const cwd = workdir();
    const env = { PLANBOT_DATA_DIR: join(cwd, 'shared-data') };
    const first = runPlanbot(['migrate'], env, cwd);
    const lockFile = join(cwd, 'shared-data', 'planbot.lock');
    // A loaded CI machine can take seconds to start a tsx process: wait for the lock, not for a fixed time.
    // The holder writes its name into the lock file once it holds the lock.
    await waitFor(() => existsSync(lockFile) && readFileSync(lockFile, 'utf8') !== '', {
      timeoutMs: 30_000,
      intervalMs: 25,
      what: 'the first planbot to take the data folder lock',
    });

    const second = await runPlanbot(['migrate'], env, cwd).done;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by another planbot process (pid ${first.child.pid} on ${hostname()})`);
    expect((await first.done).code).toBe(0);
  });

  it('start with no chat credentials opens the console on the embedded database with the example plan', async () => {
    const cwd = workdir();
    const result = await runPlanbot(
      ['start', '--as', 'dana-kim'],
      {},
      cwd,
      '/plan status\n/plan today\n/plan blockers\n/plan fly\n',
    ).done;
    expect(result.stderr).toContain('No chat platform configured: running the local console');
    expect(result.stderr).toContain('Loaded the example plan (examples/launch-sprint.md)');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('*Mobile Checkout Relaunch · Two-Week Sprint*');
    expect(result.stdout).toContain('Done: 0 of 14');
    expect(result.stdout).not.toContain('"level"');
    expect(result.stdout).toContain('Nothing due today.');
    expect(result.stdout).toContain('Next: *kickoff* Kickoff');
    expect(result.stdout).toContain('No open blockers on *Mobile Checkout Relaunch');
    expect(result.stdout).toContain('I don\'t know "fly"');
    expect(existsSync(join(cwd, 'var/data/PG_VERSION'))).toBe(true);

    // The second start finds the plan already there and does not load the example again.
    const again = await runPlanbot(['start'], {}, cwd, '/plan status\n').done;
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('Loaded the example plan');
    expect(again.stdout).toContain('Done: 0 of 14');
  });

  it('start with Slack credentials serves health checks and Slack events on one port, refuses unsigned requests, stops on SIGTERM', async () => {
    const cwd = workdir();
    // Slack's Web API as far as start-up needs it: auth.test accepts the token.
    const slack = await fakeSlackApi({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0E2E' });
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      PORT: '0',
      SLACK_API_URL: slack.url,
    };
    const run = runPlanbot(['start'], env, cwd);
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      run.child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /"port":(\d+)[^\n]*planbot is serving/.exec(seen);
        if (match) resolve(Number(match[1]));
      });
      run.child.on('close', () => reject(new Error(`planbot exited before serving: ${seen}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    const unsigned = await fetch(`${base}/slack/events`, {
      method: 'POST',
      body: 'command=%2Fplan&text=status',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('shutting down');
    expect(result.stdout).not.toContain('xoxb-1-2-3');
    expect(slack.calls).toEqual(['/api/auth.test']);
    slack.server.close();
  });

  it('start with a bot token Slack refuses stops with what to fix, before listening', async () => {
    const slack = await fakeSlackApi({ ok: false, error: 'invalid_auth' });
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      PORT: '0',
      SLACK_API_URL: slack.url,
    };
    const result = await runPlanbot(['start'], env, workdir()).done;
    slack.server.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(result.stdout + result.stderr).not.toContain('xoxb-revoked');
    expect(result.stdout).not.toContain('planbot is serving');
  });

  it('stops on bad configuration before touching anything', async () => {
    const cwd = workdir();
    const result = await runPlanbot(
      ['start'],
      { DATABASE_URL: 'mysql://db/planbot', PLANBOT_DATA_DIR: join(cwd, 'data') },
      cwd,
    ).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: expected a PostgreSQL URL/);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  // Nothing listens on port 1: the connection is refused at once.
  it.each([['migrate'], ['start'], ['import']])(
    '%s with a DATABASE_URL nobody answers says so in one line and exits 4, with no stack trace',
    async (command) => {
      const cwd = workdir();
      const args =
        command === 'import' ? ['import', join(import.meta.dirname, '../../examples/launch-sprint.md')] : [command];
      const result = await runPlanbot(
        [...args, ...(command === 'import' ? ['--start', '2026-12-07'] : [])],
        { DATABASE_URL: 'postgresql://planbot:Sekrit99@127.0.0.1:1/planbot' },
        cwd,
      ).done;
      expect(result.code).toBe(4);
      const problem = result.stderr.split('\n').filter((line) => line.startsWith('planbot:'));
      expect(problem).toHaveLength(1);
      expect(problem[0]).toMatch(/127\.0\.0\.1:1/);
      expect(problem[0]).toMatch(/refused/);
      expect(problem[0]).toMatch(/DATABASE_URL/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('Sekrit99');
    },
  );

  it('an error planbot has no message for prints one line and exits 70; LOG_LEVEL=debug adds the stack', async () => {
    const cwd = workdir();
    // A file where the data folder should be: the embedded database cannot be created there.
    const file = join(cwd, 'not-a-folder');
    writeFileSync(file, 'x');
    const env = { PLANBOT_DATA_DIR: join(file, 'data') };
    const plain = await runPlanbot(['migrate'], env, cwd).done;
    expect(plain.code).toBe(70);
    const problem = plain.stderr.split('\n').filter((line) => line.startsWith('planbot:'));
    expect(problem).toHaveLength(1);
    expect(problem[0]).toMatch(/internal error/);
    expect(problem[0]).toMatch(/LOG_LEVEL=debug/);
    expect(plain.stderr).not.toMatch(/^\s+at /m);

    const debug = await runPlanbot(['migrate'], { ...env, LOG_LEVEL: 'debug' }, cwd).done;
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

describe('planbot when an error escapes every handler', () => {
  const preload = pathToFileURL(join(import.meta.dirname, '../support/escape-when-ready.mjs')).href;
  it.each([
    ['a throw from a timer callback', 'throw', /a callback threw/],
    ['a rejection nobody awaited', 'reject', /a promise nobody awaited failed/],
  ])('%s, while serving, ends in one line and exit 70, not a stack trace', async (_name, kind, said) => {
    const cwd = workdir();
    const run = runPlanbot(
      ['start'],
      { PORT: '0', NODE_OPTIONS: `--import=${preload}`, PLANBOT_TEST_ESCAPE: kind, LOG_LEVEL: 'warn' },
      cwd,
    );
    const result = await run.done;
    expect(result.code).toBe(70);
    const problem = result.stderr.split('\n').filter((line) => line.startsWith('planbot:'));
    expect(problem).toEqual([expect.stringMatching(/^planbot: internal error \(exit 70\): /)]);
    expect(problem[0]).toMatch(said);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain('xoxb-0000-escaped-token');
  });
});

describe.runIf(storeKinds().includes('postgres'))('planbot migrate on PostgreSQL', () => {
  it.each([
    ['a database that does not exist', (url: URL) => (url.pathname = '/planbot_no_such_database'), /does not exist/],
    ['a user PostgreSQL does not know', (url: URL) => (url.username = 'planbot_no_such_user'), /refused the login/],
  ])('names %s in one line and exits 4', async (_name, change, said) => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    change(url);
    const result = await runPlanbot(['migrate'], { DATABASE_URL: url.toString() }, workdir()).done;
    expect(result.code).toBe(4);
    const problem = result.stderr.split('\n').filter((line) => line.startsWith('planbot:'));
    expect(problem).toHaveLength(1);
    expect(problem[0]).toMatch(said);
    expect(problem[0]).toMatch(/DATABASE_URL/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('two replicas migrating one database at once apply each migration once', async () => {
    const scratch = await createScratchPostgresDatabase();
    try {
      const cwd = workdir();
      const runs = await Promise.all(
        [1, 2].map(() => runPlanbot(['migrate'], { DATABASE_URL: scratch.url }, cwd).done),
      );
      expect(runs.map((r) => r.code)).toEqual([0, 0]);
      const output = runs.map((r) => r.stderr).join('\n');
      expect(output.match(/Applied \d+ migration/g)).toHaveLength(1);
      expect(output).toContain('Database schema is up to date');
    } finally {
      await scratch.drop();
    }
  });
});

/** A local stand-in for https://slack.com/api/ that answers every method with `reply` and records the paths. */
async function fakeSlackApi(reply: object): Promise<{ url: string; calls: string[]; server: Server }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, calls, server };
}
