import { PlanError } from '../domain/plan-error.js';

export const MAX_PLAN_BYTES = 2 * 1024 * 1024;

/**
 * Rejects input that cannot be a plan before any parser sees it, so a stray binary or a
 * huge export fails fast with a clear reason instead of a parser error or a long stall.
 */
export function assertPlanText(text: string, file: string): void {
  const bytes = text.length > MAX_PLAN_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_PLAN_BYTES) {
    throw new PlanError(
      'import_invalid',
      `${file}: file is ${bytes} bytes; plans are limited to ${MAX_PLAN_BYTES} bytes (2 MB)`,
      {
        file,
        line: 1,
      },
    );
  }
  if (text.trim() === '') {
    throw new PlanError('import_invalid', `${file}: file is empty`, { file, line: 1 });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineAtOffset(text, nul);
    throw new PlanError('import_invalid', `${file}:${line}: file contains NUL bytes; is it binary?`, { file, line });
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    const line = lineAtOffset(text, replacement);
    throw new PlanError('import_invalid', `${file}:${line}: file is not valid UTF-8 text; is it binary?`, {
      file,
      line,
    });
  }
}

export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
