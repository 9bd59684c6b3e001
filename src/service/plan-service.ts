import { randomUUID } from 'node:crypto';
import { ackCommand, blockCommand, resolveCommand } from './blocker-commands.js';
import { findActor, isLead, type ChatContext } from './chat-context.js';
import type { Clock } from './clock.js';
import { isLeadOnly, type Command, type CommandName } from './command.js';
import type { CommandHandler, CommandOutcome } from './command-handler.js';
import { ConflictError } from './effects.js';
import { errorReply } from './messages/error-reply.js';
import { message, type Message } from './message.js';
import { helpReply } from './messages/help-reply.js';
import { blockersCommand, helpCommand, linkCommand, replanCommand, scheduleCommand, statusCommand, todayCommand } from './plan-commands.js';
import { PlanError, isPlanError } from './plan-error.js';
import type { PlanStore } from './plan-store.js';
import { PlanView } from './plan-view.js';
import { doneCommand, requireMember, standupEffects } from './task-commands.js';

type Handlers = { [N in Exclude<CommandName, 'standup'>]: CommandHandler<N> };

const handlers: Handlers = {
  help: helpCommand,
  today: todayCommand,
  status: statusCommand,
  blockers: blockersCommand,
  block: blockCommand,
  ack: ackCommand,
  resolve: resolveCommand,
  done: doneCommand,
  schedule: scheduleCommand,
  replan: replanCommand,
  link: linkCommand,
};

/**
 * The use cases behind every chat command, for every platform: a neutral Command in, a Message
 * out, and the command's effects written in one transaction. Errors come back as friendly
 * replies; nothing here knows Slack, Teams or the database.
 */
export class PlanService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async handle(ctx: ChatContext, command: Command): Promise<Message> {
    try {
      return await this.run(ctx, command);
    } catch (error) {
      if (error instanceof ConflictError) return message('error', 'Someone changed this at the same moment; look again and retry.', undefined, { ephemeral: true });
      if (isPlanError(error)) return errorReply({ code: error.code, message: error.message, ...(error.details.problems ? { problems: error.details.problems } : {}) });
      throw error;
    }
  }

  private async run(ctx: ChatContext, command: Command): Promise<Message> {
    // Help needs no plan, so it works before anything is imported.
    if (command.name === 'help') return helpReply(command.args.topic ? { topic: command.args.topic } : {});
    const view = new PlanView(await this.store.loadPlanState(await this.planFor(ctx)));
    const actor = findActor(view.state, ctx.actor);
    // Lead commands are checked here, once, so no handler can forget.
    if (isLeadOnly(command.name) && !isLead(actor)) {
      throw new PlanError('forbidden', `\`/plan ${command.name}\` is for the plan's leads and sponsors.`);
    }
    const now = this.clock.now();
    const outcome: CommandOutcome =
      command.name === 'standup'
        ? await this.standup(view, ctx, command, now)
        : (handlers[command.name] as CommandHandler)({ view, ctx, actor, command, now, newId: this.newId });
    await this.store.apply(outcome.effects);
    return outcome.reply;
  }

  private async standup(view: PlanView, ctx: ChatContext, command: Extract<Command, { name: 'standup' }>, now: Date): Promise<CommandOutcome> {
    const member = requireMember(findActor(view.state, ctx.actor));
    const { did, doing, blockers } = command.args;
    if (did === undefined && doing === undefined && blockers === undefined) {
      return { reply: message('reply', 'Answer the stand-up with `/plan standup did: … doing: … blockers: …` ("blockers: none" if nothing blocks you).', undefined, { ephemeral: true }), effects: [] };
    }
    const occurrence = await this.store.latestOccurrence(view.state.plan.id, 'standup', now);
    if (!occurrence) throw new PlanError('invalid_command', 'No stand-up has been posted for this plan yet; answer after the next one.');
    const { effects, openedBlocker } = standupEffects(view, member, occurrence.id, { did, doing, blockers }, now, this.newId);
    return { reply: message('reply', `Thanks ${member.displayName}, your stand-up is in.${openedBlocker ? ` Opened blocker *#${openedBlocker}* from your answer.` : ''}`, undefined, { ephemeral: true }), effects };
  }

  /** The plan a chat command is about: the one posting to this channel, or the workspace's only plan. */
  private async planFor(ctx: ChatContext): Promise<string> {
    const plans = await this.store.listPlans(ctx.workspace);
    const inChannel = ctx.channel ? plans.find((p) => p.channel === ctx.channel) : undefined;
    if (inChannel) return inChannel.id;
    if (plans.length === 1) return plans[0]!.id;
    if (plans.length === 0) throw new PlanError('plan_not_found', 'No plan has been imported in this workspace yet. A lead can import one with `/plan import` or `planbot import`.');
    throw new PlanError('plan_not_found', `This workspace runs ${plans.length} plans (${plans.map((p) => p.name).join(', ')}); run the command in the plan's channel.`);
  }
}
