import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { PlanError } from '../domain/plan-error.js';
import type { PlanPath } from './plan-checks.js';
import type { ImportResult } from './plan-import-types.js';
import { canonicalizeReferences, resolveOwnersInInput } from './plan-owners.js';
import { assertPlanText, lineAtOffset } from './plan-text-guard.js';
import type { LineLocator } from './plan-validate.js';
import { validatePlan } from './plan-validate.js';

export type PlanDataFormat = 'yaml' | 'json';

/** Loads the canonical plan format from YAML or JSON text and validates it, reporting problems by line. */
export function parsePlanData(text: string, format: PlanDataFormat, file: string): ImportResult {
  assertPlanText(text, file);
  const { data, lineOf } = format === 'json' ? loadJson(text, file) : loadYaml(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PlanError(
      'import_invalid',
      `${file}:1: not a plan document: expected a mapping with name, timezone and tasks`,
      {
        file,
        line: 1,
      },
    );
  }
  const warnings = resolveOwnersInInput(data, lineOf);
  const plan = canonicalizeReferences(validatePlan(data, file, lineOf));
  return { plan, warnings, unplaced: [] };
}

interface Loaded {
  data: unknown;
  lineOf: LineLocator;
}

function loadYaml(text: string, file: string): Loaded {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new PlanError('import_invalid', `${file}:${line}: YAML: ${firstLine(error.message)}`, {
      file,
      line,
      problems: doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${firstLine(e.message)}`),
    });
  }
  let data: unknown;
  try {
    // Aliases are capped so a "billion laughs" document cannot expand without bound.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new PlanError('import_invalid', `${file}: YAML could not be loaded: ${String(cause)}`, {
      file,
      line: 1,
      cause,
    });
  }
  return { data, lineOf: nodeLocator(doc, lineCounter) };
}

function loadJson(text: string, file: string): Loaded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/.exec(String(cause))?.[1];
    const line = position === undefined ? 1 : lineAtOffset(text, Number(position));
    throw new PlanError(
      'import_invalid',
      `${file}:${line}: JSON: ${firstLine(cause instanceof Error ? cause.message : String(cause))}`,
      {
        file,
        line,
        cause,
      },
    );
  }
  // JSON is YAML's flow style, so the YAML parser gives us node positions for error lines.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return { data, lineOf: doc.errors.length === 0 ? nodeLocator(doc, lineCounter) : () => undefined };
}

function nodeLocator(doc: Document, lineCounter: LineCounter): LineLocator {
  return (path: PlanPath) => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
