import type { ParticipationReport } from '../read-model/participation-report.js';
import type { IsoDate } from '../../domain/types.js';
import { formatDate, formatDateTime, formatMinutes, plural, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';
import type { Message, MessageBlock } from './message.js';

export interface ReportReplyInput {
  planName: string;
  zone: string;
  report: ParticipationReport;
  now: Date;
  /** A ladder tier's label as the plan writes it (Primary, Secondary), by tier number from 1. */
  tierLabel: (tier: number) => string | undefined;
  /** A task's key, title and owner by key, for the slipped and moved lines. */
  task: (key: string) => (TaskRef & { owner: string | null }) | undefined;
}

// A section names at most this many entries (members: a team rarely has more); its count is always the full number.
const MAX_ITEMS = 25;
const MAX_MEMBERS = 50;
const NONE = '—';

/** `78 %`; a rate of nothing asked is "—", never 0 %. */
export function percent(rate: number | null): string {
  return rate === null ? NONE : `${Math.round(rate * 100)} %`;
}

/** A median in seconds as people say it (`12 min`, `3 h 5 min`), or "—". */
export function seconds(value: number | null): string {
  if (value === null) return NONE;
  return value < 60 ? 'under a minute' : formatMinutes(value / 60);
}

function capped(items: readonly string[], max = MAX_ITEMS): string[] {
  const shown = items.slice(0, max);
  return items.length > shown.length ? [...shown, `…and ${items.length - shown.length} more`] : shown;
}

function section(title: string, items: readonly string[], empty: string, max = MAX_ITEMS): MessageBlock[] {
  if (items.length === 0) return [{ type: 'section', text: `*${title}:* ${empty}` }];
  return [
    { type: 'section', text: `*${title}*` },
    { type: 'list', items: capped(items, max) },
  ];
}

/**
 * `/plan report`: a plan week's participation (answers to stand-ups and check-ins, per member),
 * blockers (opened, resolved, acknowledged per ladder tier) and delivery (the weekly memo's
 * variance), as one reply for the lead who asked.
 */
export function reportReply(input: ReportReplyInput): Message {
  const { report } = input;
  const { week, totals, blockers, delivery } = report;
  const dates = `${formatDate(week.range.from)} – ${formatDate(week.range.to)}`;
  const asOf = week.running ? `so far, as of ${formatDateTime(input.now, input.zone)}` : 'the whole week';
  const answered =
    totals.prompts === 0 ? NONE : `${totals.answers} of ${totals.prompts} (${percent(totals.answerRate)})`;
  const memberLines = report.members.map((m) =>
    m.prompts === 0
      ? `${m.name}: ${NONE} (not asked this week)`
      : `${m.name}: ${m.answers} of ${m.prompts} answered (${percent(m.answerRate)}), median ${seconds(m.medianAnswerSeconds)}`,
  );
  const ackLines = blockers.acks.map((a) => {
    const name =
      a.tier === 0
        ? 'Before the ladder reached anyone'
        : `Tier ${a.tier}${input.tierLabel(a.tier) ? ` (${input.tierLabel(a.tier)})` : ''}`;
    return `${name}: ${a.acknowledged} acknowledged, median ${seconds(a.medianSeconds)} after the ping`;
  });
  const taskLine = (key: string): string => {
    const task = input.task(key);
    return task ? `${taskLabel(task)}${task.owner ? ` · ${task.owner}` : ''}` : `*${key}*`;
  };
  const moveLine = (move: { taskKey: string; from: IsoDate; to: IsoDate }) =>
    `${taskLine(move.taskKey)}: ${formatDate(move.from)} → ${formatDate(move.to)}`;
  const blocks: MessageBlock[] = [
    { type: 'header', text: `Report · ${input.planName} · week ${week.week}` },
    { type: 'context', text: `${dates} · ${asOf}` },
    {
      type: 'fields',
      fields: [
        { label: 'Answered', value: answered },
        { label: 'Median answer time', value: seconds(totals.medianAnswerSeconds) },
        { label: 'Blockers opened / resolved', value: `${blockers.opened} / ${blockers.resolved}` },
        { label: 'Blockers open', value: String(blockers.open) },
        { label: 'Planned / done', value: `${delivery.planned.length} / ${delivery.done.length}` },
        { label: 'Slipped / moved', value: `${delivery.slipped.length} / ${delivery.moved.length}` },
      ],
    },
    ...section('Stand-ups and check-ins', memberLines, 'nobody is on the plan.', MAX_MEMBERS),
    ...section('Acknowledgements by tier', ackLines, 'no blocker was acknowledged this week.'),
    ...section('Slipped', delivery.slipped.map(taskLine), 'none.'),
    ...section('Moved', delivery.moved.map(moveLine), 'none.'),
  ];
  if (report.replans.proposed > 0)
    blocks.push({
      type: 'context',
      text: `${plural(report.replans.proposed, 're-plan')} proposed this week, ${report.replans.approved} approved.`,
    });
  blocks.push({
    type: 'context',
    text: 'Asked = the stand-ups and check-ins that named your work, or that you answered. Acknowledged at a tier = the last tier pinged before the ack (or the resolve).',
  });
  const text = `Report for ${input.planName}, week ${week.week} (${dates}): ${totals.prompts === 0 ? 'no prompts' : `${answered} prompts answered`}, ${blockers.opened} blockers opened, ${blockers.resolved} resolved, ${delivery.slipped.length} slipped.`;
  return composeMessage('reply', text, blocks, { ephemeral: true });
}
