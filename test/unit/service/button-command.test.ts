import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render-text.js';
import { buttonCommand, buttonCommandLine } from '../../../src/service/commands/button-command.js';
import { parseCommandText } from '../../../src/service/commands/parse-command.js';
import { message, type ActionId } from '../../../src/service/messages/message.js';

describe('buttons run the same command on every surface', () => {
  const buttons: [ActionId, string][] = [
    ['blocker_ack', '7'],
    ['blocker_resolve', '7'],
    ['blocker_escalate', '7'],
    ['replan_approve', '2'],
    ['replan_reject', '2'],
    // What buttons really carry: the blocker's or proposal's id.
    ['blocker_ack', '0193f3a2-7c1e-7d40-9a1b-2c3d4e5f6a7b'],
    ['replan_approve', '0193f3a2-7c1e-7d40-9a1b-2c3d4e5f6a7b'],
  ];

  it.each(buttons)('the console line for %s parses to the command the button runs', (action, value) => {
    const typed = parseCommandText(`/plan ${buttonCommandLine(action, value)}`);
    expect(typed.ok && typed.command).toEqual(buttonCommand(action as Parameters<typeof buttonCommand>[0], value));
  });

  it('the console shows Escalate as /plan escalate, not a blocker list', () => {
    const post = message('escalation', 'Blocker #7', [
      {
        type: 'actions',
        actions: [
          { id: 'blocker_ack', label: 'Acknowledge', value: '7' },
          { id: 'blocker_escalate', label: 'Escalate', value: '7' },
        ],
      },
    ]);
    expect(renderText(post)).toContain('[Acknowledge: /plan ack 7] [Escalate: /plan escalate 7]');
  });

  it('refuses a button value that is not a blocker or proposal reference', () => {
    expect(() => buttonCommand('blocker_ack', 'DROP TABLE; --')).toThrow(/reference I cannot read/);
  });
});
