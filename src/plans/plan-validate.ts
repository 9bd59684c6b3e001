import type { z } from 'zod';
import { PlanError } from '../domain/plan-error.js';
import type { PlanPath } from './plan-checks.js';
import { checkPlan } from './plan-checks.js';
import type { Plan } from './plan-schema.js';
import { planSchema } from './plan-schema.js';

/** Maps a path inside the plan to the source line it came from, when known. */
export type LineLocator = (path: PlanPath) => number | undefined;

interface Located {
  line: number | undefined;
  text: string;
}

/**
 * The single gate every import passes: schema first, then cross-field checks. All problems are
 * reported at once, the first one's line on the error, so an author fixes a file in one round.
 */
export function validatePlan(candidate: unknown, file: string, lineOf: LineLocator): Plan {
  const parsed = planSchema.safeParse(candidate);
  if (!parsed.success)
    throw invalid(
      file,
      parsed.error.issues.map((issue) => locateIssue(issue, lineOf)),
    );
  const problems = checkPlan(parsed.data).map((p) => locate(p.path, p.message, lineOf));
  if (problems.length > 0) throw invalid(file, problems);
  return parsed.data;
}

function locateIssue(issue: z.core.$ZodIssue, lineOf: LineLocator): Located {
  return locate(
    issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    issue.message,
    lineOf,
  );
}

function locate(path: PlanPath, message: string, lineOf: LineLocator): Located {
  const where = formatPath(path);
  return { line: lineOf(path), text: where === '' ? message : `${where}: ${message}` };
}

export function formatPath(path: PlanPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function invalid(file: string, problems: readonly Located[]): PlanError {
  const lines = problems.map((p) => (p.line === undefined ? `${file}: ${p.text}` : `${file}:${p.line}: ${p.text}`));
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new PlanError('import_invalid', `${lines[0] ?? file}${more}`, {
    file,
    ...(first?.line === undefined ? {} : { line: first.line }),
    problems: lines,
  });
}
