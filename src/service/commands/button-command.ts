import { PlanError } from '../../domain/plan-error.js';
import type { ActionId } from '../messages/message.js';
import { commandSchema, type Command } from './command.js';

/**
 * The buttons that run a command, and which one: the button's value names the blocker or
 * proposal. Every surface (Slack buttons, Teams cards, the console's text) reads buttons here, so
 * a button does the same thing wherever it is pressed. The other buttons open a form (stand-up)
 * or answer an import preview; their adapters handle them.
 */
const COMMAND_BUTTONS = {
  blocker_ack: (ref: string) => ({ name: 'ack', args: { blockerRef: ref } }),
  blocker_resolve: (ref: string) => ({ name: 'resolve', args: { blockerRef: ref } }),
  blocker_escalate: (ref: string) => ({ name: 'escalate', args: { blockerRef: ref } }),
  replan_approve: (ref: string) => ({ name: 'replan', args: { decision: 'approve', proposalRef: ref } }),
  replan_reject: (ref: string) => ({ name: 'replan', args: { decision: 'reject', proposalRef: ref } }),
} as const satisfies Partial<Record<ActionId, (ref: string) => Command>>;

export type CommandButton = keyof typeof COMMAND_BUTTONS;

export function isCommandButton(action: string): action is CommandButton {
  return Object.hasOwn(COMMAND_BUTTONS, action);
}

/** The command a button runs, validated like typed input: a forged or mangled value is refused. */
export function buttonCommand(action: CommandButton, value: string): Command {
  const parsed = commandSchema.safeParse(COMMAND_BUTTONS[action](value));
  if (!parsed.success)
    throw new PlanError('invalid_command', 'This button carries a reference I cannot read; ask for a new message.');
  return parsed.data;
}

/** What to type after `/plan` to do what a button does, for a surface without buttons (the console). */
export function buttonCommandLine(action: ActionId, value: string): string {
  if (action === 'blocker_open') return 'block <task> <what is blocking you>';
  if (!isCommandButton(action)) return 'standup';
  const command: Command = COMMAND_BUTTONS[action](value);
  return command.name === 'replan'
    ? `replan ${command.args.decision} ${command.args.proposalRef}`
    : `${command.name} ${value}`;
}
