import type { ChatContext } from '../../service/read-model/chat-context.js';
import { commandSchema, type Command } from '../../service/commands/command.js';
import type { Message } from '../../service/messages/message.js';
import { errorReply } from '../../service/messages/error-reply.js';
import type { PlanService } from '../../service/plan-service.js';
import { PlanError, isPlanError } from '../../domain/plan-error.js';
import { buttonCommand } from '../../service/commands/button-command.js';
import { standupArgsFromInputs, type CardAction } from './card-action.js';
import { standupCard } from './standup-card.js';
import { BLOCKER_INPUT, BLOCKER_SUBMIT_VERB, blockerCard } from './blocker-card.js';

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
    if (action.actionId === 'blocker_open')
      return { kind: 'card', card: blockerCard(await service.blockerForm(asked)) };
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
 * stand-up and blocker buttons (and so the forms they open) name the plan. The service still looks it up among
 * this workspace's plans only, so a forged id reaches nothing it should not.
 */
const NAMES_ITS_PLAN: ReadonlySet<CardAction['actionId']> = new Set([
  'standup_update',
  'standup_submit',
  'blocker_open',
  BLOCKER_SUBMIT_VERB,
]);

function onPlanOf(ctx: ChatContext, action: CardAction): ChatContext {
  return NAMES_ITS_PLAN.has(action.actionId) && PLAN_ID.test(action.value) ? { ...ctx, planId: action.value } : ctx;
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
      case BLOCKER_SUBMIT_VERB:
        return blockArgsFromInputs(action.inputs);
      case 'blocker_open': // answered with the form above
      case 'standup_update': // answered with the forms above
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

/** The blocker form's inputs as the `block` command; an empty box gets a reason, not "cannot read". */
function blockArgsFromInputs(inputs: Readonly<Record<string, string>>): unknown {
  const taskKey = inputs[BLOCKER_INPUT.task]?.trim() ?? '';
  const text = inputs[BLOCKER_INPUT.text]?.trim() ?? '';
  if (taskKey === '') throw new PlanError('invalid_command', 'Pick the task that is blocked.');
  if (text === '') throw new PlanError('invalid_command', 'Say what is blocking the task, then press Report blocker.');
  return { name: 'block', args: { taskKey, text } };
}
