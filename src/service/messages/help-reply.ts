import { COMMAND_NAMES, COMMAND_PREFIX, COMMAND_SPECS, usageOf, type CommandName } from '../commands/command.js';
import type { Message } from './message.js';
import { composeMessage } from './limits.js';

export interface HelpReplyInput {
  /** One command's help (`/plan help block`). */
  topic?: CommandName;
  /** The asker's role: lead-only commands are marked for everyone, and a member is told who can run them. */
  isLead?: boolean;
  prefix?: string;
}

function line(name: CommandName, prefix: string): string {
  const spec = COMMAND_SPECS[name];
  return `\`${usageOf(name, prefix)}\`: ${spec.summary}${spec.leadOnly ? ' _(leads only)_' : ''}`;
}

/** Usage for every command (or one), generated from the command specs so it never drifts. */
export function helpReply(input: HelpReplyInput = {}): Message {
  const prefix = input.prefix ?? COMMAND_PREFIX;
  if (input.topic !== undefined) {
    const text = line(input.topic, prefix);
    return composeMessage('reply', text, [{ type: 'section', text }], { ephemeral: true });
  }
  const note = input.isLead
    ? 'You are a lead: every command is open to you.'
    : 'Commands marked _(leads only)_ need a plan lead or sponsor.';
  return composeMessage(
    'reply',
    `planbot commands: ${COMMAND_NAMES.join(', ')}.`,
    [
      { type: 'section', text: '*planbot runs your plan in chat.* Commands:' },
      { type: 'list', items: COMMAND_NAMES.map((name) => line(name, prefix)) },
      {
        type: 'context',
        text: `${note} Stand-up answers can also be posted in the thread as "did: … doing: … blockers: …".`,
      },
    ],
    { ephemeral: true },
  );
}
