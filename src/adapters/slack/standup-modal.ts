import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { TaskStatus } from '../../domain/types.js';
import { commandSchema, type QuickStatus, type StandupArgs } from '../../service/commands/command.js';
import { mrkdwnWithin, plainWithin } from './mrkdwn.js';
import {
  CALLBACK_IDS,
  STANDUP_BLOCKS,
  STANDUP_STATUS_ACTION,
  STANDUP_TASK_BLOCK_PREFIX,
  STANDUP_TEXT_ACTION,
} from './slack-ids.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { readViewText, type ViewFieldErrors, type ViewStateValues } from './view-values.js';

/**
 * What the modal needs. Structural copy of `StandupForm` (src/service/messages/standup-form.ts, written in
 * parallel); TypeScript checks the service's value against this shape where the two meet.
 */
export interface StandupFormView {
  memberName: string;
  planName: string;
  tasks: { key: string; title: string; status: TaskStatus; overdue: boolean }[];
}

/** Same bound as the command schema's user text, so the modal cannot submit what the service refuses. */
export const STANDUP_TEXT_MAX = 2000;
/**
 * A modal holds 100 blocks, but forty selects is a form nobody finishes; the rest are named with
 * the command to use (same cap as the Teams card).
 */
export const MAX_TASK_SELECTS = 20;

const STATUS_LABELS: Record<QuickStatus, string> = { done: 'Done', in_progress: 'In progress', blocked: 'Blocked' };
const option = (status: QuickStatus): PlainTextOption => ({
  text: { type: 'plain_text', text: STATUS_LABELS[status] },
  value: status,
});
const OPTIONS: PlainTextOption[] = (Object.keys(STATUS_LABELS) as QuickStatus[]).map(option);

function quickStatus(status: TaskStatus): QuickStatus | undefined {
  return status === 'done' || status === 'in_progress' || status === 'blocked' ? status : undefined;
}

function textInput(
  blockId: string,
  label: string,
  options: { optional?: boolean; hint?: string; placeholder?: string } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: STANDUP_TEXT_ACTION,
      multiline: true,
      max_length: STANDUP_TEXT_MAX,
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
    },
  };
}

function taskSelect(task: StandupFormView['tasks'][number]): InputBlock {
  const current = quickStatus(task.status);
  return {
    type: 'input',
    block_id: `${STANDUP_TASK_BLOCK_PREFIX}${task.key}`,
    // Optional: leaving a task alone means "no change", never an error.
    optional: true,
    label: {
      type: 'plain_text',
      text: plainWithin(`${task.key} · ${task.title}${task.overdue ? ' (overdue)' : ''}`, SLACK_LIMITS.inputLabel),
    },
    element: {
      type: 'static_select',
      action_id: STANDUP_STATUS_ACTION,
      placeholder: { type: 'plain_text', text: 'No change' },
      options: OPTIONS,
      ...(current ? { initial_option: option(current) } : {}),
    },
  };
}

/**
 * The stand-up modal opened from the prompt's "Post update" button: did / doing / blockers and a
 * status select per task the member owns today. `privateMetadata` comes back on submission (the
 * Bolt app puts the channel and prompt there to reply in its thread).
 */
export function standupModal(form: StandupFormView, privateMetadata: string): ModalView {
  if (privateMetadata.length > SLACK_LIMITS.privateMetadata) {
    // Cut metadata would not decode: a planbot bug, better found here than as a Slack error.
    throw new RangeError(
      `standupModal: private_metadata is ${privateMetadata.length} characters, Slack allows ${SLACK_LIMITS.privateMetadata}`,
    );
  }
  const open = form.tasks.filter((task) => task.status !== 'cancelled');
  const shown = open.slice(0, MAX_TASK_SELECTS);
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: mrkdwnWithin(`Update for *${form.memberName}* · ${form.planName}`, SLACK_LIMITS.contextText),
        },
      ],
    },
    textInput(STANDUP_BLOCKS.did, 'What did you get done since the last stand-up?'),
    textInput(STANDUP_BLOCKS.doing, 'What are you doing today?'),
    textInput(STANDUP_BLOCKS.blockers, 'Is anything blocking you?', {
      optional: true,
      hint: 'Leave empty if nothing blocks you.',
      placeholder: 'e.g. waiting on the GA4 keys from the client',
    }),
  ];
  if (shown.length > 0) {
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '*Your tasks*: set a status, or leave "No change".' } },
      ...shown.map(taskSelect),
    );
  }
  if (open.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `…and ${open.length - shown.length} more: mark them with \`/plan done <task>\`` },
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.standup,
    title: { type: 'plain_text', text: 'Stand-up update' },
    submit: { type: 'plain_text', text: 'Post update' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks,
  };
}

// Same words the free-text reader takes for "no blocker" (parse-command.ts).
const NO_BLOCKER = /^(none|no|nope|nothing|nil|n\/?a|-+|0|no blockers?|none so far|all good)$/i;

export type StandupSubmission = { ok: true; args: StandupArgs } | { ok: false; errors: ViewFieldErrors };

const isQuickStatus = (value: string): value is QuickStatus => Object.hasOwn(STATUS_LABELS, value);

/**
 * Reads `view.state.values` of a submitted stand-up modal into the `standup` command's args.
 * Problems come back per block_id, shaped for `ack({ response_action: 'errors', errors })`, so
 * Slack shows each one under its field and keeps what the member typed.
 */
export function readStandupSubmission(values: ViewStateValues): StandupSubmission {
  const errors: ViewFieldErrors = {};
  const args: StandupArgs = {};
  const did = readViewText(values, STANDUP_BLOCKS.did, STANDUP_TEXT_ACTION);
  const doing = readViewText(values, STANDUP_BLOCKS.doing, STANDUP_TEXT_ACTION);
  const blockers = readViewText(values, STANDUP_BLOCKS.blockers, STANDUP_TEXT_ACTION);
  // Slack enforces required inputs, but only against an empty box, not one full of spaces.
  if (did) args.did = did;
  else errors[STANDUP_BLOCKS.did] = 'Say what you got done since the last stand-up (or "nothing yet").';
  if (doing) args.doing = doing;
  else errors[STANDUP_BLOCKS.doing] = 'Say what you are working on today.';
  args.blockers = blockers === undefined || NO_BLOCKER.test(blockers.replace(/[.!]+$/, '').trim()) ? null : blockers;

  const statuses: Record<string, QuickStatus> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    if (!blockId.startsWith(STANDUP_TASK_BLOCK_PREFIX)) continue;
    const picked = actions[STANDUP_STATUS_ACTION]?.selected_option?.value;
    if (picked === undefined || picked === null) continue;
    if (!isQuickStatus(picked)) errors[blockId] = 'Pick Done, In progress or Blocked.';
    else statuses[blockId.slice(STANDUP_TASK_BLOCK_PREFIX.length)] = picked;
  }
  if (Object.keys(statuses).length > 0) args.statuses = statuses;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The service validates again; checking here lets the member fix it in the still-open modal.
  const parsed = commandSchema.safeParse({ name: 'standup', args });
  if (parsed.success && parsed.data.name === 'standup') return { ok: true, args: parsed.data.args };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [, field, key] = issue.path;
    const blockId =
      field === 'statuses'
        ? `${STANDUP_TASK_BLOCK_PREFIX}${String(key)}`
        : typeof field === 'string'
          ? field
          : STANDUP_BLOCKS.did;
    errors[blockId] ??=
      field === 'statuses'
        ? 'planbot cannot update this task from here; use `/plan done <task>`.'
        : `Please shorten this to ${STANDUP_TEXT_MAX} characters or fewer.`;
  }
  return { ok: false, errors };
}
