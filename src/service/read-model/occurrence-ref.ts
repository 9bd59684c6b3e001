import type { RitualState } from './plan-state.js';

/** Rituals whose prompts people answer (did / doing / blockers); the others only inform. */
export const ANSWERED_KINDS = ['standup', 'weekend_checkin'] as const satisfies readonly RitualState['kind'][];
export type AnsweredKind = (typeof ANSWERED_KINDS)[number];

/** One posted occurrence, as much as an answer needs to attach to it. */
export interface OccurrenceRef {
  id: string;
  planId: string;
  ritualId: string;
  kind: RitualState['kind'];
  scheduledAt: Date;
}

export const isAnswered = (kind: RitualState['kind']): kind is AnsweredKind =>
  (ANSWERED_KINDS as readonly string[]).includes(kind);
