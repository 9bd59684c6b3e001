import { z } from 'zod';

/**
 * The platform-neutral command. Adapters turn a slash command, a mention or a thread reply into
 * one of these (parse-command.ts for text); PlanService never sees platform payloads.
 */
export const COMMAND_NAMES = [
  'help',
  'today',
  'status',
  'blockers',
  'block',
  'ack',
  'resolve',
  'escalate',
  'done',
  'standup',
  'schedule',
  'replan',
  'link',
  'report',
  'away',
  'back',
  'holiday',
  'home',
] as const;
export const commandNameSchema = z.enum(COMMAND_NAMES);
export type CommandName = z.output<typeof commandNameSchema>;

/** The quick status a member gives a task in a stand-up answer. */
export const QUICK_STATUSES = ['done', 'in_progress', 'blocked'] as const;
export type QuickStatus = (typeof QUICK_STATUSES)[number];

// Plan keys are letters, digits, ".", "_" and "-" (plan-primitives); a user may prefix one with "#".
const taskKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a task key such as d3')
  .max(120);
/** A blocker or proposal: its number as shown in chat (`12`) or its id (from a button). */
const ref = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'a number such as 12')
  .max(64);
// Bounded so a pasted log cannot become a blocker summary nobody can read or a message over the limits.
const userText = z.string().trim().min(1).max(2000);
const noArgs = z.strictObject({});

export const commandSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('help'), args: z.strictObject({ topic: commandNameSchema.optional() }) }),
  z.strictObject({ name: z.literal('today'), args: noArgs }),
  z.strictObject({ name: z.literal('status'), args: noArgs }),
  z.strictObject({ name: z.literal('blockers'), args: noArgs }),
  z.strictObject({ name: z.literal('block'), args: z.strictObject({ taskKey, text: userText }) }),
  z.strictObject({ name: z.literal('ack'), args: z.strictObject({ blockerRef: ref, note: userText.optional() }) }),
  z.strictObject({ name: z.literal('resolve'), args: z.strictObject({ blockerRef: ref, note: userText.optional() }) }),
  z.strictObject({ name: z.literal('escalate'), args: z.strictObject({ blockerRef: ref }) }),
  z.strictObject({ name: z.literal('done'), args: z.strictObject({ taskKey }) }),
  z.strictObject({
    name: z.literal('standup'),
    // All absent: "answer now" (the service shows the prompt or form). `blockers: null` is an explicit "none".
    // `statuses`: the quick status per task the member owns today (modal select, card choice, or "d3 done" in text).
    args: z.strictObject({
      did: userText.optional(),
      doing: userText.optional(),
      blockers: userText.nullable().optional(),
      statuses: z.record(taskKey, z.enum(QUICK_STATUSES)).optional(),
      // The prompt answered (the adapter found it from the thread or DM); absent: the latest stand-up or check-in.
      occurrenceId: z.uuid().optional(),
      // The member edited the chat message that gave their answer (Slack message_changed, Teams editMessage).
      edited: z.literal(true).optional(),
    }),
  }),
  z.strictObject({ name: z.literal('schedule'), args: noArgs }),
  z.strictObject({
    name: z.literal('replan'),
    args: z.strictObject({ decision: z.enum(['approve', 'reject']), proposalRef: ref }),
  }),
  z.strictObject({
    name: z.literal('link'),
    // Without platformUser the asker links themselves; the adapter resolves the raw user token.
    args: z.strictObject({
      memberName: z.string().trim().min(1).max(200),
      platformUser: z.string().min(1).max(200).optional(),
    }),
  }),
  z.strictObject({
    name: z.literal('report'),
    // Neither: the current plan week. `week` is a plan week number or the one before the current;
    // `date` a day inside the week wanted.
    args: z.strictObject({
      week: z.union([z.number().int().min(1).max(1000), z.literal('last')]).optional(),
      date: z.iso.date().optional(),
    }),
  }),
  z.strictObject({
    name: z.literal('away'),
    // `dates` as typed ("dec 10 to dec 12"): the service reads it in the plan's zone against its clock.
    // Absent: list the time off. `platformUser` or `memberName`: someone else's (leads only).
    args: z.strictObject({
      dates: z.string().trim().min(1).max(200).optional(),
      /** `away cancel <date>`: take back the time off holding that date. */
      cancel: z.literal(true).optional(),
      platformUser: z.string().min(1).max(200).optional(),
      memberName: z.string().trim().min(1).max(200).optional(),
    }),
  }),
  z.strictObject({
    name: z.literal('back'),
    args: z.strictObject({
      platformUser: z.string().min(1).max(200).optional(),
      memberName: z.string().trim().min(1).max(200).optional(),
    }),
  }),
  z.strictObject({
    name: z.literal('holiday'),
    // `text`: the date as typed and an optional name ("dec 24 Christmas Eve"), read by the service.
    args: z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('list') }),
      z.strictObject({ action: z.literal('add'), text: z.string().trim().min(1).max(200) }),
      z.strictObject({ action: z.literal('remove'), text: z.string().trim().min(1).max(200) }),
    ]),
  }),
  z.strictObject({ name: z.literal('home'), args: noArgs }),
]);

export type Command = z.output<typeof commandSchema>;
export type CommandOf<N extends CommandName> = Extract<Command, { name: N }>;
export type StandupArgs = CommandOf<'standup'>['args'];

export interface CommandSpec {
  /** Everything after `/plan`. */
  usage: string;
  summary: string;
  /** Only leads and sponsors may run it; the service enforces this, help shows it. */
  leadOnly: boolean;
}

export const COMMAND_SPECS: Readonly<Record<CommandName, CommandSpec>> = {
  help: { usage: 'help [command]', summary: 'Show what planbot can do.', leadOnly: false },
  today: { usage: 'today', summary: 'Your tasks for today and what is overdue.', leadOnly: false },
  status: { usage: 'status', summary: 'Where the plan stands: done, late, blocked, next milestone.', leadOnly: false },
  blockers: { usage: 'blockers', summary: 'Open blockers ranked by downstream impact.', leadOnly: true },
  block: { usage: 'block <task> <what is blocking you>', summary: 'Report a blocker on a task.', leadOnly: false },
  ack: {
    usage: 'ack <blocker number> [note]',
    summary: 'Take ownership of a blocker; stops its escalation.',
    leadOnly: false,
  },
  resolve: {
    usage: 'resolve <blocker number> [how it was resolved]',
    summary: 'Close a blocker and tell whoever was notified.',
    leadOnly: false,
  },
  escalate: {
    usage: 'escalate <blocker number>',
    summary: 'Send an open blocker to the next tier of the ladder now.',
    leadOnly: false,
  },
  done: { usage: 'done <task>', summary: 'Mark one of your tasks done.', leadOnly: false },
  standup: {
    usage: 'standup [did: … doing: … blockers: …]',
    summary: 'Answer the stand-up now ("blockers: none" if nothing blocks you).',
    leadOnly: false,
  },
  schedule: {
    usage: 'schedule',
    summary: 'When the next stand-up, check-in, triage and memo happen, in your time zone.',
    leadOnly: false,
  },
  replan: {
    usage: 'replan approve|reject <proposal number>',
    summary: 'Decide on a proposal to move tasks to a buffer day.',
    leadOnly: true,
  },
  link: {
    usage: 'link [@user] "Name as in the plan"',
    summary: 'Link a chat account to a plan member (linking someone else: leads only).',
    leadOnly: false,
  },
  report: {
    usage: 'report [week number | last | yyyy-mm-dd]',
    summary: 'Answer rates, blockers and acknowledgement times per tier, slips and variance for a plan week.',
    leadOnly: true,
  },
  away: {
    usage: 'away [@user | "Name"] [<from> [<to>] | cancel <date>]',
    summary:
      'Time off: stand-ups skip you, your escalations go to the next tier (no dates: list yours; someone else: leads only).',
    leadOnly: false,
  },
  back: {
    usage: 'back [@user | "Name"]',
    summary: 'End your current time off from today; time off ahead stays.',
    leadOnly: false,
  },
  holiday: {
    usage: 'holiday [<date> [name] | remove <date>]',
    summary:
      'Plan-wide holidays: no stand-up or triage that day, tasks due move to the next working day (adding and removing: leads only).',
    // Listing is open to all; adding and removing are checked in the handler.
    leadOnly: false,
  },
  home: {
    usage: 'home',
    summary: 'Your day in each of your plans: tasks, blockers and the next stand-up, with buttons.',
    leadOnly: false,
  },
};

export const COMMAND_PREFIX = '/plan';

export function usageOf(name: CommandName, prefix: string = COMMAND_PREFIX): string {
  return `${prefix} ${COMMAND_SPECS[name].usage}`;
}

export function isLeadOnly(name: CommandName): boolean {
  return COMMAND_SPECS[name].leadOnly;
}
