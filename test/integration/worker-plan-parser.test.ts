import { afterEach, describe, expect, it } from 'vitest';
import { consoleWorkspace } from '../../src/service/read-model/workspace-ref.js';
import { parseImport, type ImportPlanRequest } from '../../src/service/commands/import-plan.js';
import { PlanError } from '../../src/domain/plan-error.js';
import { WorkerPlanParser } from '../../src/workers/worker-plan-parser.js';

const now = new Date('2026-12-01T12:00:00Z');
const request = (text: string, file = 'plan.md'): ImportPlanRequest => ({
  text,
  file,
  workspace: consoleWorkspace,
  importedBy: 'test',
});
const plan =
  '# Launch\n\n## Before\n\n- Book the venue (T-2 weeks)\n- Noor, 8:30am PDT - Post the launch note (T)\n\n## Rhythm\n\n- Daily stand-up at 9:15am\n';

describe('reading uploaded plans on a worker thread', () => {
  let parser: WorkerPlanParser | undefined;
  afterEach(async () => {
    await parser?.close();
  });

  it('gives the same plan, warnings and first firings as reading inline', async () => {
    parser = new WorkerPlanParser();
    const inWorker = await parser.parse(request(plan), now);
    const inline = parseImport(request(plan), now);
    expect(inWorker.result).toEqual(inline.result);
    expect(inWorker.snapshot).toEqual(inline.snapshot);
  });

  it('passes a refusal back as the same PlanError, with file and line', async () => {
    parser = new WorkerPlanParser();
    const error = await parser.parse(request(`# P\n\n${'>'.repeat(200)} x\n`), now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe('import_invalid');
    expect((error as PlanError).details).toMatchObject({ file: 'plan.md', line: 3 });
  });

  it('keeps the event loop free while a large document is read', async () => {
    // The product's 10 s limit is for one upload on a server; a loaded CI machine may take longer.
    parser = new WorkerPlanParser({ timeoutMs: 120_000 });
    const big = `# Big\n\n## Day 1\n\n${Array.from({ length: 8000 }, (_, i) => `- [ ] Task ${i} for Alex Smith at ${(i % 12) + 1}:00 PM`).join('\n')}\n`;
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    try {
      const parsed = await parser.parse(request(big), now);
      expect(parsed.result.plan.tasks).toHaveLength(8000);
    } finally {
      clearInterval(timer);
    }
    // Inline, this parse holds the loop for its whole length and no tick runs until it ends.
    expect(ticks).toBeGreaterThan(3);
  }, 150_000);

  it('stops a read that runs past its limit with a clear error, and reads the next document', async () => {
    parser = new WorkerPlanParser({ timeoutMs: 1 });
    const slow = `# Slow\n\n## Day 1\n\n${Array.from({ length: 4000 }, (_, i) => `- [ ] Task ${i}`).join('\n')}\n`;
    await expect(parser.parse(request(slow), now)).rejects.toThrow(
      /took longer than 0.001 s; split the document or import it with the CLI/,
    );
    await parser.close();
    parser = new WorkerPlanParser();
    await expect(parser.parse(request(plan), now)).resolves.toMatchObject({ result: { plan: { name: 'Launch' } } });
  });
});
