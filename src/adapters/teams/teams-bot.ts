import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import { FirstContactLinker } from '../../service/commands/email-link.js';
import type { Clock } from '../../service/ports/clock.js';
import type { Command } from '../../service/commands/command.js';
import { message, settlesMessage, type Message } from '../../service/messages/message.js';
import { errorReply } from '../../service/messages/error-reply.js';
import type { PlanService } from '../../service/plan-service.js';
import { isPlanError } from '../../domain/plan-error.js';
import type { PlanStore } from '../../service/ports/plan-store.js';
import type { DeliveredMessages } from '../../service/ports/delivered-messages.js';
import { toAdaptiveCard } from './adaptive-card.js';
import { cardActionFromInvoke, cardActionFromSubmit, settledCard, type CardAction } from './card-action.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from './card-json.js';
import type { ConversationReferences } from './conversation-references.js';
import { toOutboundActivity } from './outbound-activity.js';
import { runCardAction } from './teams-card-actions.js';
import { parseTeamsMessage } from './teams-command-text.js';
import { chatContextOf, conversationKindOf, tenantOf } from './teams-context.js';
import { botRemoved, ConversationMemory } from './teams-conversations.js';
import { linkTeamsUser, resolveMentionedUser } from './teams-identity.js';
import { findOriginalMessage } from './teams-original-card.js';

export interface TeamsBotDeps {
  service: PlanService;
  store: PlanStore;
  conversations: ConversationReferences;
  /** Where a clicked card's original message is read back from. */
  delivered: DeliveredMessages;
  clock: Clock;
  logger: Logger;
  /** Single-tenant bots answer their own tenant only. */
  onlyTenant?: string;
}

type Scoped = { tenantId: string; ctx: ChatContext | null };

const NO_DIRECTORY_USER = message(
  'error',
  "I can only answer people in your organisation's directory (Teams gave me no Entra ID for you, as for some guests).",
  undefined,
  { ephemeral: true },
);

/**
 * planbot in Teams. Messages and card clicks become neutral commands for PlanService; the answer
 * is rendered as an Adaptive Card. Teams has no ephemeral messages: an answer meant for the asker
 * only (Slack ephemeral) is a reply in the thread they wrote in, or in their 1:1 chat.
 */
export class PlanbotTeamsBot extends TeamsActivityHandler {
  private readonly linker: FirstContactLinker;
  private readonly conversations: ConversationMemory;

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.linker = new FirstContactLinker(deps.store, deps.clock);
    this.conversations = new ConversationMemory(deps.conversations);
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    // Teams tells the bot when someone edits a message it received (a messageUpdate, eventType editMessage).
    this.onTeamsMessageEditEvent(async (context, next) => {
      await this.edited(context);
      await next();
    });
    // Added to a team, a group chat or installed personally: remember where to post rituals and DMs
    // (and forget it when removed).
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context);
      if (installedPersonally(context.activity)) await this.greetWithHome(context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const scoped = this.scope(context);
    if (!scoped)
      return cardResponse(toAdaptiveCard(errorMessage('This card came from a tenant planbot does not serve.')));
    if (!scoped.ctx) return cardResponse(toAdaptiveCard(NO_DIRECTORY_USER));
    let action: CardAction;
    try {
      action = cardActionFromInvoke(invokeValue);
    } catch (error) {
      if (!isPlanError(error)) throw error;
      return cardResponse(toAdaptiveCard(errorReply({ code: error.code, message: error.message })));
    }
    await this.linkByEmail(context, scoped.ctx);
    return cardResponse(await this.clicked(context, scoped.ctx, action));
  }

  private async message(context: TurnContext): Promise<void> {
    const scoped = this.scope(context);
    if (!scoped) return;
    // Every message refreshes the stored reference: Teams can move a conversation's service URL.
    await this.conversations.remember(context.activity, scoped.tenantId);
    const { ctx } = scoped;
    if (!ctx) return void (await reply(context, NO_DIRECTORY_USER));
    await this.linkByEmail(context, ctx);
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) return this.submitted(context, ctx, value);
    const parsed = parseTeamsMessage(context);
    if (!parsed.ok) return void (await reply(context, errorReply({ code: 'invalid_command', message: parsed.error })));
    const command = await this.resolveUsers(context, parsed.command);
    if (!command) {
      return void (await reply(
        context,
        errorReply({
          code: 'invalid_command',
          message:
            'Mention the person with @ so Teams tells me who they are, e.g. `plan link @Sam "Sam Jackson"` or `plan away @Sam dec 10`.',
        }),
      ));
    }
    await reply(context, await this.deps.service.handle(ctx, command));
  }

  /**
   * An edited stand-up answer replaces the answer it gave, and the author is told what it now
   * reads as. Any other edited message is left alone: editing `block d3 …` must not open a
   * second blocker, and a remark edited into answer shape was never an answer.
   */
  private async edited(context: TurnContext): Promise<void> {
    const scoped = this.scope(context);
    if (!scoped?.ctx) return;
    const parsed = parseTeamsMessage(context);
    if (!parsed.ok || parsed.command.name !== 'standup') return;
    const { args } = parsed.command;
    if (args.did === undefined && args.doing === undefined && args.blockers === undefined && !args.statuses) return;
    await reply(
      context,
      await this.deps.service.handle(scoped.ctx, { name: 'standup', args: { ...args, edited: true } }),
    );
  }

  /** Action.Submit, the fallback of clients without universal actions: answered as a reply. */
  private async submitted(context: TurnContext, ctx: ChatContext, value: unknown): Promise<void> {
    let action: CardAction;
    try {
      action = cardActionFromSubmit(value);
    } catch (error) {
      if (!isPlanError(error)) throw error;
      return void (await reply(context, errorReply({ code: error.code, message: error.message })));
    }
    const outcome = await runCardAction(this.deps.service, ctx, action);
    if (outcome.kind === 'card') {
      await context.sendActivity({
        type: 'message',
        attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: outcome.card }],
      });
      return;
    }
    await reply(context, outcome.reply);
    if (outcome.reply.kind !== 'error' && settlesMessage(action.actionId))
      await this.settleForEveryone(context, ctx, action, outcome.reply);
  }

  /** An Action.Execute click: the returned card replaces the clicked one in place. */
  private async clicked(context: TurnContext, ctx: ChatContext, action: CardAction): Promise<object> {
    const outcome = await runCardAction(this.deps.service, ctx, action);
    if (outcome.kind === 'card') return outcome.card;
    const original = await this.originalCard(context, ctx);
    if (outcome.reply.kind === 'error' || !settlesMessage(action.actionId)) {
      // Keep the buttons: the click failed, or it left the question open (settlesMessage).
      return original
        ? { ...original, body: [...original.body, ...toAdaptiveCard(outcome.reply).body] }
        : toAdaptiveCard(outcome.reply);
    }
    if (!original) return toAdaptiveCard(outcome.reply);
    await this.settleForEveryone(context, ctx, action, outcome.reply, original);
    return settledCard(original, { actionId: action.actionId, value: action.value }, outcome.reply.text);
  }

  /**
   * The invoke answer updates the card for the person who clicked; the message itself is edited
   * too, so the rest of the channel sees who acknowledged and nobody clicks twice. Best effort:
   * the action already happened, a failed edit only leaves a stale button.
   */
  private async settleForEveryone(
    context: TurnContext,
    ctx: ChatContext,
    action: CardAction,
    reply: Message,
    known?: AdaptiveCardJson,
  ): Promise<void> {
    const activityId = context.activity.replyToId;
    // A personal answer (a stand-up) is for the clicker only; Teams has no ephemeral messages.
    if (!activityId || reply.ephemeral) return;
    const original = known ?? (await this.originalCard(context, ctx));
    if (!original) return;
    const card = settledCard(original, { actionId: action.actionId, value: action.value }, reply.text);
    try {
      await context.updateActivity({
        type: 'message',
        id: activityId,
        attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
      });
    } catch (error) {
      this.deps.logger.warn({ err: error, activityId }, 'Teams: could not update the clicked card for everyone');
    }
  }

  private async originalCard(context: TurnContext, ctx: ChatContext): Promise<AdaptiveCardJson | undefined> {
    const targets = [ctx.channel, ctx.actor.userId].filter((t): t is string => Boolean(t));
    const original = await findOriginalMessage(this.deps.delivered, context.activity.replyToId, targets);
    return original ? toAdaptiveCard(original) : undefined;
  }

  private async linkByEmail(context: TurnContext, ctx: ChatContext): Promise<void> {
    const linked = await linkTeamsUser(this.linker, context, ctx, this.deps.logger);
    if (linked.length > 0)
      this.deps.logger.info({ plans: linked.map((l) => l.planName) }, 'Teams user linked to plan members by email');
  }

  /** `link <at>Sam</at> "Sam Jackson"` names a Teams user by mention; the service needs their AAD id. */
  private async resolveUsers(context: TurnContext, command: Command): Promise<Command | null> {
    // `away <at>Sam</at> dec 10`: someone else's time off, named by mention, as `link` names them.
    if ((command.name === 'away' || command.name === 'back') && command.args.platformUser?.startsWith('<at>')) {
      const userId = await resolveMentionedUser(context, command.args.platformUser);
      return userId ? { ...command, args: { ...command.args, platformUser: userId } } : null;
    }
    if (command.name !== 'link' || command.args.platformUser === undefined) return command;
    const userId = await resolveMentionedUser(context, command.args.platformUser);
    return userId ? { name: 'link', args: { ...command.args, platformUser: userId } } : null;
  }

  /**
   * Installed in someone's 1:1 chat: their home card is the first thing they see, so they meet
   * their own day and buttons rather than a list of commands. Teams also sends an
   * installationUpdate for the same install; only this event greets, so the card comes once.
   */
  private async greetWithHome(context: TurnContext): Promise<void> {
    const scoped = this.scope(context);
    if (!scoped?.ctx) return;
    await this.linkByEmail(context, scoped.ctx);
    await reply(context, await this.deps.service.home(scoped.ctx));
  }

  private async remember(context: TurnContext): Promise<void> {
    const scoped = this.scope(context);
    if (!scoped) return;
    if (botRemoved(context.activity)) await this.conversations.forget(context.activity, scoped.tenantId);
    else await this.conversations.remember(context.activity, scoped.tenantId, { always: true });
  }

  /** The tenant and asker, or null (logged) when the activity cannot be placed in a served tenant. */
  private scope(context: TurnContext): Scoped | null {
    const tenant = tenantOf(context.activity);
    if (!tenant.ok) {
      this.deps.logger.warn({ reason: tenant.reason, activityType: context.activity.type }, 'Teams activity ignored');
      return null;
    }
    if (this.deps.onlyTenant !== undefined && tenant.tenantId !== this.deps.onlyTenant) {
      this.deps.logger.warn(
        { tenantId: tenant.tenantId },
        'Teams activity from another tenant ignored (single-tenant bot)',
      );
      return null;
    }
    return { tenantId: tenant.tenantId, ctx: chatContextOf(context.activity, tenant.tenantId) };
  }
}

/** planbot itself was just added to a 1:1 chat (a personal install), not someone to a team. */
function installedPersonally(activity: TurnContext['activity']): boolean {
  const botId = activity.recipient?.id;
  return (
    conversationKindOf(activity) === 'personal' &&
    botId !== undefined &&
    (activity.membersAdded ?? []).some((member) => member.id === botId)
  );
}

function errorMessage(text: string): Message {
  return message('error', text, undefined, { ephemeral: true });
}

function cardResponse(card: object): AdaptiveCardInvokeResponse {
  // The SDK types the card as a record; ours is a plain JSON object.
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as Record<string, unknown> };
}

/** Replies in the conversation the message came from (in a channel: in its thread). */
async function reply(context: TurnContext, answer: Message): Promise<void> {
  await context.sendActivity(toOutboundActivity(answer));
}
