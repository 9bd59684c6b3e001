import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const planbotBin = join(import.meta.dirname, '../../bin/planbot.js');

export interface PlanbotRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs `planbot <args>` as users do: a real process, with only the environment given here. */
export function runPlanbot(args: string[], env: Record<string, string>, cwd: string): PlanbotRun {
  const child = spawn(process.execPath, [planbotBin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}
