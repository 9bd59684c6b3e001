import { parentPort } from 'node:worker_threads';
import { parseImport, type ImportPlanRequest } from '../service/commands/import-plan.js';
import { isPlanError } from '../domain/plan-error.js';

// The worker side of WorkerPlanParser: one job at a time, answered with the parse or its error.
interface Job {
  id: number;
  request: ImportPlanRequest;
  now: Date;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, ok: true, parsed: parseImport(job.request, job.now) });
  } catch (error) {
    const planError = isPlanError(error)
      ? { code: error.code, message: error.message, details: { ...error.details, cause: undefined } }
      : undefined;
    parentPort?.postMessage({
      id: job.id,
      ok: false,
      planError,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
