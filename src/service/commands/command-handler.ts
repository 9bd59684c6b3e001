import type { Command, CommandName } from './command.js';
import type { ChatContext } from '../read-model/chat-context.js';
import type { Effect } from '../effects.js';
import type { Message } from '../messages/message.js';
import type { MemberState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/** Everything a command handler decides from. Handlers are pure: the service applies their effects. */
export interface CommandInput<N extends CommandName = CommandName> {
  view: PlanView;
  ctx: ChatContext;
  /** The asker as a plan member; undefined for someone not (yet) linked. */
  actor: MemberState | undefined;
  command: Extract<Command, { name: N }>;
  now: Date;
  newId: () => string;
}

export interface CommandOutcome {
  reply: Message;
  effects: Effect[];
}

export type CommandHandler<N extends CommandName = CommandName> = (input: CommandInput<N>) => CommandOutcome;
