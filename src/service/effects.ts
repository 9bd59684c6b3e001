import type { IsoDate } from '../domain/types.js';
import type { TimeOffRange } from '../domain/member-availability.js';
import type { PlanHoliday } from './read-model/plan-state.js';
import type { Plan } from '../plans/plan-schema.js';
import type { ChatPlatform } from './read-model/platform.js';
import type { Message } from './messages/message.js';
import type { PagerDutyEvent } from './messages/pagerduty-event.js';
import type { BlockerStatus, TaskStatus } from '../domain/types.js';

interface OutboxDraftBase {
  idempotencyKey: string;
  target: string;
  /** Idempotency key of the message this one threads under. */
  parentKey?: string;
  notBefore: Date;
  /** The plan's workspace (row id): a multi-workspace sender picks that install's token. */
  workspaceId?: string;
}

/** A chat message to deliver, addressed for one platform. */
export interface ChatDraft extends OutboxDraftBase {
  platform: ChatPlatform;
  message: Message;
}

/**
 * A PagerDuty event to deliver (the payload column holds the event, not a Message). `target` is
 * the blocker id: the dispatcher keeps order per target, so a resolve never overtakes its trigger.
 */
export interface PagerDutyDraft extends OutboxDraftBase {
  platform: 'pagerduty';
  message: PagerDutyEvent;
}

/** Something to deliver. Unique by idempotency key: enqueuing twice is harmless. */
export type OutboxDraft = ChatDraft | PagerDutyDraft;

/**
 * A change the service decided on. The store applies a list of them in one transaction, so a
 * command's rows and the messages it queues land together or not at all. Claims and guarded
 * updates that find the world changed abort the whole list (`ConflictError`), and the caller
 * treats that as "someone else got there first". Blocker and proposal numbers are chosen from the
 * loaded state; the unique (plan, number) key turns a race between two commands into a conflict.
 */
export type Effect =
  | {
      type: 'occurrence.claim';
      ritualId: string;
      scheduledAt: Date;
      claimedBy: string;
      status: 'posted' | 'skipped';
      remindAt?: Date;
      /** Members a posted stand-up or check-in named (ids), kept for reports. */
      asked?: string[];
      /** Stand-ups with a digest: when it posts. */
      digestAt?: Date;
    }
  | { type: 'ritual.advance'; ritualId: string; from: Date | null; to: Date | null }
  | { type: 'occurrence.reminded'; occurrenceId: string; at: Date }
  /** Claims the stand-up's digest: a guarded update, so two ticks cannot both post it. */
  | { type: 'occurrence.digested'; occurrenceId: string; at: Date }
  | {
      type: 'standup.reply';
      occurrenceId: string;
      memberId: string;
      did?: string;
      doing?: string;
      blockers?: string;
      taskStatuses: Record<string, TaskStatus>;
      /** Replacing an answer already given records this as its edit time. */
      at: Date;
    }
  | {
      type: 'blocker.open';
      blockerId: string;
      planId: string;
      number: number;
      summary: string;
      taskId: string | null;
      reporterId: string | null;
      at: Date;
      nextEscalationAt: Date | null;
    }
  | {
      type: 'blocker.update';
      blockerId: string;
      expectStatus: BlockerStatus[];
      /** The tiers fired when the command decided; one fired meanwhile (it may have paged) means decide again. */
      expectTiersSent?: number;
      data: {
        status?: BlockerStatus;
        acknowledgedAt?: Date;
        acknowledgedById?: string;
        resolvedAt?: Date;
        resolution?: string | null;
        nextEscalationAt?: Date | null;
        /** A stand-up answer given again corrects what it said blocks the member. */
        summary?: string;
      };
    }
  | {
      type: 'escalation.claim';
      blockerId: string;
      tier: number;
      target: string;
      dueAt: Date;
      at: Date;
      nextEscalationAt: Date | null;
    }
  | { type: 'task.update'; taskId: string; data: { status?: TaskStatus; doneAt?: Date | null; dueDate?: IsoDate } }
  | { type: 'task.slip_claim'; taskId: string; at: Date }
  | {
      type: 'replan.create';
      replanId: string;
      planId: string;
      number: number;
      slippedTaskKey: string;
      moves: { taskKey: string; from: IsoDate; to: IsoDate }[];
      bufferDate: IsoDate | null;
      at: Date;
    }
  | { type: 'replan.decide'; replanId: string; status: 'approved' | 'rejected'; by: string; at: Date }
  | {
      type: 'plan.version';
      planId: string;
      fromVersion: number;
      document: Plan;
      variance: unknown;
      by: string;
      at: Date;
    }
  | { type: 'identity.link'; memberId: string; platform: ChatPlatform; externalId: string }
  /**
   * A member's time off, set in chat. Guarded: `expect` is what the command saw, so two changes to
   * the same person's time off at once cannot silently drop one (the second conflicts).
   */
  | { type: 'member.time_off'; memberId: string; expect: TimeOffRange[]; timeOff: TimeOffRange[] }
  /** The plan-wide holidays added in chat (the document's stay in the document). Guarded as above. */
  | { type: 'plan.holidays'; planId: string; expect: PlanHoliday[]; holidays: PlanHoliday[] }
  | { type: 'outbox'; draft: OutboxDraft }
  | { type: 'audit'; planId: string; actor: string; action: string; detail?: Record<string, unknown>; at: Date };

/** Thrown by a store when a claim is lost or a guarded row changed under us; nothing was applied. */
export class ConflictError extends Error {
  constructor(
    readonly effect: Effect['type'],
    detail: string,
  ) {
    super(`${effect}: ${detail}`);
    this.name = 'ConflictError';
  }
}
