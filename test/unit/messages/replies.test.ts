import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMAND_SPECS } from '../../../src/service/commands/command.js';
import { errorReply } from '../../../src/service/messages/error-reply.js';
import { helpReply } from '../../../src/service/messages/help-reply.js';
import { statusReply } from '../../../src/service/messages/status-reply.js';
import { todayReply } from '../../../src/service/messages/today-reply.js';
import type { PlanErrorCode } from '../../../src/domain/plan-error.js';
import { expectWithinLimits, messageText } from './message-text.js';

describe('helpReply', () => {
  it('gives the usage of every command and marks the lead-only ones', () => {
    const message = helpReply();
    const text = messageText(message);
    expect(message.ephemeral).toBe(true);
    for (const name of COMMAND_NAMES) expect(text).toContain(`\`/plan ${COMMAND_SPECS[name].usage}\``);
    expect(text).toContain('`/plan blockers`: Open blockers ranked by downstream impact. _(leads only)_');
    expect(text).toContain(
      '`/plan replan approve|reject <proposal number>`: Decide on a proposal to move tasks to a buffer day. _(leads only)_',
    );
    expect(text).not.toMatch(/`\/plan today`:[^\n]*leads only/);
  });

  it('answers for one command', () => {
    expect(helpReply({ topic: 'block' }).text).toBe(
      '`/plan block <task> <what is blocking you>`: Report a blocker on a task.',
    );
  });
});

describe('todayReply', () => {
  it("lists the asker's tasks for today with status, overdue ones with days late, and their blockers", () => {
    const message = todayReply({
      date: '2026-12-09',
      dueToday: [{ key: 'd3', title: 'Configure Airbyte connectors', status: 'in_progress' }],
      overdue: [{ key: 'd2', title: 'Run crawl', daysLate: 1 }],
      openBlockers: [{ number: 12, summary: 'Waiting on GA4 keys', taskKey: 'd3' }],
      upcoming: [{ key: 'd4', title: 'Data Quality', dueDate: '2026-12-10' }],
    });
    const text = messageText(message);
    expect(message.ephemeral).toBe(true);
    expect(text).toContain('*Your plan for Wed 9 Dec*');
    expect(text).toContain('• *d3* Configure Airbyte connectors · in progress');
    expect(text).toContain('• *d2* Run crawl · 1 day late');
    expect(text).toContain('• #12 Waiting on GA4 keys (d3)');
    expect(text).toContain('Next: *d4* Data Quality (Thu 10 Dec)');
  });

  it('handles a free day', () => {
    expect(messageText(todayReply({ date: '2026-12-09', dueToday: [], overdue: [], off: true }))).toContain(
      '(you are off today)\nNothing due today.',
    );
  });
});

describe('statusReply', () => {
  it('shows counts, overdue work with owners, and what comes next', () => {
    const message = statusReply({
      planName: 'Sprint',
      planVersion: 3,
      date: '2026-12-16',
      day: { number: 10, of: 21 },
      counts: { total: 21, done: 8, inProgress: 2, blocked: 1, todo: 10 },
      overdue: [{ key: 'd9', title: 'Model Tuning', owner: '<@UAVERY>', daysLate: 1 }],
      openBlockers: 2,
      nextMilestone: { name: 'Playback', date: '2026-12-21', daysUntil: 5 },
      nextBufferDay: '2026-12-19',
    });
    const text = messageText(message);
    expect(text).toContain('*Sprint* · Wed 16 Dec · day 10 of 21 · version 3');
    expect(text).toContain('Done: 8 of 21');
    expect(text).toContain('• *d9* Model Tuning · <@UAVERY> · 1 day late');
    expect(text).toContain('next milestone *Playback* in 5 days (Mon 21 Dec) · next buffer day Sat 19 Dec');
    expectWithinLimits(message);
  });
});

describe('errorReply', () => {
  const codes: PlanErrorCode[] = [
    'config_invalid',
    'database_url_invalid',
    'database_unreachable',
    'data_dir_locked',
    'migration_failed',
    'import_invalid',
    'plan_not_found',
    'task_not_found',
    'blocker_not_found',
    'member_not_found',
    'forbidden',
    'invalid_state',
    'invalid_command',
  ];

  it.each(codes)('answers %s with friendly text and what to do', (code) => {
    const message = errorReply({ code, message: 'detail' });
    expect(message).toMatchObject({ kind: 'error', ephemeral: true });
    expect(messageText(message).split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the usage line for a command it could not read', () => {
    const text = messageText(
      errorReply({ code: 'invalid_command', message: 'Say which task is done.', usage: 'Usage: /plan done <task>' }),
    );
    expect(text).toBe(
      "*I didn't understand that.*\nSay which task is done.\nUsage: /plan done <task>\n`/plan help` lists every command.",
    );
  });

  it('lists import problems, and never shows operator details in chat', () => {
    expect(
      messageText(
        errorReply({ code: 'import_invalid', message: 'Line 4: unknown owner', problems: ['Line 9: bad date'] }),
      ),
    ).toContain('Line 4: unknown owner\nAlso: Line 9: bad date\nNothing was changed.');
    const internal = messageText(
      errorReply({ code: 'migration_failed', message: 'postgres://admin@db.internal failed' }),
    );
    expect(internal).not.toContain('db.internal');
    expect(internal).toContain('planbot is not working right now.');
  });
});
