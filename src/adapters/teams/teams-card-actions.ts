import type { ChatContext } from '../../service/read-model/chat-context.js';
import { commandSchema, type Command } from '../../service/commands/command.js';
import type { Message } from '../../service/messages/message.js';
import { errorReply } from '../../service/messages/error-reply.js';
import type { PlanService } from '../../service/plan-service.js';
import { PlanError, isPlanError } from '../../domain/plan-error.js';
import { buttonCommand } from '../../service/commands/button-command.js';
import { standupArgsFromInputs, type CardAction } from './card-action.js';
import { standupCard } from './standup-card.js';

/** What a click did: the service's answer, or a card to show instead (the stand-up form). */
export type CardActionOutcome = { kind: 'reply'; reply: Message } | { kind: 'card'; card: object };

/**
 * Runs a card button through the same neutral commands as typed text, so a click and
 * `plan ack 12` are one use case with one permission check.
 */
export async function runCardAction(
  service: PlanService,
  ctx: ChatContext,
  action: CardAction,
): Promise<CardActionOutcome> {
  try {
    const asked = onPlanOf(ctx, action);
    if (action.actionId === 'standup_update')
      return { kind: 'card', card: standupCard(await service.standupForm(asked), action.value) };
    const command = commandFor(action);
    return { kind: 'reply', reply: await service.handle(asked, command) };
  } catch (error) {
    if (isPlanError(error)) return { kind: 'reply', reply: errorReply({ code: error.code, message: error.message }) };
    throw error;
  }
}

// A plan id, as the home's "Post update" carries it; a prompt's button carries an `occurrence:…` key.
const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The home lists several plans in a 1:1 chat, where no channel says which plan is meant: its
 * stand-up button (and so the form it opens) names the plan. The service still looks it up among
 * this workspace's plans only, so a forged id reaches nothing it should not.
 */
function onPlanOf(ctx: ChatContext, action: CardAction): ChatContext {
  const aboutStandup = action.actionId === 'standup_update' || action.actionId === 'standup_submit';
  return aboutStandup && PLAN_ID.test(action.value) ? { ...ctx, planId: action.value } : ctx;
}

function commandFor(action: CardAction): Command {
  const raw = ((): unknown => {
    switch (action.actionId) {
      case 'blocker_ack':
      case 'blocker_resolve':
      case 'blocker_escalate':
      case 'replan_approve':
      case 'replan_reject':
        return buttonCommand(action.actionId, action.value);
      case 'standup_submit':
        return { name: 'standup', args: standupArgsFromInputs(action.inputs) };
      case 'standup_update': // answered with the form above
      case 'plan_import_confirm':
      case 'plan_import_cancel':
        // Import previews are a Slack flow (/plan import); a Teams card never carries these buttons.
        throw new PlanError(
          'invalid_command',
          'That button does not work in Teams; import plans with `planbot import` on the server.',
        );
    }
  })();
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success)
    throw new PlanError('invalid_command', 'This button carries a reference I cannot read; ask for a new card.');
  return parsed.data;
}
