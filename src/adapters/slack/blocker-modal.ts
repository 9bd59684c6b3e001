import type { ModalView } from '@slack/types';
import type { BlockerForm } from '../../service/messages/blocker-form.js';
import { mrkdwnWithin, plainWithin } from './mrkdwn.js';
import { BLOCKER_BLOCKS, BLOCKER_TASK_ACTION, BLOCKER_TEXT_ACTION, CALLBACK_IDS } from './slack-ids.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { readViewText, type ViewFieldErrors, type ViewStateValues } from './view-values.js';

/** Same bound as the command schema's user text, so the modal cannot submit what `block` refuses. */
const BLOCKER_TEXT_MAX = 2000;

/**
 * The "Report a blocker" modal the home's button opens: one of the member's open tasks and what
 * blocks it. The submission runs the `block` command (slack-handlers). `privateMetadata` names
 * the plan and that the home asked, so the answer refreshes the home.
 */
export function blockerModal(form: BlockerForm, privateMetadata: string): ModalView {
  const shown = form.tasks.slice(0, SLACK_LIMITS.staticSelectOptions);
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.blocker,
    title: { type: 'plain_text', text: 'Report a blocker' },
    submit: { type: 'plain_text', text: 'Report' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: mrkdwnWithin(form.planName, SLACK_LIMITS.contextText) }],
      },
      {
        type: 'input',
        block_id: BLOCKER_BLOCKS.task,
        label: { type: 'plain_text', text: 'Which task is blocked?' },
        element: {
          type: 'static_select',
          action_id: BLOCKER_TASK_ACTION,
          placeholder: { type: 'plain_text', text: 'Pick one of your tasks' },
          options: shown.map((t) => ({
            text: { type: 'plain_text', text: plainWithin(t.label, SLACK_LIMITS.optionText) },
            value: t.key,
          })),
        },
      },
      {
        type: 'input',
        block_id: BLOCKER_BLOCKS.text,
        label: { type: 'plain_text', text: 'What is blocking it?' },
        element: {
          type: 'plain_text_input',
          action_id: BLOCKER_TEXT_ACTION,
          multiline: true,
          max_length: BLOCKER_TEXT_MAX,
          placeholder: { type: 'plain_text', text: 'e.g. waiting on the GA4 keys from the client' },
        },
      },
    ],
  };
}

export type BlockerSubmission =
  { ok: true; args: { taskKey: string; text: string } } | { ok: false; errors: ViewFieldErrors };

/** The submitted modal as the `block` command's args; a missing field is shown under it. */
export function readBlockerSubmission(values: ViewStateValues): BlockerSubmission {
  const taskKey = values[BLOCKER_BLOCKS.task]?.[BLOCKER_TASK_ACTION]?.selected_option?.value;
  const text = readViewText(values, BLOCKER_BLOCKS.text, BLOCKER_TEXT_ACTION);
  const errors: ViewFieldErrors = {};
  if (!taskKey) errors[BLOCKER_BLOCKS.task] = 'Pick the task that is blocked.';
  if (!text) errors[BLOCKER_BLOCKS.text] = 'Say what is blocking it.';
  return taskKey && text ? { ok: true, args: { taskKey, text } } : { ok: false, errors };
}
