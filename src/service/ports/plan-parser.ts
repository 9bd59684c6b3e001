import { parseImport, type ImportPlanRequest, type ParsedImport } from '../commands/import-plan.js';

/**
 * Reads a plan document for an import. Chat imports take it as a port so the server can read
 * uploads on a worker thread, where a slow or hostile document cannot stall delivery.
 */
export interface PlanParser {
  parse(request: ImportPlanRequest, now: Date): Promise<ParsedImport>;
}

/** Reads on the calling thread: the CLI, tests, and anything that is not a server. */
export const inlinePlanParser: PlanParser = {
  parse: (request, now) => Promise.resolve().then(() => parseImport(request, now)),
};
