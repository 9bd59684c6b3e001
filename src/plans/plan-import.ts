import { PlanError } from '../domain/plan-error.js';
import { importMarkdown } from './markdown/import-markdown.js';
import { parsePlanData } from './plan-data.js';
import { isoDateSchema } from '../domain/iso-date.js';
import type { ImportResult } from './plan-import-types.js';

export type PlanFormat = 'markdown' | 'yaml' | 'json';

export interface PlanImportOptions {
  file: string;
  /** Overrides the format the file extension implies. */
  format?: PlanFormat;
  /** Day 1 (ISO date); for YAML/JSON it fills a missing `startDate`. */
  startDate?: string;
  planName?: string;
  /** Today's date (ISO); a Markdown plan's unwritten year is placed near it. */
  today?: string;
  /** Markdown only: import the part under this heading. */
  section?: string;
}

/** The one entry point for `planbot import`: Markdown (.md, .markdown, .txt), YAML or JSON. */
export function importPlanText(text: string, options: PlanImportOptions): ImportResult {
  const format = options.format ?? formatFromFile(options.file);
  if (options.startDate !== undefined && !isoDateSchema.safeParse(options.startDate).success) {
    throw new PlanError('import_invalid', `start date '${options.startDate}' is not an ISO date (YYYY-MM-DD)`, {
      file: options.file,
    });
  }
  if (format === 'markdown') {
    return importMarkdown(text, {
      file: options.file,
      ...(options.startDate === undefined ? {} : { startDate: options.startDate }),
      ...(options.planName === undefined ? {} : { planName: options.planName }),
      ...(options.today === undefined ? {} : { today: options.today }),
      ...(options.section === undefined ? {} : { section: options.section }),
    });
  }
  const result = parsePlanData(text, format, options.file);
  const { plan } = result;
  if (options.startDate !== undefined && plan.startDate === undefined) plan.startDate = options.startDate;
  if (options.planName !== undefined) plan.name = options.planName;
  return result;
}

export function formatFromFile(file: string): PlanFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  switch (extension) {
    case 'md':
    case 'markdown':
    case 'txt':
      return 'markdown';
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'json':
      return 'json';
    default:
      throw new PlanError(
        'import_invalid',
        `${file}: unknown plan format '${extension ?? ''}'; use .md, .txt, .yaml or .json`,
        { file },
      );
  }
}
