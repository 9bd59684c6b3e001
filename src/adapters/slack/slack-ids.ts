import type { ActionId } from '../../service/messages/message.js';

/**
 * Every id planbot registers with Slack, in one place, so the Bolt app listens for exactly what
 * the renderers emit and the manifest consistency test can compare both with the manifest.
 */

/** The slash command (the manifest's `features.slash_commands[].command`). */
export const SLASH_COMMAND = '/plan';

/** `callback_id` of each modal; a `view_submission` is routed by it. */
export const CALLBACK_IDS = {
  standup: 'standup_update',
  planImport: 'plan_import',
  blocker: 'blocker_report',
} as const;
export type CallbackId = (typeof CALLBACK_IDS)[keyof typeof CALLBACK_IDS];

// A Record (not a list) so adding an ActionId to message.ts fails typecheck here until it is listed.
const MESSAGE_ACTIONS: Readonly<Record<ActionId, true>> = {
  standup_update: true,
  blocker_ack: true,
  blocker_resolve: true,
  blocker_escalate: true,
  replan_approve: true,
  replan_reject: true,
  plan_import_confirm: true,
  plan_import_cancel: true,
  blocker_open: true,
};

/** Button `action_id`s in posted messages: the neutral ActionId itself, so no mapping can drift. */
export const MESSAGE_ACTION_IDS = Object.keys(MESSAGE_ACTIONS) as ActionId[];

export function isMessageActionId(value: string): value is ActionId {
  return Object.hasOwn(MESSAGE_ACTIONS, value);
}

/**
 * `block_id` of a rendered message block: prefix + its index in the posted message. Stable for a
 * given message, so an action payload's `block_id` finds the same block in `message.blocks`.
 */
export const MESSAGE_BLOCK_PREFIX = 'pb-';
/** Suffix of a block replaced after an action; Slack asks for a new block_id when a block changes. */
export const SETTLED_BLOCK_SUFFIX = '-settled';

/** Stand-up modal: the three text inputs, one select per task (`task:<key>`), each element's action_id. */
export const STANDUP_BLOCKS = { did: 'did', doing: 'doing', blockers: 'blockers' } as const;
export const STANDUP_TEXT_ACTION = 'text';
export const STANDUP_TASK_BLOCK_PREFIX = 'task:';
export const STANDUP_STATUS_ACTION = 'status';

/** Import modal: the pasted plan and the optional start date. */
export const IMPORT_BLOCKS = { text: 'plan_text', startDate: 'start_date' } as const;
export const IMPORT_TEXT_ACTION = 'text';
export const IMPORT_DATE_ACTION = 'date';

/** "Report a blocker" modal: the task picked and what blocks it. */
export const BLOCKER_BLOCKS = { task: 'task', text: 'text' } as const;
export const BLOCKER_TASK_ACTION = 'task';
export const BLOCKER_TEXT_ACTION = 'text';
