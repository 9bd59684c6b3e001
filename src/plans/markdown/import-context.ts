import type { Nodes } from 'mdast';
import type { ImportWarning, UnplacedBlock } from '../plan-import-types.js';
import { KeyAllocator } from '../plan-keys.js';
import type { PlanLadderTier, PlanMilestone, PlanRitual, PlanTask } from '../plan-schema.js';
import { MemberRegistry } from './member-registry.js';

/** A task while the document is still being read; `line` feeds warnings and error locations. */
export interface DraftTask extends PlanTask {
  line: number;
  /** Scope for "Task 2" references: the role or stream the task was listed under. */
  scope?: string;
  number?: number;
}

export interface Sourced<T> {
  value: T;
  line: number;
}

export interface TeamInfo {
  name: string;
  lead?: string;
  /** Words that name this team elsewhere: its abbreviation and its roles ("Frontend Engineers"). */
  aliases: string[];
}

/** Everything one import accumulates; readers add to it, the assembler turns it into a Plan. */
export class ImportContext {
  readonly file: string;
  readonly warnings: ImportWarning[] = [];
  readonly unplaced: UnplacedBlock[] = [];
  readonly consumed = new Set<Nodes>();
  readonly members = new MemberRegistry(this.warnings);
  readonly keys = new KeyAllocator();
  readonly tasks: DraftTask[] = [];
  readonly milestones: Sourced<PlanMilestone>[] = [];
  readonly rituals: Sourced<PlanRitual>[] = [];
  readonly ladder: Sourced<PlanLadderTier>[] = [];
  readonly teams: TeamInfo[] = [];
  readonly bufferDays = new Map<number, number>();
  swapRule?: string;
  divisionLead?: string;
  timezone?: Sourced<{ zone: string; written: string }>;
  lengthDays?: Sourced<number>;
  slipThreshold?: Sourced<number>;
  slipEscalatesTo?: Sourced<string>;
  pushDependantsToBuffer?: Sourced<boolean>;
  rebaselineWhenCriticalSlips?: Sourced<number>;
  firstTierAt?: Sourced<'next_triage'>;
  /** Plan-wide holidays (ISO dates) and the line each was read from. */
  readonly holidays = new Map<string, number>();

  constructor(file: string) {
    this.file = file;
  }

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  consume(node: Nodes): void {
    this.consumed.add(node);
  }

  isConsumed(node: Nodes): boolean {
    return this.consumed.has(node);
  }

  addTask(task: DraftTask): void {
    this.tasks.push(task);
  }

  addHoliday(date: string, line: number): void {
    if (!this.holidays.has(date)) this.holidays.set(date, line);
  }

  addBufferDay(day: number, line: number): void {
    if (!this.bufferDays.has(day)) this.bufferDays.set(day, line);
  }
}
