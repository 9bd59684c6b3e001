import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(import.meta.dirname, '../../scripts/test-postgres.sh');

/**
 * A PostgreSQL cluster of the test's own (scripts/test-postgres.sh with its own folder and port),
 * for tests that stop and start the server. Never the shared test server: others use that one.
 */
export interface ScratchCluster {
  /** postgresql://…/postgres on this cluster. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The newest installed server binaries (Debian layout, as the script uses), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin/pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : undefined;
}

export async function startScratchCluster(): Promise<ScratchCluster> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'no PostgreSQL server binaries under /usr/lib/postgresql (scripts/test-postgres.sh start installs them)',
    );
  const dir = mkdtempSync(join(tmpdir(), 'planbot-fault-pg-'));
  const port = await freePort();
  const env = { ...process.env, PLANBOT_TEST_PG_DIR: dir, PLANBOT_TEST_PG_PORT: String(port) };
  const { stdout } = await run(script, ['start'], { env });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`scripts/test-postgres.sh start printed no URL: ${stdout}`);
  // The script's start wipes the folder; a restart must keep the data, so it goes through pg_ctl.
  const pgCtl = (...args: string[]) => {
    const command = [join(bin, 'pg_ctl'), '-D', dir, ...args];
    return process.getuid?.() === 0
      ? run('runuser', ['-u', 'postgres', '--', ...command])
      : run(command[0]!, command.slice(1));
  };
  return {
    url,
    stop: async () => {
      await pgCtl('-m', 'fast', '-w', 'stop');
    },
    start: async () => {
      await pgCtl(
        '-l',
        join(dir, 'server.log'),
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`,
        '-w',
        'start',
      );
    },
    destroy: async () => {
      await run(script, ['stop'], { env }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
