import { graphemePrefix } from '../../domain/text-clamp.js';
import { z } from 'zod';
import { commandSchema, QUICK_STATUSES, type QuickStatus, type StandupArgs } from '../../service/commands/command.js';
import type { ActionId } from '../../service/messages/message.js';
import { parseStandupText } from '../../service/commands/parse-command.js';
import { PlanError } from '../../domain/plan-error.js';
import { STANDUP_INPUT, STANDUP_SUBMIT_VERB, TASK_INPUT_PREFIX } from './standup-card.js';
import { BLOCKER_SUBMIT_VERB } from './blocker-card.js';

export { settledCard } from './card-settled.js';

/** Every verb a planbot card can send: the neutral buttons and the stand-up form's submit. */
export const CARD_ACTION_IDS = [
  'standup_update',
  'blocker_ack',
  'blocker_resolve',
  'blocker_escalate',
  'replan_approve',
  'replan_reject',
  'plan_import_confirm',
  'plan_import_cancel',
  STANDUP_SUBMIT_VERB,
  'blocker_open',
  BLOCKER_SUBMIT_VERB,
] as const satisfies readonly (ActionId | typeof STANDUP_SUBMIT_VERB | typeof BLOCKER_SUBMIT_VERB)[];
export type CardActionId = (typeof CARD_ACTION_IDS)[number];
// Fails to compile when message.ts gains an ActionId this list (and so the parser) does not know.
const coversEveryActionId: Exclude<ActionId, CardActionId> extends never ? true : false = true;
void coversEveryActionId;

export interface CardAction {
  actionId: CardActionId;
  /** The subject the button carries: a blocker or proposal id, a stand-up reference. */
  value: string;
  /** Input values on the card (stand-up form), by input id. */
  inputs: Record<string, string>;
}

const actionIdSchema = z.enum(CARD_ACTION_IDS, {
  error: (issue) =>
    `unknown card action ${JSON.stringify(issue.input)}; this card may be from an older planbot, ask for a new one`,
});
// Teams merges the card's input values into `data` next to ours, so unknown keys are inputs, not errors.
const dataSchema = z.record(z.string(), z.unknown());
const invokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: dataSchema.optional(),
  }),
});

export interface CardActivity {
  type: string;
  name?: string;
  value?: unknown;
}

function fromData(data: Record<string, unknown>, verb?: string): CardAction {
  const named = data.actionId ?? verb;
  if (verb !== undefined && data.actionId !== undefined && data.actionId !== verb) {
    throw new PlanError(
      'invalid_command',
      `This button is inconsistent (verb "${graphemePrefix(verb, 40)}", action "${graphemePrefix(String(data.actionId), 40)}"); ask for a new card.`,
    );
  }
  const actionId = actionIdSchema.safeParse(named);
  if (!actionId.success)
    throw new PlanError(
      'invalid_command',
      `I can't handle that button: ${actionId.error.issues[0]?.message ?? 'unknown action'}.`,
    );
  const value = data.value ?? '';
  if (typeof value !== 'string' || value.length > 200)
    throw new PlanError('invalid_command', 'This button carries no readable reference; ask for a new card.');
  const inputs: Record<string, string> = {};
  for (const [key, input] of Object.entries(data)) {
    if (key !== 'actionId' && key !== 'value' && typeof input === 'string') inputs[key] = input;
  }
  return { actionId: actionId.data, value, inputs };
}

/** An Action.Execute click: the value of the `adaptiveCard/action` invoke. */
export function cardActionFromInvoke(invokeValue: unknown): CardAction {
  const parsed = invokeSchema.safeParse(invokeValue);
  if (!parsed.success)
    throw new PlanError(
      'invalid_command',
      'That card action could not be read (expected an Action.Execute with a verb); ask for a new card.',
    );
  return fromData(parsed.data.action.data ?? {}, parsed.data.action.verb);
}

/** An Action.Submit click (the fallback on older clients): a message whose `value` is the data plus inputs. */
export function cardActionFromSubmit(activityValue: unknown): CardAction {
  const parsed = dataSchema.safeParse(activityValue);
  if (!parsed.success)
    throw new PlanError('invalid_command', 'That card action could not be read; ask for a new card.');
  return fromData(parsed.data);
}

/** Either kind of click, from the activity; null when the activity is not a card action at all (plain text). */
export function readCardAction(activity: CardActivity): CardAction | null {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action')
    return cardActionFromInvoke(activity.value);
  if (activity.type === 'message' && activity.value !== undefined && activity.value !== null)
    return cardActionFromSubmit(activity.value);
  return null;
}

const quickStatus = z.enum(QUICK_STATUSES);

/**
 * The service's own "blockers: none" rule (parse-command), asked through its public parser so the
 * form and a typed answer agree on what counts as "nothing blocks me".
 */
function saysNoBlocker(text: string): boolean {
  const probe = parseStandupText(`blockers: ${text}`);
  return probe !== null && probe.blockers === null && Object.keys(probe).length === 1;
}

/** The stand-up form's inputs as the `standup` command's arguments, checked against the command schema. */
export function standupArgsFromInputs(inputs: Readonly<Record<string, string>>): StandupArgs {
  const args: StandupArgs = {};
  const did = inputs[STANDUP_INPUT.did]?.trim() ?? '';
  const doing = inputs[STANDUP_INPUT.doing]?.trim() ?? '';
  const blockers = inputs[STANDUP_INPUT.blockers]?.trim() ?? '';
  if (did !== '') args.did = did;
  if (doing !== '') args.doing = doing;
  const statuses: Record<string, QuickStatus> = {};
  for (const [id, raw] of Object.entries(inputs)) {
    if (!id.startsWith(TASK_INPUT_PREFIX) || raw.trim() === '') continue;
    const key = id.slice(TASK_INPUT_PREFIX.length);
    const status = quickStatus.safeParse(raw.trim());
    if (!status.success)
      throw new PlanError(
        'invalid_command',
        `Task ${graphemePrefix(key, 120)}: "${graphemePrefix(raw, 40)}" is not a status; choose Done, In progress or Blocked.`,
      );
    statuses[key] = status.data;
  }
  if (Object.keys(statuses).length > 0) args.statuses = statuses;
  if (did === '' && doing === '' && blockers === '' && args.statuses === undefined) {
    throw new PlanError(
      'invalid_command',
      'The stand-up form was empty: write what you did or are doing, or set a status for one of your tasks.',
    );
  }
  // The form says "leave empty if nothing blocks you", so an empty box is an explicit "none".
  args.blockers = blockers === '' || saysNoBlocker(blockers) ? null : blockers;
  const checked = commandSchema.safeParse({ name: 'standup', args });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.slice(1).join(' ') ?? '';
    throw new PlanError(
      'invalid_command',
      `The stand-up form has a problem${field === '' ? '' : ` in ${field}`}: ${issue?.message ?? 'not valid'}.`,
    );
  }
  const parsed = checked.data;
  return parsed.name === 'standup' ? parsed.args : args;
}
