import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDockerStages, type DockerStage } from '../support/dockerfile-steps.js';

const repo = join(import.meta.dirname, '../..');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The image as the Dockerfile builds it, without Docker: the build stage installs, generates the
 * Prisma client and compiles (`npm run build`, tsc: the slow part); the run stage installs
 * production packages only, and its install script must cope with no prisma/ folder yet.
 */
describe('the Docker image, built step by step without Docker', { timeout: 120_000 }, () => {
  let image: DockerStage;
  // The image's /var/lib/planbot volume, kept from one `docker run` to the next.
  const volume = mkdtempSync(join(tmpdir(), 'planbot-volume-'));

  const root = mkdtempSync(join(tmpdir(), 'planbot-image-'));

  beforeAll(() => {
    image = buildDockerStages(repo, root).at(-1)!;
  }, 300_000);

  afterAll(() => {
    for (const dir of [root, volume]) rmSync(dir, { recursive: true, force: true });
  });

  /** `docker run planbot <args>`: the entrypoint in the image folder, stdin like `docker run` without -i. */
  function run(args: string[], env: Record<string, string> = {}) {
    const [, ...entry] = image.entrypoint;
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: image.dir,
      env: {
        PATH: process.env.PATH ?? '',
        ...image.env,
        PLANBOT_DATA_DIR: volume,
        NODE_OPTIONS: image.nodeOptions,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  it('prints its version from the compiled code', async () => {
    const result = await run(['--version']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(version);
    expect(result.code).toBe(0);
  });

  it('imports a plan into its data volume', async () => {
    const result = await run(['import', 'examples/launch-sprint.md', '--start', '2026-12-07']);
    expect(result.stderr).not.toMatch(/internal error|Cannot find module/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Mobile Checkout Relaunch');
    expect(result.stdout).toMatch(/Stored "Mobile Checkout Relaunch[^"]*" as version 1/);
  });

  it('with no chat credentials and no terminal, says what to configure and exits 3', async () => {
    // The volume holds the imported plan, so this start opens it as it is.
    const result = await run(['start']);
    expect(result.stderr).toContain('Plan "Mobile Checkout Relaunch');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(result.stderr).toContain('MICROSOFT_APP_ID');
    expect(result.stderr).toContain('MICROSOFT_APP_PASSWORD');
    expect(result.stderr).toContain('docker run -it');
    expect(result.stderr).not.toMatch(/internal error/);
  });
});
