import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/store/data-dir-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'planbot-lock-'));
const children: { kill(): void }[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

describe('data folder lock', () => {
  it('writes our pid and removes the lock on release', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'planbot.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, 'planbot.lock'))).toBe(false);
  });

  it('refuses a folder held by a live process and names its pid', () => {
    const dir = folder();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    children.push(holder);
    writeFileSync(join(dir, 'planbot.lock'), `${holder.pid}\n`);
    expect(() => lockDataDir(dir)).toThrowError(
      expect.objectContaining({ code: 'data_dir_locked', message: expect.stringContaining(`pid ${holder.pid}`) }),
    );
    // The holder's lock is left alone.
    expect(readFileSync(join(dir, 'planbot.lock'), 'utf8').trim()).toBe(String(holder.pid));
  });

  it('takes over a lock left by a process that died (kill -9, crash)', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'planbot.lock'), `${dead}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'planbot.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
