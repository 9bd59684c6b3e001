import { randomUUID } from 'node:crypto';
import { buttonCommand, type CommandButton } from './commands/button-command.js';
import { ackCommand, blockCommand, escalateCommand, resolveCommand } from './commands/blocker-commands.js';
import { findActor, isLead, type ChatContext } from './read-model/chat-context.js';
import type { Clock } from './ports/clock.js';
import { isLeadOnly, type Command, type CommandName } from './commands/command.js';
import type { CommandHandler, CommandOutcome } from './commands/command-handler.js';
import { ConflictError } from './effects.js';
import { errorReply } from './messages/error-reply.js';
import type { MetricsPort } from './ports/metrics-port.js';
import { message, type Message } from './messages/message.js';
import { helpReply } from './messages/help-reply.js';
import {
  blockersCommand,
  linkCommand,
  replanCommand,
  scheduleCommand,
  statusCommand,
  todayCommand,
} from './commands/plan-commands.js';
import { PlanError, isPlanError } from '../domain/plan-error.js';
import type { PlanStore } from './ports/plan-store.js';
import type { DeliveredMessages } from './ports/delivered-messages.js';
import { findAnsweredPrompt, type AnswerPlace } from './read-model/answered-prompt.js';
import { ANSWERED_KINDS, isAnswered, type OccurrenceRef } from './read-model/occurrence-ref.js';
import type { PlanState } from './read-model/plan-state.js';
import { PlanView } from './read-model/plan-view.js';
import { standupAnswerEffects, type StandupOutcome } from './deciders/standup-answer.js';
import { standupFormFor, type StandupForm } from './messages/standup-form.js';
import { doneCommand, requireMember } from './commands/task-commands.js';
import { requireMemberNamed } from './commands/link-command.js';
import { reportCommand } from './commands/report-command.js';
import { loadReport } from './read-model/load-report.js';
import { awayCommand, backCommand } from './commands/away-command.js';
import { holidayCommand } from './commands/holiday-command.js';
import { memberHome, type HomeViewer } from './read-model/member-home.js';
import { blockerFormFor, type BlockerForm } from './messages/blocker-form.js';

type Handlers = { [N in Exclude<CommandName, 'standup' | 'help' | 'report' | 'home'>]: CommandHandler<N> };

const handlers: Handlers = {
  today: todayCommand,
  status: statusCommand,
  blockers: blockersCommand,
  block: blockCommand,
  ack: ackCommand,
  resolve: resolveCommand,
  escalate: escalateCommand,
  done: doneCommand,
  schedule: scheduleCommand,
  replan: replanCommand,
  link: linkCommand,
  away: awayCommand,
  back: backCommand,
  holiday: holidayCommand,
};

const DECIDE_AGAIN: ReadonlySet<Command['name']> = new Set(['ack', 'resolve']);

/**
 * The use cases behind every chat command, for every platform: a neutral Command in, a Message
 * out, and the command's effects written in one transaction. Errors come back as friendly
 * replies; nothing here knows Slack, Teams or the database.
 */
export interface PlanServicePorts {
  store: PlanStore;
  delivered: DeliveredMessages;
  clock: Clock;
  newId?: () => string;
  /** Times each command; optional (tests and `simulate` run without). */
  metrics?: MetricsPort;
}

export class PlanService {
  private readonly store: PlanStore;
  private readonly delivered: DeliveredMessages;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly metrics: MetricsPort | undefined;

  constructor(ports: PlanServicePorts) {
    this.store = ports.store;
    this.delivered = ports.delivered;
    this.clock = ports.clock;
    this.newId = ports.newId ?? randomUUID;
    this.metrics = ports.metrics;
  }

  /** The stand-up or check-in a chat message answers (its thread, or a DM prompt), or null: leave it alone. */
  async answeredPrompt(place: AnswerPlace): Promise<OccurrenceRef | null> {
    return findAnsweredPrompt({ delivered: this.delivered, store: this.store }, place, this.clock.now());
  }

  async handle(ctx: ChatContext, command: Command): Promise<Message> {
    const done = this.metrics?.startCommand(ctx.actor.platform, command.name);
    try {
      return await this.runDecidingAgainOnConflict(ctx, command);
    } catch (error) {
      if (error instanceof ConflictError)
        return message('error', 'Someone changed this at the same moment; look again and retry.', undefined, {
          ephemeral: true,
        });
      if (isPlanError(error))
        return errorReply({
          code: error.code,
          message: error.message,
          ...(error.details.problems ? { problems: error.details.problems } : {}),
        });
      throw error;
    } finally {
      done?.();
    }
  }

  /** A button pressed on one of planbot's messages: the command it runs (button-command.ts), answered like typed input. */
  async handleButton(ctx: ChatContext, action: CommandButton, value: string): Promise<Message> {
    let command: Command;
    try {
      command = buttonCommand(action, value);
    } catch (error) {
      if (isPlanError(error)) return errorReply({ code: error.code, message: error.message });
      throw error;
    }
    return this.handle(ctx, command);
  }

  /**
   * An ack or resolve decided on a plan state another transaction changed before it committed (a
   * ladder tier fired, someone acked first) is decided once more on the fresh state, which either
   * does the right thing (acknowledges the page that just went out) or says why not ("already
   * acknowledged"). They name the state wanted, so deciding again cannot overshoot; `escalate`
   * names a step, and again would fire the tier after the one that just went out.
   */
  private async runDecidingAgainOnConflict(ctx: ChatContext, command: Command): Promise<Message> {
    try {
      return await this.run(ctx, command);
    } catch (error) {
      if (!(error instanceof ConflictError) || !DECIDE_AGAIN.has(command.name)) throw error;
      return this.run(ctx, command);
    }
  }

  private async run(ctx: ChatContext, command: Command): Promise<Message> {
    if (command.name === 'help') return this.help(ctx, command.args.topic);
    // The home spans every plan the asker is on here, so it picks no one plan; it is theirs alone.
    if (command.name === 'home') return { ...(await this.home(ctx)), ephemeral: true };
    const view = PlanView.of(await this.planFor(ctx, command));
    const actor = findActor(view.state, ctx.actor);
    // Lead commands are checked here, once, so no handler can forget.
    if (isLeadOnly(command.name) && !isLead(actor)) {
      throw new PlanError('forbidden', `\`/plan ${command.name}\` is for the plan's leads and sponsors.`);
    }
    const now = this.clock.now();
    const outcome: CommandOutcome =
      command.name === 'standup'
        ? await this.standup(view, ctx, command, now)
        : command.name === 'report'
          ? reportCommand(view, await loadReport(this.store, view, command.args, now), now)
          : (handlers[command.name] as CommandHandler)({ view, ctx, actor, command, now, newId: this.newId });
    await this.store.apply(outcome.effects);
    return outcome.reply;
  }

  private async standup(
    view: PlanView,
    ctx: ChatContext,
    command: Extract<Command, { name: 'standup' }>,
    now: Date,
  ): Promise<CommandOutcome> {
    const member = requireMember(findActor(view.state, ctx.actor));
    const { did, doing, blockers, statuses } = command.args;
    const hasStatuses = statuses !== undefined && Object.keys(statuses).length > 0;
    if (did === undefined && doing === undefined && blockers === undefined && !hasStatuses) {
      return {
        reply: message(
          'reply',
          'Answer the stand-up with `/plan standup did: … doing: … blockers: …` ("blockers: none" if nothing blocks you), and a status per task if you like: "d3 done, d4 in progress".',
          undefined,
          { ephemeral: true },
        ),
        effects: [],
      };
    }
    const occurrence = await this.answeredOccurrence(view, command.args.occurrenceId, now);
    const outcome = standupAnswerEffects(
      view,
      member,
      occurrence,
      { did, doing, blockers, ...(statuses ? { statuses } : {}) },
      now,
      this.newId,
    );
    return {
      reply: message('reply', standupReplyText(member.displayName, command.args, outcome), undefined, {
        ephemeral: true,
      }),
      effects: outcome.effects,
    };
  }

  /** Help works before anything is imported; once the asker is found in a plan, it says what a lead may run. */
  private async help(ctx: ChatContext, topic: CommandName | undefined): Promise<Message> {
    const state = await this.planFor(ctx).catch((error: unknown) => {
      if (isPlanError(error) && error.code === 'plan_not_found') return null;
      throw error;
    });
    const asker = state ? findActor(state, ctx.actor) : undefined;
    return helpReply({ ...(topic ? { topic } : {}), isLead: isLead(asker) });
  }

  /**
   * The occurrence an answer attaches to: the prompt it replies to, else the latest stand-up or
   * weekend check-in (whichever was posted last, so a Saturday answer is not Friday's).
   */
  private async answeredOccurrence(view: PlanView, occurrenceId: string | undefined, now: Date) {
    const named = occurrenceId ? await this.store.findOccurrence({ id: occurrenceId }) : null;
    if (named && named.planId === view.state.plan.id && isAnswered(named.kind)) return named;
    const latest = await this.store.latestOccurrence(view.state.plan.id, ANSWERED_KINDS, now);
    if (!latest)
      throw new PlanError('invalid_state', 'No stand-up has been posted for this plan yet; answer after the next one.');
    return latest;
  }

  /**
   * What the stand-up form (Slack modal, Teams card) shows the asker: their tasks due today and
   * their overdue open ones. Throws PlanError (no plan here, not a member) for the adapter to answer.
   */
  async standupForm(ctx: ChatContext): Promise<StandupForm> {
    const view = PlanView.of(await this.planFor(ctx));
    const member = requireMember(findActor(view.state, ctx.actor));
    return standupFormFor(view, member, this.clock.now());
  }

  /** What the asker's "Report a blocker" form offers: their open tasks. Throws PlanError like standupForm. */
  async blockerForm(ctx: ChatContext): Promise<BlockerForm> {
    const view = PlanView.of(await this.planFor(ctx));
    return blockerFormFor(view, requireMember(findActor(view.state, ctx.actor)));
  }

  /**
   * The asker's home (Slack's App Home tab, the Teams `home` card): their day, stand-up and what waits on them in each of
   * their plans here. `notice` is the outcome of a button pressed on the home, shown at its top;
   * `viewer.zone` is the zone the chat profile gives (Slack's `tz`), used where the plan gives none.
   */
  async home(ctx: ChatContext, notice?: Message, viewer: HomeViewer = {}): Promise<Message> {
    return memberHome(this.store, ctx, this.clock.now(), notice, viewer);
  }

  /**
   * Who a console user becomes with `/as` or `/plan link "Name"`: the console has no accounts to
   * link, so naming a member of the plan (by key or name as in the plan) is acting as them.
   */
  async memberNamed(ctx: ChatContext, name: string): Promise<{ key: string; displayName: string }> {
    const member = requireMemberNamed(await this.planFor(ctx), name);
    return { key: member.key, displayName: member.displayName };
  }

  /**
   * The state of the plan a chat command is about: the plan the surface is bound to (the console's
   * `--plan`, one of this workspace's); the one posting to this channel; the workspace's only plan;
   * else (a DM, another channel) the plan holding the blocker or proposal a button names, or the
   * only plan the asker belongs to. Only this workspace's plans are ever looked at.
   */
  private async planFor(ctx: ChatContext, command?: Command): Promise<PlanState> {
    const plans = await this.store.listPlans(ctx.workspace);
    // The listing's stamp is as fresh as a read of its own, so the cached state is checked against it.
    const chosen = ctx.planId ? plans.find((p) => p.id === ctx.planId) : undefined;
    if (chosen) return this.store.loadPlanState(chosen.id, chosen.stamp);
    const inChannel = ctx.channel ? plans.find((p) => p.channel === ctx.channel) : undefined;
    if (inChannel) return this.store.loadPlanState(inChannel.id, inChannel.stamp);
    if (plans.length === 1) return this.store.loadPlanState(plans[0]!.id, plans[0]!.stamp);
    if (plans.length === 0)
      throw new PlanError(
        'plan_not_found',
        'No plan has been imported in this workspace yet. A lead can import one with `/plan import` or `planbot import`.',
      );
    // An answer in a prompt's thread or DM belongs to that prompt's plan.
    const answered = command && 'occurrenceId' in command.args && command.args.occurrenceId;
    const prompt = answered ? await this.store.findOccurrence({ id: answered }) : null;
    const ofPrompt = prompt ? plans.find((p) => p.id === prompt.planId) : undefined;
    if (ofPrompt) return this.store.loadPlanState(ofPrompt.id, ofPrompt.stamp);
    const ref =
      command && 'blockerRef' in command.args
        ? command.args.blockerRef
        : command && 'proposalRef' in command.args
          ? command.args.proposalRef
          : undefined;
    const states = await Promise.all(plans.map((p) => this.store.loadPlanState(p.id, p.stamp)));
    // Buttons carry ids (unique across plans); typed numbers repeat across plans and do not decide.
    const byId = ref
      ? states.filter((s) => s.blockers.some((b) => b.id === ref) || s.replans.some((r) => r.id === ref))
      : [];
    if (byId.length === 1) return byId[0]!;
    const mine = states.filter((s) => findActor(s, ctx.actor));
    if (mine.length === 1) return mine[0]!;
    throw new PlanError(
      'plan_not_found',
      `This workspace runs ${plans.length} plans (${plans.map((p) => p.name).join(', ')}); run the command in the plan's channel.`,
    );
  }
}

/**
 * Says back what was understood, so a misread answer is seen at once rather than at triage. An
 * edit replaces the whole answer: it is said back in full, as the digest will show it.
 */
function standupReplyText(
  name: string,
  answer: { did?: string; doing?: string; edited?: true },
  outcome: StandupOutcome,
): string {
  const lines = answer.edited ? editedAnswerLines(answer, outcome) : givenAnswerLines(name, answer, outcome);
  if (outcome.applied.length > 0) lines.push(`Updated: ${outcome.applied.join(', ')}.`);
  for (const opened of outcome.opened) {
    const on = opened.taskKey ? ` on ${opened.taskKey}` : '';
    lines.push(
      opened.withDetails
        ? `Opened blocker *#${opened.number}*${on} from your answer.`
        : `Opened blocker *#${opened.number}*${on}; it has no details yet, so say what blocks it in the triage thread.`,
    );
  }
  for (const updated of outcome.updated) {
    const on = updated.taskKey ? ` on ${updated.taskKey}` : '';
    lines.push(`Blocker *#${updated.number}*${on} now reads as this answer says (you answered this stand-up before).`);
  }
  if (outcome.skipped.length > 0) lines.push(`Not changed: ${outcome.skipped.join('; ')}.`);
  return lines.join('\n');
}

function givenAnswerLines(name: string, answer: { did?: string; doing?: string }, outcome: StandupOutcome): string[] {
  const lines = [`Thanks ${name}, your stand-up is in.`];
  if (answer.did) lines.push(`Did: ${answer.did}`);
  if (answer.doing) lines.push(`Doing: ${answer.doing}`);
  if (outcome.blockers === null) lines.push('Blockers: none');
  else if (outcome.blockers) lines.push(`Blockers: ${outcome.blockers}`);
  return lines;
}

/** Every part, said or not: what is left out of an edit is gone from the answer, and the author should see that. */
function editedAnswerLines(answer: { did?: string; doing?: string }, outcome: StandupOutcome): string[] {
  return [
    'You edited your answer, so it replaces the one before. It now reads:',
    `Did: ${answer.did ?? '(nothing)'}`,
    `Doing: ${answer.doing ?? '(nothing)'}`,
    `Blockers: ${outcome.blockers ?? 'none'}`,
  ];
}
