import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/store/data-dir-lock.js';

const repoRoot = join(import.meta.dirname, '../..');
const holderScript = join(repoRoot, 'test/support/lock-holder.ts');
const folder = () => mkdtempSync(join(tmpdir(), 'planbot-lock-'));

type Reply = { ready?: true; pid?: number; held?: boolean; code?: string; message?: string; released?: true };

/** A lock-holder process (test/support/lock-holder.ts), optionally in a pid namespace of its own. */
class Holder {
  private readonly replies: Reply[] = [];
  private readonly waiting: ((reply: Reply) => void)[] = [];
  readonly ready: Promise<Reply>;

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const next = this.waiting.shift();
      if (next) next(reply);
      else this.replies.push(reply);
    });
    this.ready = this.reply();
  }

  static start(inOwnPidNamespace = false): Holder {
    const node = [process.execPath, '--import', 'tsx', holderScript];
    const [command, ...args] = inOwnPidNamespace ? ['unshare', '--pid', '--fork', '--mount-proc', ...node] : node;
    const holder = new Holder(spawn(command!, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] }));
    holders.push(holder);
    return holder;
  }

  send(command: string): Promise<Reply> {
    this.child.stdin!.write(`${command}\n`);
    return this.reply();
  }

  /** kill -9 of the process holding the lock (inside a namespace: the node process, not unshare). */
  async kill9(): Promise<void> {
    const exited = once(this.child, 'exit');
    const pid = this.child.pid!;
    const inner = this.child.spawnfile === 'unshare' ? readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8') : '';
    process.kill(inner.trim() ? Number(inner.trim().split(' ')[0]) : pid, 'SIGKILL');
    // unshare waits for its child, so its exit means the holder is gone and its files are closed.
    await exited;
  }

  private reply(): Promise<Reply> {
    const queued = this.replies.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => this.waiting.push(resolve));
  }
}

const holders: Holder[] = [];
afterEach(() => holders.splice(0).forEach((h) => h.child.kill('SIGKILL')));

const unshareWorks = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

describe('data folder lock', () => {
  it('holds the folder until released, even against a second open in the same process', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(lock.path).toBe(join(dir, 'planbot.lock'));
    expect(readFileSync(lock.path, 'utf8')).toBe(`pid ${process.pid} on ${hostname()}\n`);
    expect(() => lockDataDir(dir)).toThrowError(expect.objectContaining({ code: 'data_dir_locked' }));
    lock.release();
    lock.release();
    // The file stays (see data-dir-lock.ts) but names no holder.
    expect(readFileSync(lock.path, 'utf8')).toBe('');
    lockDataDir(dir).release();
  });

  it('refuses a folder held by another process: names the folder and the holder, and changes nothing', async () => {
    const dir = folder();
    const holder = Holder.start();
    const { pid } = await holder.ready;
    expect(await holder.send(`lock ${dir}`)).toEqual({ held: true });
    const before = readFileSync(join(dir, 'planbot.lock'), 'utf8');

    let refusal: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'data_dir_locked' });
    const message = (refusal as Error).message;
    expect(message).toContain(`The data folder ${dir} is in use by another planbot process (pid ${pid} on `);
    expect(message).toContain('Stop that process, or point PLANBOT_DATA_DIR at another folder');
    expect(readFileSync(join(dir, 'planbot.lock'), 'utf8')).toBe(before);

    // Released by its holder, the folder is free again.
    expect(await holder.send('release')).toEqual({ released: true });
    lockDataDir(dir).release();
  });

  it('frees the folder at once when its holder is killed with SIGKILL', async () => {
    const dir = folder();
    const holder = Holder.start();
    await holder.ready;
    expect(await holder.send(`lock ${dir}`)).toEqual({ held: true });
    await holder.kill9();
    lockDataDir(dir).release();
  });

  it('lets exactly one of several processes racing for a folder have it, round after round', async () => {
    // Processes started together, then told to lock at the same instant, 50 times over: the
    // kernel's lock is taken atomically, so each round has one winner and the others are refused.
    const racers = Array.from({ length: 4 }, () => Holder.start());
    await Promise.all(racers.map((r) => r.ready));
    for (let round = 0; round < 50; round += 1) {
      const dir = folder();
      const replies = await Promise.all(racers.map((r) => r.send(`lock ${dir}`)));
      expect(replies.filter((r) => r.held).length, `round ${round}: ${JSON.stringify(replies)}`).toBe(1);
      expect(replies.filter((r) => !r.held).every((r) => r.code === 'data_dir_locked')).toBe(true);
      await Promise.all(racers.map((r) => r.send('release')));
    }
  });

  it('says what is missing when the flock command cannot be found, and takes nothing', () => {
    const dir = folder();
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => lockDataDir(dir)).toThrowError(
        expect.objectContaining({ code: 'data_dir_locked', message: expect.stringMatching(/flock.*util-linux/) }),
      );
    } finally {
      process.env.PATH = path;
    }
    lockDataDir(dir).release();
  });
});

// Containers on one volume (a server and a `docker run … planbot import`) see different pid
// spaces, where a pid says nothing about another container's process.
describe.skipIf(!unshareWorks)('data folder lock across pid namespaces (unshare)', () => {
  it('keeps a process in one pid namespace off a folder held in another', async () => {
    const dir = folder();
    const [server, importer] = [Holder.start(true), Holder.start(true)];
    // Each is pid 1 in its own namespace.
    expect([(await server.ready).pid, (await importer.ready).pid]).toEqual([1, 1]);
    expect(await server.send(`lock ${dir}`)).toEqual({ held: true });
    expect(await importer.send(`lock ${dir}`)).toMatchObject({ held: false, code: 'data_dir_locked' });
    expect(() => lockDataDir(dir)).toThrowError(expect.objectContaining({ code: 'data_dir_locked' }));
  });

  it('frees the folder at once when a holder in another pid namespace is killed with SIGKILL', async () => {
    const dir = folder();
    const holder = Holder.start(true);
    await holder.ready;
    expect(await holder.send(`lock ${dir}`)).toEqual({ held: true });
    await holder.kill9();
    lockDataDir(dir).release();
  });
});
