import type { BlockerStatus, IsoDate, TaskStatus } from '../../domain/types.js';
import type { Plan } from '../../plans/plan-schema.js';
import type { DigestTiming } from '../../domain/digest-instant.js';
import type { WorkspaceRef } from './workspace-ref.js';

/** Who a stand-up asks: owners with work due today or overdue, or every member who is not off. */
export type StandupAsk = 'owners' | 'everyone';

export type { DigestTiming };

export type StoredRole = 'member' | 'lead' | 'sponsor' | 'on_call';

/** Everything the service decides from, loaded for one plan: plans are small (hundreds of tasks). */
export interface PlanState {
  plan: {
    id: string;
    name: string;
    timezone: string;
    channel: string | null;
    version: number;
    document: Plan;
    workspace: WorkspaceRef & { id: string };
    /** Holidays added in chat (`/plan holiday`); the plan's calendar is these and the document's. */
    holidays: PlanHoliday[];
  };
  members: MemberState[];
  tasks: TaskState[];
  blockers: BlockerState[];
  replans: ReplanState[];
  rituals: RitualState[];
}

/** A plan-wide day off added in chat, with the name it was given. */
export interface PlanHoliday {
  date: IsoDate;
  name: string | null;
}

export interface RitualState {
  id: string;
  key: string;
  kind: 'standup' | 'weekend_checkin' | 'triage' | 'sync' | 'weekly_memo' | 'milestone_checkpoint';
  localTime: string;
  timezone: string;
  days: number[];
  onBufferDays: boolean;
  channel: string | null;
  inThread: boolean;
  questions: string[];
  /** Stand-up prompts go to each owner as a DM instead of one channel post. */
  dm: boolean;
  /** Stand-ups: who is asked (absent: owners with work due). */
  ask?: StandupAsk;
  /** Stand-ups: minutes after the prompt that the one reminder goes out (absent: the scheduler's default). */
  remindAfterMinutes?: number;
  /** Stand-ups: when the digest of answers posts (absent: no digest). */
  digest?: DigestTiming;
  active: boolean;
  nextRunAt: Date | null;
}

export interface MemberState {
  id: string;
  key: string;
  displayName: string;
  roles: StoredRole[];
  /** From the plan document; lets a chat account be linked by its profile email. */
  email: string | null;
  timezone: string | null;
  timeOff: { from: IsoDate; to: IsoDate }[];
  identities: { platform: WorkspaceRef['platform']; externalId: string | null; handle: string | null }[];
}

export interface TaskState {
  id: string;
  key: string;
  title: string;
  ownerId: string | null;
  dueDate: IsoDate;
  plannedDate: IsoDate;
  status: TaskStatus;
  critical: boolean;
  deliverable: string | null;
  dependsOn: string[];
  doneAt: Date | null;
  slipEscalatedAt: Date | null;
}

export interface BlockerState {
  id: string;
  number: number;
  summary: string;
  status: BlockerStatus;
  taskId: string | null;
  reporterId: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  nextEscalationAt: Date | null;
  /** Tiers already fired, with whom they reached, so a resolution tells them. */
  steps: { tier: number; target: string }[];
}

export interface ReplanState {
  id: string;
  number: number;
  slippedTaskKey: string;
  moves: { taskKey: string; from: IsoDate; to: IsoDate }[];
  status: 'pending' | 'approved' | 'rejected';
  /** When it was proposed: tells a proposal made for this slip from one made before a re-baseline. */
  createdAt: Date;
}
