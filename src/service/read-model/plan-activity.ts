import type { AnsweredKind } from './occurrence-ref.js';

/** A half-open span of instants [from, to): the stretch of time a report counts. */
export interface InstantWindow {
  from: Date;
  to: Date;
}

/**
 * What happened in a plan over a window, as raw rows (PlanStore.planActivity): the stand-ups and
 * check-ins posted in it with their answers, and the blockers it touched with the tiers they
 * reached. The numbers are made from these by a pure function (participation-report.ts).
 */
export interface PlanActivity {
  /** Posted occurrences of answered rituals scheduled in the window, with every answer they got. */
  prompts: PromptActivity[];
  /** Blockers opened, acknowledged or resolved in the window, with every tier fired for them. */
  blockers: BlockerActivity[];
}

export interface PromptActivity {
  id: string;
  kind: AnsweredKind;
  scheduledAt: Date;
  /** Members the prompt named, recorded when it was posted; null for prompts posted before planbot kept it. */
  asked: string[] | null;
  replies: { memberId: string; receivedAt: Date }[];
}

export interface BlockerActivity {
  id: string;
  number: number;
  taskId: string | null;
  reporterId: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** Ladder tiers fired, numbered from 0 as stored (tier 1 to people), with when each went out. */
  steps: { tier: number; sentAt: Date }[];
}
