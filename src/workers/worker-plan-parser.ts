import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportPlanRequest, ParsedImport } from '../service/commands/import-plan.js';
import { PlanError, type PlanErrorCode, type PlanErrorDetails } from '../domain/plan-error.js';
import type { PlanParser } from '../service/ports/plan-parser.js';

export interface WorkerPlanParserOptions {
  /** A parse still running after this is stopped and answered with an error (default 10 s). */
  timeoutMs?: number;
  /** Heap the worker may use; a document that needs more is refused (default 300 MB). */
  maxHeapMb?: number;
}

type Reply =
  | { id: number; ok: true; parsed: ParsedImport }
  | {
      id: number;
      ok: false;
      planError?: { code: PlanErrorCode; message: string; details: PlanErrorDetails };
      message: string;
    };

interface Pending {
  resolve: (parsed: ParsedImport) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The compiled build runs plan-parse-worker.js; a development checkout (and the tests) run the
 * TypeScript source, so the worker first registers tsx, as bin/planbot.js does.
 */
function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (import.meta.url.endsWith('.js'))
    return new Worker(new URL('./plan-parse-worker.js', import.meta.url), { resourceLimits });
  // tsx's ESM register API, found from this folder (the CommonJS resolution names its .cjs twin).
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./plan-parse-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/**
 * Reads plan documents on one worker thread, one after another. The server's event loop keeps
 * answering Slack, Teams and health checks while a big upload is read; a parse that runs too
 * long or needs too much memory ends that worker (a new one takes the next job) and its asker
 * gets a clear error instead of a stalled or crashed planbot.
 */
export class WorkerPlanParser implements PlanParser {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(options: WorkerPlanParserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxHeapMb = options.maxHeapMb ?? 300;
  }

  parse(request: ImportPlanRequest, now: Date): Promise<ParsedImport> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ParsedImport>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            `reading ${request.file} took longer than ${this.timeoutMs / 1000} s; split the document or import it with the CLI`,
          ),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, request, now });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.maxHeapMb);
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) =>
      this.fail(
        /memory/i.test(error.message)
          ? `the document needs more than ${this.maxHeapMb} MB to read; split it into smaller plans`
          : `could not read the document (${error.message})`,
      ),
    );
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    clearTimeout(job.timer);
    if (reply.ok) job.resolve(reply.parsed);
    else
      job.reject(
        reply.planError
          ? new PlanError(reply.planError.code, reply.planError.message, reply.planError.details)
          : new Error(reply.message),
      );
  }

  /** Ends the worker and answers every job it held; the next parse starts a fresh one. */
  private fail(message: string): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const [id, job] of this.pending) {
      clearTimeout(job.timer);
      job.reject(new PlanError('import_invalid', message));
      this.pending.delete(id);
    }
  }
}
