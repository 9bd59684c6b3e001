import type { Plan } from './plan-schema.js';

/** A guess the importer made; the reviewer decides whether it was right. */
export interface ImportWarning {
  /** 1-based line in the source file. */
  line: number;
  message: string;
}

/** Source content the importer could not map onto the plan; listed so nothing disappears silently. */
export interface UnplacedBlock {
  line: number;
  kind: 'paragraph' | 'list-item' | 'table' | 'table-row' | 'heading' | 'other';
  text: string;
}

export interface ImportResult {
  plan: Plan;
  warnings: ImportWarning[];
  unplaced: UnplacedBlock[];
}

export function formatWarning(warning: ImportWarning): string {
  return `line ${warning.line}: ${warning.message}`;
}
