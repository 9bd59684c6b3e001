import { DateTime } from 'luxon';
import type { Message } from '../../../../src/service/messages/message.js';
import type { RankedBlockerView } from '../../../../src/service/messages/blocker-entry.js';
import { blockersReply } from '../../../../src/service/messages/blockers-reply.js';
import { errorReply } from '../../../../src/service/messages/error-reply.js';
import { escalationResolved } from '../../../../src/service/messages/escalation-resolved.js';
import { escalation } from '../../../../src/service/messages/escalation.js';
import { helpReply } from '../../../../src/service/messages/help-reply.js';
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

/** Real messages from every composer in src/service/messages, as a Teams plan would post them. */
export const zone = 'America/Los_Angeles';
export const now = DateTime.fromISO('2026-12-14T14:00', { zone });

export function blocker(n: number, overrides: Partial<RankedBlockerView> = {}): RankedBlockerView {
  return {
    id: `blk-${n}`,
    number: n,
    summary: `Problem ${n}`,
    status: 'open',
    owner: `@Person ${n}`,
    task: { key: `d${n}`, title: `Task ${n}` },
    openedAt: now.minus({ hours: n }),
    dependants: n % 3,
    milestone: n % 2 === 0 ? { name: 'Stakeholder playback', daysUntil: 7 } : null,
    ...overrides,
  };
}

const tasks = (count: number, prefix = 'd') =>
  Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i + 1}`, title: `Task ${i + 1}` }));

export function everyComposedMessage(): [string, Message][] {
  const ranked = [
    blocker(12, {
      summary: 'Waiting on GA4 keys',
      task: { key: 'd3', title: 'Configure Airbyte connectors' },
      dependants: 4,
    }),
    blocker(7, { status: 'acknowledged', acknowledgedBy: '@Sam Lee' }),
  ];
  return [
    ['triage', triage({ planName: 'Sprint', now, zone, blockers: ranked })],
    [
      'triage with 60 blockers',
      triage({ planName: 'Sprint', now, zone, blockers: Array.from({ length: 60 }, (_, i) => blocker(i + 1)) }),
    ],
    ['triage, nothing open', triage({ planName: 'Sprint', now, zone, blockers: [] })],
    ['blockers reply', blockersReply({ planName: 'Sprint', now, blockers: ranked })],
    [
      'error reply',
      errorReply({
        code: 'invalid_command',
        message: 'I don\'t know "frobnicate".',
        usage: '/plan help',
        problems: ['line 3: owner missing'],
      }),
    ],
    [
      'escalation',
      escalation({
        planName: 'Sprint',
        blocker: {
          id: 'blk-42',
          number: 42,
          summary: 'Grafana cluster credentials missing',
          openedAt: now.minus({ hours: 4 }),
        },
        tier: { number: 2, label: 'Executive Sponsor' },
        reportedBy: '@Taylor',
        owner: '@Taylor',
        task: { key: 'd12', title: 'Monitoring & Alerting' },
        now,
        reason: {
          kind: 'unacknowledged',
          previousTier: 1,
          previousLabel: 'Project Lead',
          delayMinutes: 240,
          businessHours: false,
        },
      }),
    ],
    [
      'escalation resolved',
      escalationResolved({
        planName: 'Sprint',
        blocker: { number: 42, summary: 'Grafana cluster credentials missing', openedAt: now.minus({ hours: 6 }) },
        task: { key: 'd12', title: 'Monitoring & Alerting' },
        resolvedBy: '@Sam Lee',
        resolvedAt: now,
        resolution: 'Credentials rotated and shared in the vault.',
      }),
    ],
    ['help', helpReply({ isLead: true, prefix: 'plan' })],
    ['help topic', helpReply({ topic: 'standup' })],
    [
      'milestone checkpoint',
      milestoneCheckpoint({
        planName: 'Sprint',
        milestone: { name: 'Stakeholder playback', date: '2026-12-21' },
        criteria: [
          { text: 'Dashboards live', status: 'met' },
          { text: 'Alerting wired', status: 'at_risk', note: 'pager rotation pending' },
          { text: 'Sign-off', status: 'unknown' },
        ],
        openTasks: [{ key: 'd12', title: 'Monitoring & Alerting', owner: '@Taylor' }],
      }),
    ],
    [
      'replan proposal',
      replanProposal({
        planName: 'Sprint',
        proposal: { id: 'rp-3', number: 3 },
        slipped: { key: 'd10', title: 'API Layer', newDate: '2026-12-16' },
        bufferDay: '2026-12-19',
        moves: [{ key: 'd11', title: 'QA Automation', from: '2026-12-17', to: '2026-12-19' }],
        unplaced: [{ key: 'd13', title: 'Docs', dueDate: '2026-12-18' }],
        lead: '@Jamie',
      }),
    ],
    [
      'schedule',
      scheduleReply({
        planName: 'Sprint',
        askerZone: 'Europe/London',
        planZone: zone,
        firings: [
          { kind: 'standup', at: now.plus({ hours: 19 }) },
          { kind: 'triage', at: now.plus({ days: 1 }) },
          { kind: 'weekly_memo', name: 'Friday memo', at: now.plus({ days: 4 }) },
        ],
      }),
    ],
    [
      'slip alert',
      slipAlert({
        planName: 'Sprint',
        task: { key: 'd10', title: 'API Layer' },
        owner: '@Jamie',
        dueDate: '2026-12-11',
        daysLate: 3,
        thresholdDays: 2,
        target: '@Lead',
        dependants: 3,
        milestone: { name: 'Launch', daysUntil: 9 },
      }),
    ],
    [
      'standup prompt',
      standupPrompt({
        planName: 'Sprint',
        date: '2026-12-14',
        owners: [
          {
            mention: '@Luis',
            dueToday: [{ key: 'd3', title: 'Configure Airbyte connectors' }],
            overdue: [{ key: 'd2', title: 'Provision warehouse', daysLate: 1 }],
          },
          { mention: '@Sam Lee', dueToday: tasks(3, 'e'), overdue: [] },
        ],
        off: ['@Riley'],
        updateRef: 'occ-1',
      }),
    ],
    [
      'standup prompt, nobody due',
      standupPrompt({ planName: 'Sprint', date: '2026-12-14', owners: [], updateRef: 'occ-2' }),
    ],
    [
      'standup reminder',
      standupReminder({ planName: 'Sprint', date: '2026-12-14', pending: ['@Luis', '@Sam Lee'], updateRef: 'occ-1' }),
    ],
    [
      'status',
      statusReply({
        planName: 'Sprint',
        planVersion: 2,
        date: '2026-12-14',
        day: { number: 8, of: 20 },
        counts: { total: 20, done: 7, inProgress: 3, blocked: 1, todo: 9 },
        overdue: [{ key: 'd10', title: 'API Layer', owner: '@Jamie', daysLate: 3 }],
        openBlockers: 2,
        nextMilestone: { name: 'Launch', date: '2026-12-23', daysUntil: 9 },
        nextBufferDay: '2026-12-19',
      }),
    ],
    [
      'sync reminder',
      syncReminder({
        planName: 'Sprint',
        title: 'Design sync',
        at: now.plus({ hours: 1 }),
        zone,
        attendees: ['@Luis', '@Sam Lee'],
        agenda: ['Schema review', 'Rollout'],
      }),
    ],
    [
      'today',
      todayReply({
        date: '2026-12-14',
        dueToday: [{ key: 'd3', title: 'Configure Airbyte connectors', status: 'in_progress' }],
        overdue: [{ key: 'd2', title: 'Provision warehouse', daysLate: 1 }],
        upcoming: [{ key: 'd4', title: 'Backfill', dueDate: '2026-12-15' }],
        openBlockers: [{ number: 12, summary: 'Waiting on GA4 keys', taskKey: 'd3' }],
      }),
    ],
    [
      'weekend check-in',
      weekendCheckin({
        planName: 'Sprint',
        date: '2026-12-19',
        previousWorkingDay: '2026-12-18',
        openBlockers: 1,
        overdueTasks: 2,
        people: [
          {
            mention: '@Luis',
            bufferTasks: [{ key: 'd11', title: 'QA Automation' }],
            openBlockers: [{ number: 12, summary: 'Waiting on GA4 keys' }],
          },
        ],
        swapRule: 'Pull Monday work forward only when nothing is overdue.',
      }),
    ],
    [
      'weekly memo',
      weeklyMemo({
        planName: 'Sprint',
        planVersion: 2,
        week: { from: '2026-12-14', to: '2026-12-20' },
        now,
        planned: tasks(40),
        done: tasks(10),
        slipped: tasks(30).map((task) => ({ ...task, owner: '@Jamie' })),
        moved: [{ key: 'd11', title: 'QA Automation', from: '2026-12-17', to: '2026-12-19' }],
        openBlockers: [
          {
            number: 12,
            summary: 'GPU credits not approved',
            task: { key: 'd9', title: 'Model Tuning' },
            openedAt: now.minus({ days: 2 }),
          },
        ],
        rebaseline: { criticalSlipped: [{ key: 'd10', title: 'API Layer' }], threshold: 2 },
      }),
    ],
  ];
}
