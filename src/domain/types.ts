import type { DateTime } from 'luxon';

/** A local calendar date, `yyyy-MM-dd`. Dates carry no zone: the plan's zone decides when they start. */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Wall-clock time of day, `HH:mm` (24 h). */
export type LocalTime = string;

export type TaskStatus = 'todo' | 'in_progress' | 'blocked' | 'done' | 'cancelled';

export type BlockerStatus = 'open' | 'acknowledged' | 'resolved';

/** The slice of a task the domain rules need; the service maps its rows onto this. */
export interface ScheduledTask {
  /** Stable key from the plan document. */
  readonly key: string;
  /** Local date the task is due (the end of that day). */
  readonly dueDate: IsoDate;
  /** Date the current baseline planned; absent means never moved (= dueDate). */
  readonly plannedDate?: IsoDate;
  readonly status: TaskStatus;
  /** Keys of the tasks this one waits for. */
  readonly dependsOn: readonly string[];
  /** On the critical path: slips of these drive the re-baseline rule. */
  readonly critical?: boolean;
  readonly doneAt?: DateTime | null;
  /** Set once the slip escalation went out, so it goes out once. */
  readonly slipEscalatedAt?: DateTime | null;
}

/** A plan milestone; without `taskKeys` it gates every task due on or before its date. */
export interface Milestone {
  readonly key: string;
  readonly date: IsoDate;
  readonly taskKeys?: readonly string[];
}

/** A change of a task's date, reported to the caller so it can be recorded as variance. */
export interface DateMove {
  readonly taskKey: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly reason: 'holiday' | 'slipped_dependency';
}
