import { DateTime } from 'luxon';
import type { Message } from '../../../../src/service/messages/message.js';
import type { RankedBlockerView } from '../../../../src/service/messages/blocker-entry.js';
import { blockersReply } from '../../../../src/service/messages/blockers-reply.js';
import { errorReply } from '../../../../src/service/messages/error-reply.js';
import { escalationResolved } from '../../../../src/service/messages/escalation-resolved.js';
import { escalation } from '../../../../src/service/messages/escalation.js';
import { helpReply } from '../../../../src/service/messages/help-reply.js';
import { homeView } from '../../../../src/service/messages/home-view.js';
import { milestoneCheckpoint } from '../../../../src/service/messages/milestone-checkpoint.js';
import { replanProposal } from '../../../../src/service/messages/replan-proposal.js';
import { scheduleReply } from '../../../../src/service/messages/schedule-reply.js';
import { slipAlert } from '../../../../src/service/messages/slip-alert.js';
import { standupPrompt } from '../../../../src/service/messages/standup-prompt.js';
import { standupReminder } from '../../../../src/service/messages/standup-reminder.js';
import { statusReply } from '../../../../src/service/messages/status-reply.js';
import { syncReminder } from '../../../../src/service/messages/sync-reminder.js';
import { todayReply } from '../../../../src/service/messages/today-reply.js';
import { triage } from '../../../../src/service/messages/triage.js';
import { weekendCheckin } from '../../../../src/service/messages/weekend-checkin.js';
import { weeklyMemo } from '../../../../src/service/messages/weekly-memo.js';

const zone = 'America/Los_Angeles';
const now = DateTime.fromISO('2026-12-14T14:00', { zone });

/**
 * One message of every kind the composers produce, with `count` entries wherever a composer takes
 * a list and `say` as every user-written text (titles, summaries, names), so a test can pass
 * hostile text or huge plans through the real composers and then through the Slack renderer.
 */
export function composedMessages(count: number, say: (n: number) => string): [string, Message][] {
  const range = Array.from({ length: count }, (_, i) => i + 1);
  const task = (n: number) => ({ key: `d${n}`, title: say(n) });
  const blocker = (n: number): RankedBlockerView => ({
    id: `blk-${n}`,
    number: n,
    summary: say(n),
    status: n % 3 === 0 ? 'acknowledged' : 'open',
    ...(n % 3 === 0 ? { acknowledgedBy: '<@USAM>' } : {}),
    owner: `<@U${n}>`,
    task: task(n),
    openedAt: now.minus({ hours: n }),
    dependants: n % 4,
    milestone: n % 2 === 0 ? { name: say(n), daysUntil: 3 } : null,
  });
  return [
    [
      'standup prompt',
      standupPrompt({
        planName: say(0),
        date: '2026-12-09',
        owners: range.map((n) => ({
          mention: `<@U${n}>`,
          dueToday: [task(n)],
          overdue: [{ ...task(n + 1), daysLate: 2 }],
        })),
        off: ['<@UMORGAN>'],
        updateRef: 'standup:plan-1:2026-12-09',
      }),
    ],
    [
      'standup reminder',
      standupReminder({
        planName: say(0),
        date: '2026-12-09',
        pending: range.map((n) => `<@U${n}>`),
        updateRef: 'ref-1',
      }),
    ],
    [
      'weekend check-in',
      weekendCheckin({
        planName: say(0),
        date: '2026-12-12',
        previousWorkingDay: '2026-12-11',
        openBlockers: 1,
        overdueTasks: 0,
        people: range.map((n) => ({
          mention: `<@U${n}>`,
          bufferTasks: [task(n)],
          openBlockers: [{ number: n, summary: say(n) }],
        })),
        swapRule: say(0),
      }),
    ],
    ['triage', triage({ planName: say(0), now, zone, blockers: range.map(blocker) })],
    ['blockers reply', blockersReply({ planName: say(0), now, blockers: range.map(blocker) })],
    [
      'escalation',
      escalation({
        planName: say(0),
        blocker: { id: 'blk-42', number: 42, summary: say(42), openedAt: now.minus({ hours: 4 }) },
        tier: { number: 2, label: say(2) },
        reportedBy: '<@UTAYLOR>',
        owner: '<@UTAYLOR>',
        task: task(12),
        now,
        reason: {
          kind: 'unacknowledged',
          previousTier: 1,
          previousLabel: say(1),
          delayMinutes: 240,
          businessHours: false,
        },
      }),
    ],
    [
      'escalation resolved',
      escalationResolved({
        planName: say(0),
        blocker: { number: 42, summary: say(42), openedAt: now.minus({ hours: 6 }) },
        task: task(12),
        resolvedBy: '<@USAM>',
        resolvedAt: now.toJSDate(),
        resolution: say(7),
      }),
    ],
    [
      'slip alert',
      slipAlert({
        planName: say(0),
        task: task(10),
        owner: '<@UJAMIE>',
        dueDate: '2026-12-16',
        daysLate: 2,
        thresholdDays: 1,
        target: '<@UALEX>',
        dependants: count,
        milestone: { name: say(3), daysUntil: 9 },
      }),
    ],
    [
      'replan proposal',
      replanProposal({
        planName: say(0),
        proposal: { id: 'rp-7f3', number: 3 },
        slipped: { ...task(3), newDate: '2026-12-10' },
        bufferDay: '2026-12-12',
        moves: range.map((n) => ({ ...task(n), from: '2026-12-10', to: '2026-12-12' })),
        unplaced: range.map((n) => ({ ...task(n), dueDate: '2026-12-27' })),
        lead: '<@USAM>',
      }),
    ],
    [
      'weekly memo',
      weeklyMemo({
        planName: say(0),
        planVersion: 2,
        week: { from: '2026-12-14', to: '2026-12-20' },
        now,
        planned: range.map(task),
        done: range.map(task),
        slipped: range.map((n) => ({ ...task(n), owner: `<@U${n}>` })),
        moved: range.map((n) => ({ ...task(n), from: '2026-12-17', to: '2026-12-19' })),
        openBlockers: range.map((n) => ({
          number: n,
          summary: say(n),
          task: task(n),
          openedAt: now.minus({ days: 2 }),
        })),
        rebaseline: { criticalSlipped: range.map(task), threshold: 2 },
      }),
    ],
    [
      'milestone checkpoint',
      milestoneCheckpoint({
        planName: say(0),
        milestone: { name: say(1), date: '2026-12-21' },
        criteria: range.map((n) => ({ text: say(n), status: n % 2 === 0 ? 'met' : 'not_met', note: say(n) })),
        openTasks: range.map((n) => ({ ...task(n), owner: `<@U${n}>` })),
      }),
    ],
    [
      'sync reminder',
      syncReminder({
        planName: say(0),
        title: say(1),
        at: now,
        zone,
        attendees: range.map((n) => `<@U${n}>`),
        agenda: range.map(say),
      }),
    ],
    ['help', helpReply()],
    [
      'status',
      statusReply({
        planName: say(0),
        planVersion: 3,
        date: '2026-12-16',
        day: { number: 10, of: 21 },
        counts: { total: 21, done: 8, inProgress: 2, blocked: 1, todo: 10 },
        overdue: range.map((n) => ({ ...task(n), owner: `<@U${n}>`, daysLate: 1 })),
        openBlockers: count,
        nextMilestone: { name: say(1), date: '2026-12-21', daysUntil: 5 },
        nextBufferDay: '2026-12-19',
      }),
    ],
    [
      'today',
      todayReply({
        date: '2026-12-09',
        dueToday: range.map((n) => ({ ...task(n), status: 'in_progress' as const })),
        overdue: range.map((n) => ({ ...task(n), daysLate: 1 })),
        openBlockers: range.map((n) => ({ number: n, summary: say(n), taskKey: `d${n}` })),
        upcoming: range.map((n) => ({ ...task(n), dueDate: '2026-12-10' })),
      }),
    ],
    [
      'home',
      homeView({
        now: now.toJSDate(),
        otherPlans: [],
        notice: errorReply({ code: 'forbidden', message: say(0) }),
        plans: range.slice(0, 3).map((p) => ({
          planId: `plan-${p}`,
          planName: say(p),
          date: '2026-12-09',
          day: { number: 3, of: 21 },
          off: false,
          isLead: true,
          dueToday: range.map((n) => ({ ...task(n), status: 'in_progress' as const })),
          overdue: range.map((n) => ({ ...task(n), daysLate: 1 })),
          thisWeek: range.map((n) => ({ ...task(n), dueDate: '2026-12-10' })),
          upcoming: range.slice(0, 3).map((n) => ({ ...task(n), dueDate: '2026-12-15' })),
          standup: {
            zone,
            zoneOf: 'member' as const,
            next: { at: now.plus({ days: 1 }).toJSDate(), kind: 'standup' as const },
            today: { at: now.toJSDate(), kind: 'weekend_checkin' as const, answered: false },
            canAnswer: true,
            others: [
              { kind: 'triage' as const, at: now.plus({ hours: 5 }).toJSDate() },
              { kind: 'weekly_memo' as const, at: now.plus({ days: 2 }).toJSDate() },
            ],
          },
          mine: range.map((n) => ({
            id: `blk-${n}`,
            number: n,
            summary: say(n),
            taskKey: `d${n}`,
            acknowledged: false,
            acknowledgedBy: null,
            reached: { tier: 2, label: say(n), who: [say(n + 1)] },
            nextTierAt: now.plus({ hours: 4 }).toJSDate(),
          })),
          needsMe: range.map(blocker),
          proposals: range.map((n) => ({ id: `rp-${n}`, number: n, slippedTaskKey: `d${n}`, moves: n % 2 })),
        })),
      }),
    ],
    ['error', errorReply({ code: 'import_invalid', message: say(1), problems: range.map(say) })],
    [
      'schedule',
      scheduleReply({
        planName: say(0),
        askerZone: 'Europe/Berlin',
        planZone: zone,
        firings: range.map((n) => ({ kind: 'standup' as const, at: now.plus({ days: n }) })),
      }),
    ],
  ];
}
