import type { HomePlan } from '../read-model/home-plan.js';
import type { AnsweredKind } from '../read-model/occurrence-ref.js';
import { rankedBlockerBlocks } from './blocker-entry.js';
import { RITUAL_LABEL } from './schedule-reply.js';
import { formatDate, formatDateTime, formatTime, plural, taskLabel } from './format.js';
import { composeMessage, fitGroups } from './limits.js';
import type { Message, MessageAction, MessageBlock } from './message.js';

export interface HomeViewInput {
  now: Date;
  /** The plans of this workspace the viewer is a member of. */
  plans: readonly HomePlan[];
  /** Names of the workspace's plans, for someone who is on none of them yet. */
  otherPlans: readonly string[];
  /** What the viewer's last button on the home did (its reply), shown at the top of the refreshed home. */
  notice?: Message;
}

const STATUS: Record<HomePlan['dueToday'][number]['status'], string> = {
  todo: 'to do',
  in_progress: 'in progress',
  blocked: 'blocked',
  done: 'done',
  cancelled: 'cancelled',
};

const PROMPT_NAME: Record<AnsweredKind, string> = { standup: 'stand-up', weekend_checkin: 'weekend check-in' };

const ZONE_OF: Record<HomePlan['standup']['zoneOf'], string> = {
  member: 'your time zone',
  profile: "your profile's time zone",
  plan: "the plan's time zone; your member entry gives none",
};

/**
 * Where one of the member's blockers stands on the escalation ladder: who has it now and what
 * happens next if nobody acts, in the member's zone, so they know whether to chase someone.
 */
function ladderState(blocker: HomePlan['mine'][number], zone: string): string {
  if (blocker.acknowledged) return `acknowledged${blocker.acknowledgedBy ? ` by ${blocker.acknowledgedBy}` : ''}`;
  const parts: string[] = [];
  const { reached } = blocker;
  if (reached)
    parts.push(`reached tier ${reached.tier}${reached.label ? ` (${reached.label})` : ''}: ${reached.who.join(', ')}`);
  else parts.push('not escalated yet');
  if (blocker.nextTierAt)
    parts.push(
      `${reached ? 'next tier' : 'first tier'} ${formatDateTime(blocker.nextTierAt, zone)} unless acknowledged`,
    );
  else if (reached) parts.push('no tier left, not acknowledged');
  return parts.join(' · ');
}

// A home lists the first few of each kind; the full lists are one command away, and a long one
// would push the member's other plans off the page (a page holds 50 blocks).
const MAX_BLOCKERS_SHOWN = 3;
const MAX_TASKS_SHOWN = 10;
const MAX_PROPOSALS_SHOWN = 3;

/** The first `max` lines, and one saying how many more there are and where to see them. */
function firstOf(lines: readonly string[], max: number, where: string): string[] {
  return lines.length <= max ? [...lines] : [...lines.slice(0, max), `…and ${lines.length - max} more: ${where}`];
}

/**
 * A member's home in planbot (Slack's App Home tab): for each of their plans, today's tasks, the
 * stand-up and whether they answered it, and the blockers and proposals that wait on them, with
 * the buttons to act. Always current: it is rebuilt whenever it is opened or acted on.
 */
export function homeView(input: HomeViewInput): Message {
  const head = input.notice ? noticeBlocks(input.notice) : [];
  if (input.plans.length === 0)
    return composeMessage('reply', welcomeText(input.otherPlans), [...head, ...welcome(input.otherPlans)]);
  const groups = input.plans.map((plan, index) => [
    ...(index > 0 ? [{ type: 'divider' } as const] : []),
    ...planBlocks(plan, input.now),
  ]);
  const tail: MessageBlock[] = [
    {
      type: 'context',
      text: '`/plan help` lists every command. This is rebuilt each time you open it or type `/plan home`.',
    },
  ];
  const blocks = fitGroups({
    head,
    groups,
    tail,
    summarise: (hidden) => `…and ${plural(hidden, 'more plan')}: run \`/plan today\` in its channel.`,
  });
  const text = input.plans
    .map((p) => `${p.planName}: ${plural(p.dueToday.length, 'task')} due today, ${p.overdue.length} overdue`)
    .join('; ');
  return composeMessage('reply', text, blocks);
}

/**
 * The reply to a button, above the home: its text blocks as the reply had them (an error's reason
 * is in its blocks, not its short text), marked as done or refused. Its own buttons are left out:
 * the home below has the current ones.
 */
function noticeBlocks(reply: Message): MessageBlock[] {
  const mark = reply.kind === 'error' ? ':warning:' : ':white_check_mark:';
  const blocks = reply.blocks.filter((b) => b.type === 'section' || b.type === 'context' || b.type === 'list');
  const [first, ...rest] = blocks.length > 0 ? blocks : [{ type: 'section' as const, text: reply.text }];
  const marked: MessageBlock =
    first && first.type !== 'list' ? { ...first, text: `${mark} ${first.text}` } : { type: 'section', text: mark };
  return [marked, ...(first?.type === 'list' ? [first] : []), ...rest, { type: 'divider' }];
}

function welcomeText(otherPlans: readonly string[]): string {
  return otherPlans.length === 0
    ? 'No plan has been imported in this workspace yet.'
    : 'You are not on any plan in this workspace yet.';
}

function welcome(otherPlans: readonly string[]): MessageBlock[] {
  if (otherPlans.length === 0)
    return [
      { type: 'header', text: 'planbot' },
      {
        type: 'section',
        text: 'No plan has been imported in this workspace yet. A lead can import one with `/plan import` in the channel the plan should run in (paste it, or upload the file with the message "plan import").',
      },
    ];
  return [
    { type: 'header', text: 'planbot' },
    {
      type: 'section',
      text: `You are not on any plan in this workspace yet. This workspace runs ${plural(otherPlans.length, 'plan')}: ${otherPlans.map((name) => `*${name}*`).join(', ')}.`,
    },
    {
      type: 'context',
      text: 'If you are in one, link yourself with `/plan link "Your name as in the plan"`, or ask one of its leads to run `/plan link @you "Your name"`.',
    },
  ];
}

function planBlocks(plan: HomePlan, now: Date): MessageBlock[] {
  const day = plan.day ? ` · day ${plan.day.number} of ${plan.day.of}` : '';
  const blocks: MessageBlock[] = [
    { type: 'header', text: plan.planName },
    {
      type: 'context',
      text: `${formatDate(plan.date)}${day}${plan.off ? ' · you are off today' : ''}${plan.isLead ? ' · you lead this plan' : ''}`,
    },
    ...standupBlocks(plan),
    ...taskBlocks(plan),
  ];
  if (plan.mine.length > 0) {
    const shown = plan.mine.slice(0, MAX_BLOCKERS_SHOWN);
    blocks.push(
      { type: 'section', text: '*Your open blockers*' },
      {
        type: 'list',
        items: firstOf(
          plan.mine.map(
            (b) =>
              `#${b.number} ${b.summary}${b.taskKey ? ` (${b.taskKey})` : ''} · ${ladderState(b, plan.standup.zone)}`,
          ),
          MAX_BLOCKERS_SHOWN,
          '`/plan today`',
        ),
      },
      {
        type: 'actions',
        actions: shown.map((b) => ({ id: 'blocker_resolve', label: `Resolve #${b.number}`, value: b.id })),
      },
    );
  }
  if (plan.needsMe.length > 0)
    blocks.push(
      ...rankedBlockerBlocks(
        [
          {
            type: 'section',
            text: `*${plan.isLead ? 'Open blockers' : 'Blockers escalated to you'}* (${plan.needsMe.length}), most downstream impact first`,
          },
        ],
        plan.needsMe,
        { now, maxShown: MAX_BLOCKERS_SHOWN, moreHint: '`/plan blockers`' },
      ),
    );
  for (const proposal of plan.proposals.slice(0, MAX_PROPOSALS_SHOWN))
    blocks.push(
      {
        type: 'section',
        text: `*Re-plan proposal #${proposal.number}*: ${proposal.slippedTaskKey} slipped; ${proposal.moves > 0 ? `moves ${plural(proposal.moves, 'dependant')} to the buffer day` : 'its dependants need placing by hand'}.`,
      },
      {
        type: 'actions',
        actions:
          proposal.moves > 0
            ? [
                { id: 'replan_approve', label: 'Approve', value: proposal.id, style: 'primary' },
                { id: 'replan_reject', label: 'Reject', value: proposal.id },
              ]
            : [{ id: 'replan_reject', label: 'Dismiss', value: proposal.id }],
      },
    );
  if (plan.proposals.length > MAX_PROPOSALS_SHOWN)
    blocks.push({
      type: 'context',
      text: `…and ${plural(plan.proposals.length - MAX_PROPOSALS_SHOWN, 'more proposal')} waiting: each is in the plan's channel.`,
    });
  return blocks;
}

function standupBlocks(plan: HomePlan): MessageBlock[] {
  const { standup } = plan;
  const lines: string[] = [];
  if (standup.today) {
    const which = `Today's ${PROMPT_NAME[standup.today.kind]} (${formatTime(standup.today.at, standup.zone)})`;
    lines.push(standup.today.answered ? `${which}: your answer is in.` : `${which}: *you have not answered yet*.`);
  }
  if (standup.next)
    lines.push(
      `Next ${PROMPT_NAME[standup.next.kind]}: ${formatDateTime(standup.next.at, standup.zone)} (${ZONE_OF[standup.zoneOf]}).`,
    );
  if (lines.length === 0) lines.push('No stand-up is scheduled on this plan.');
  if (standup.others.length > 0)
    lines.push(
      `Also next: ${standup.others.map((r) => `${RITUAL_LABEL[r.kind]} ${formatDateTime(r.at, standup.zone)}`).join(' · ')}.`,
    );
  const blocks: MessageBlock[] = [{ type: 'section', text: lines.join('\n') }];
  const actions: MessageAction[] = [];
  if (standup.canAnswer)
    actions.push({
      id: 'standup_update',
      label: standup.today?.answered ? 'Change my update' : 'Post update',
      value: plan.planId,
      ...(standup.today && !standup.today.answered ? { style: 'primary' as const } : {}),
    });
  // Only someone with an open task can report a blocker (`block` names a task).
  const hasOpenTask = [plan.dueToday, plan.overdue, plan.thisWeek, plan.upcoming].some((list) => list.length > 0);
  if (hasOpenTask) actions.push({ id: 'blocker_open', label: 'Report a blocker', value: plan.planId });
  if (actions.length > 0) blocks.push({ type: 'actions', actions });
  return blocks;
}

function taskBlocks(plan: HomePlan): MessageBlock[] {
  const blocks: MessageBlock[] = [];
  if (plan.dueToday.length > 0)
    blocks.push(
      { type: 'section', text: '*Due today*' },
      {
        type: 'list',
        items: firstOf(
          plan.dueToday.map((t) => `${taskLabel(t)} · ${STATUS[t.status]}`),
          MAX_TASKS_SHOWN,
          '`/plan today`',
        ),
      },
    );
  else blocks.push({ type: 'section', text: 'Nothing of yours is due today.' });
  if (plan.overdue.length > 0)
    blocks.push(
      { type: 'section', text: '*Overdue*' },
      {
        type: 'list',
        items: firstOf(
          plan.overdue.map((t) => `${taskLabel(t)} · ${plural(t.daysLate, 'day')} late`),
          MAX_TASKS_SHOWN,
          '`/plan today`',
        ),
      },
    );
  if (plan.thisWeek.length > 0)
    blocks.push(
      { type: 'section', text: '*Later this week*' },
      {
        type: 'list',
        items: firstOf(
          plan.thisWeek.map((t) => `${taskLabel(t)} · ${formatDate(t.dueDate)}`),
          MAX_TASKS_SHOWN,
          '`/plan today`',
        ),
      },
    );
  if (plan.upcoming.length > 0)
    blocks.push({
      type: 'context',
      text: `Next: ${plan.upcoming.map((t) => `${taskLabel(t)} (${formatDate(t.dueDate)})`).join(', ')}`,
    });
  return blocks;
}
