import type { IsoDate } from '../../domain/types.js';
import { importPlanText } from '../../plans/plan-import.js';
import type { ImportResult } from '../../plans/plan-import-types.js';
import type { Plan, PlanRitual } from '../../plans/plan-schema.js';
import { defaultStartDate } from '../../plans/plan-start.js';
import { uncoveredTaskDays } from '../deciders/uncovered-task-days.js';
import { planVariance, type PlanVariance } from '../../plans/plan-variance.js';
import { buildPlanSnapshot, type PlanSnapshot } from '../read-model/plan-snapshot.js';
import type { WorkspaceRef } from '../read-model/workspace-ref.js';
import { keptMoves, withKeptMoves, type KeptMove, type StoredVersion } from './kept-moves.js';
import { withChatHolidays } from './kept-holidays.js';
import type { PlanHoliday } from '../read-model/plan-state.js';

/** Stores a plan snapshot as a new version in one transaction (src/store implements it). */
export interface PlanVersionStore {
  savePlanVersion(
    workspace: WorkspaceRef,
    snapshot: PlanSnapshot,
    meta: {
      sourceName: string;
      importedBy: string;
      channel?: string;
      at: Date;
      variance?: (previous: unknown) => PlanVariance | undefined;
      /**
       * On a re-import, before anything is written: the plan's versions newest first, back to and
       * including the last import (re-plan versions have sourceName 'replan'). Returns the snapshot
       * to store instead (approved moves kept); the variance is then computed against that one.
       * `kept.holidays`: the plan's holidays added in chat, which a re-import keeps (tasks on them move).
       */
      rebase?: (history: StoredVersion[], kept: { holidays: PlanHoliday[] }) => PlanSnapshot;
    },
  ): Promise<{ planId: string; version: number; previousDocument: unknown }>;
}

export interface ImportPlanRequest {
  text: string;
  file: string;
  startDate?: IsoDate;
  planName?: string;
  /** Only the part of a Markdown document under this heading. */
  section?: string;
  /** Rituals added to the document's (`planbot import --cadence`), in the plan's time zone. */
  cadence?: PlanRitual[];
  workspace: WorkspaceRef;
  channel?: string;
  importedBy: string;
}

export interface ParsedImport {
  result: ImportResult;
  snapshot: PlanSnapshot;
}

/**
 * Reads and checks a plan document without storing anything (the dry run, and the first half of
 * every import): parse, validate, resolve dates and first ritual firings. Throws PlanError
 * 'import_invalid' with file and line for anything it cannot accept.
 */
export function parseImport(request: ImportPlanRequest, now: Date): ParsedImport {
  const result = importPlanText(request.text, {
    file: request.file,
    ...(request.startDate ? { startDate: request.startDate } : {}),
    ...(request.planName ? { planName: request.planName } : {}),
    today: now.toISOString().slice(0, 10),
    ...(request.section ? { section: request.section } : {}),
  });
  if (request.cadence) result.plan.rituals.push(...request.cadence);
  if (request.startDate === undefined && result.plan.startDate === undefined) {
    const start = defaultStartDate(result.plan, now);
    result.plan.startDate = start.date;
    result.warnings.unshift({
      line: 1,
      message: `no start date given: day 1 is ${start.date} (${start.why}); use --start YYYY-MM-DD to choose another`,
    });
  }
  const snapshot = buildPlanSnapshot(result.plan, now, request.startDate);
  const uncovered = uncoveredTaskDays(snapshot);
  if (uncovered) result.warnings.push(uncovered);
  return { result, snapshot };
}

/** Stores a parsed import; re-importing a plan of the same name re-baselines it with a variance report. */
export async function storeImport(
  store: PlanVersionStore,
  request: ImportPlanRequest,
  parsed: ParsedImport,
  now: Date,
) {
  let variance: PlanVariance | undefined;
  let kept: KeptMove[] = [];
  let stored = parsed.snapshot;
  const saved = await store.savePlanVersion(request.workspace, parsed.snapshot, {
    sourceName: request.file,
    importedBy: request.importedBy,
    at: now,
    ...(request.channel ? { channel: request.channel } : {}),
    rebase: (history, plan) => {
      kept = keptMoves(history, parsed.snapshot);
      return (stored = withChatHolidays(withKeptMoves(parsed.snapshot, kept), plan?.holidays ?? []));
    },
    // Kept moves are recorded with the variance: the next re-import reads them back from there.
    variance: (previous) =>
      (variance = { ...planVariance(previous as Plan, stored.document), ...(kept.length > 0 ? { kept } : {}) }),
  });
  return { ...saved, variance, kept };
}
