import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const planbotBin = join(import.meta.dirname, '../../bin/planbot.js');

export interface PlanbotRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs `planbot <args>` as users do: a real process, with only the environment given here. */
export function runPlanbot(args: string[], env: Record<string, string>, cwd: string, input = ''): PlanbotRun {
  const child = spawn(process.execPath, [planbotBin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  // What a user types; then end of input, as Ctrl-D (the console exits on it).
  child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}
