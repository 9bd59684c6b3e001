import { z } from 'zod';
import {
  ianaZoneSchema,
  planDateSchema,
  isoWeekdaySchema,
  localTimeSchema,
  memberRoleSchema,
  planKeySchema,
  ritualKindSchema,
} from './plan-primitives.js';
import { durationSchema } from './duration-minutes.js';

export const planMemberSchema = z.strictObject({
  key: planKeySchema.optional().meta({ description: 'Stable id; derived from the name when absent' }),
  name: z.string().min(1),
  title: z.string().min(1).optional().meta({ description: 'Job title as written in the plan, e.g. "Project Lead"' }),
  roles: z.array(memberRoleSchema).min(1).default(['member']),
  streams: z.array(z.string().min(1)).optional().meta({
    description:
      'Teams or work streams this member answers for (a task\'s `stream`); their slips go to them rather than to every sponsor. Without it, a title or name like "Head of Infrastructure" names its stream',
  }),
  email: z.email().optional(),
  slackId: z.string().min(1).optional().meta({ description: 'Slack user id, e.g. U0123ABC' }),
  slackHandle: z.string().min(1).optional().meta({ description: 'Slack @handle without the @' }),
  teamsId: z.string().min(1).optional().meta({ description: 'Teams / Entra object id' }),
  timezone: ianaZoneSchema.optional().meta({ description: "Member's own zone when it differs from the plan's" }),
});

export const planTaskSchema = z.strictObject({
  key: planKeySchema,
  title: z.string().min(1),
  owner: z.string().min(1).optional().meta({ description: 'Member name or key' }),
  day: z.number().int().min(1).optional().meta({ description: 'Plan day, 1 = start date' }),
  week: z.number().int().min(1).optional().meta({ description: 'Plan week, 1 = days 1-7' }),
  date: planDateSchema.optional(),
  time: localTimeSchema
    .optional()
    .meta({ description: 'Start time on its day, in the plan zone, when the plan gives one (a run-of-show slot)' }),
  offset: z
    .string()
    .regex(/^T(?:[+-]\d+(?:mo|[mhdw]))?(?:\.\.T(?:[+-]\d+(?:mo|[mhdw]))?)?$/)
    .optional()
    .meta({
      description:
        'When the plan counts from an event ("T-3d", "T+1h", "T-9mo..T-8mo"); the day/week then says where that falls in the plan',
    }),
  effort: z.string().min(1).optional().meta({ description: 'Effort or duration as written, e.g. "2 days"' }),
  durationDays: z.number().positive().optional(),
  priority: z.string().min(1).optional().meta({ description: 'As written: P0-P3, High, …' }),
  dependsOn: z.array(planKeySchema).default([]).meta({ description: 'Keys of tasks that must finish first' }),
  dependencies: z.array(z.string().min(1)).default([]).meta({ description: 'Free-text dependencies' }),
  deliverable: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  checklist: z.array(z.string().min(1)).default([]),
  stream: z.string().min(1).optional().meta({ description: 'Team or work stream' }),
  critical: z.boolean().default(false).meta({ description: 'On the critical path' }),
  buffer: z.boolean().default(false).meta({ description: 'Work planned on a buffer day' }),
});

export const planMilestoneSchema = z.strictObject({
  key: planKeySchema,
  name: z.string().min(1),
  dueDay: z.number().int().min(1).optional(),
  dueWeek: z.number().int().min(1).optional(),
  dueDate: planDateSchema.optional(),
  gateCriteria: z.array(z.string().min(1)).default([]),
});

export const planBufferSchema = z.strictObject({
  days: z.array(z.number().int().min(1)).default([]).meta({ description: 'Plan days kept light to absorb slips' }),
  swapRule: z.string().min(1).optional(),
});

export const planRitualSchema = z.strictObject({
  key: planKeySchema.optional(),
  kind: ritualKindSchema,
  name: z.string().min(1).optional(),
  localTime: localTimeSchema,
  zone: ianaZoneSchema.optional().meta({ description: "Defaults to the plan's timezone" }),
  days: z.array(isoWeekdaySchema).min(1),
  channel: z.string().min(1).optional(),
  questions: z.array(z.string().min(1)).default([]),
  thread: z.boolean().default(false).meta({ description: 'Collect replies in one thread' }),
  dm: z.boolean().default(false).meta({
    description:
      'Stand-ups only: each owner gets their own prompt as a direct message instead of one post in the channel',
  }),
  ask: z.enum(['owners', 'everyone']).optional().meta({
    description:
      'Stand-ups only: who is asked. "owners" (the default): members with work due today or overdue; "everyone": every member who is not off (sponsors only watch)',
  }),
  remindAfter: durationSchema.optional().meta({
    description: 'Stand-ups only: when those asked who have not answered get their one reminder (default 1h)',
  }),
  digestAt: localTimeSchema.optional().meta({
    description: "Stand-ups only: post a digest of the answers at this local time the same day, in the ritual's zone",
  }),
  digestAfter: durationSchema.optional().meta({
    description: 'Stand-ups only: post a digest of the answers this long after the stand-up (instead of digestAt)',
  }),
});

export const ladderTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), member: z.string().min(1).meta({ description: 'Member name or key' }) }),
  z.strictObject({ kind: z.literal('role'), role: memberRoleSchema }),
  z
    .strictObject({
      kind: z.literal('pagerduty'),
      routingKey: z.string().min(1).optional().meta({
        description: 'As written in the plan, for reference; pages go to the service of PAGERDUTY_ROUTING_KEY',
      }),
      schedule: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'PagerDuty schedule or service name, shown in the page and the chat message' }),
      member: z.string().min(1).optional().meta({ description: 'Who usually answers the page; also told in chat' }),
    })
    .meta({
      description:
        'Triggers a PagerDuty incident (Events API v2, dedup key = blocker id) and resolves it with the blocker',
    }),
]);

export const planLadderTierSchema = z.strictObject({
  label: z.string().min(1).optional().meta({ description: 'As written: Primary, Secondary, …' }),
  target: ladderTargetSchema,
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .meta({ description: 'Minutes after the previous tier (the first tier: after the blocker opened)' }),
  businessHours: z.boolean().default(true).meta({
    description:
      'The delay counts business hours only (the default: nobody is woken at 03:00 by a "4 h"); false for any time, 24/7',
  }),
  channel: z.string().min(1).optional(),
});

export const planRulesSchema = z.strictObject({
  slipThresholdBusinessDays: z.number().int().min(0).default(1),
  slipEscalatesTo: z.string().min(1).optional().meta({ description: 'Member name/key or a role' }),
  pushDependantsToBuffer: z.boolean().default(false),
  rebaselineWhenCriticalSlips: z.number().int().min(1).optional(),
  guestsMayOpenBlockers: z.boolean().default(false).meta({
    description:
      'Anyone in the workspace may open a blocker (and so page the ladder), not only people linked to a plan member',
  }),
  ownerAckStopsEscalation: z.boolean().default(false).meta({
    description:
      "The blocked task's owner acknowledging stops the ladder; by default it goes on, since the owner is who is stuck",
  }),
  firstTierAt: z.enum(['at_once', 'next_triage']).optional().meta({
    description:
      "When a blocker's first ladder tier is told: at once (the default) or at the plan's next triage window; later tiers count from then",
  }),
});

export const planSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    timezone: ianaZoneSchema,
    startDate: planDateSchema.optional().meta({ description: 'Day 1; optional while the plan only has day numbers' }),
    lengthDays: z.number().int().min(1).optional().meta({ description: 'Plan length; no task may fall after it' }),
    workingDays: z.array(isoWeekdaySchema).min(1).default([1, 2, 3, 4, 5]),
    holidays: z.array(planDateSchema).default([]),
    members: z.array(planMemberSchema).default([]),
    tasks: z.array(planTaskSchema).default([]),
    milestones: z.array(planMilestoneSchema).default([]),
    buffer: planBufferSchema.default({ days: [] }),
    rituals: z.array(planRitualSchema).default([]),
    ladder: z.array(planLadderTierSchema).default([]),
    rules: planRulesSchema.default({
      slipThresholdBusinessDays: 1,
      pushDependantsToBuffer: false,
      guestsMayOpenBlockers: false,
      ownerAckStopsEscalation: false,
    }),
  })
  .meta({ title: 'planbot plan', description: 'An execution plan planbot runs in Slack and Teams' });

export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type PlanMember = z.output<typeof planMemberSchema>;
export type PlanTask = z.output<typeof planTaskSchema>;
export type PlanMilestone = z.output<typeof planMilestoneSchema>;
export type PlanBuffer = z.output<typeof planBufferSchema>;
export type PlanRitual = z.output<typeof planRitualSchema>;
export type LadderTarget = z.output<typeof ladderTargetSchema>;
export type PlanLadderTier = z.output<typeof planLadderTierSchema>;
export type PlanRules = z.output<typeof planRulesSchema>;
export type MemberRole = z.output<typeof memberRoleSchema>;
export type RitualKind = z.output<typeof ritualKindSchema>;
