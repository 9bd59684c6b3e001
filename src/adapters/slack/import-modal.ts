import type { ModalView } from '@slack/types';
import { isoDateSchema } from '../../domain/iso-date.js';
import type { IsoDate } from '../../domain/types.js';
import { CALLBACK_IDS, IMPORT_BLOCKS, IMPORT_DATE_ACTION, IMPORT_TEXT_ACTION, SLASH_COMMAND } from './slack-ids.js';
import { SLACK_LIMITS } from './slack-limits.js';
import { readViewText, type ViewFieldErrors, type ViewStateValues } from './view-values.js';

/** Slack caps a plain_text_input at 3,000 characters; a longer plan has to come as a file. */
export const PASTED_PLAN_MAX = SLACK_LIMITS.plainTextInput;

const UPLOAD_HINT = `Longer than ${PASTED_PLAN_MAX.toLocaleString('en-US')} characters? Upload the plan as a file in the channel with the message \`${SLASH_COMMAND} import\` instead.`;

/**
 * The `/plan import` modal: paste a plan document, optionally pick the start date. The submission
 * only previews the plan (the Import button on the preview stores it), so a paste is never final.
 */
export function importModal(privateMetadata: string): ModalView {
  if (privateMetadata.length > SLACK_LIMITS.privateMetadata) {
    throw new RangeError(
      `importModal: private_metadata is ${privateMetadata.length} characters, Slack allows ${SLACK_LIMITS.privateMetadata}`,
    );
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.planImport,
    title: { type: 'plain_text', text: 'Import a plan' },
    submit: { type: 'plain_text', text: 'Preview' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks: [
      {
        type: 'input',
        block_id: IMPORT_BLOCKS.text,
        label: { type: 'plain_text', text: 'Plan document (Markdown)' },
        hint: { type: 'plain_text', text: 'You will see a preview with any warnings before anything is imported.' },
        element: {
          type: 'plain_text_input',
          action_id: IMPORT_TEXT_ACTION,
          multiline: true,
          max_length: PASTED_PLAN_MAX,
          placeholder: {
            type: 'plain_text',
            text: 'Paste the plan: tasks by day or week, owners, escalation contacts, cadence…',
          },
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: UPLOAD_HINT }] },
      {
        type: 'input',
        block_id: IMPORT_BLOCKS.startDate,
        optional: true,
        label: { type: 'plain_text', text: 'Start date' },
        hint: { type: 'plain_text', text: 'Day 1 of the plan. Leave empty to use the date written in the plan.' },
        element: {
          type: 'datepicker',
          action_id: IMPORT_DATE_ACTION,
          placeholder: { type: 'plain_text', text: 'Pick a date' },
        },
      },
    ],
  };
}

export type ImportSubmission = { ok: true; text: string; startDate?: IsoDate } | { ok: false; errors: ViewFieldErrors };

/** Reads a submitted import modal; problems come back per block_id for `response_action: 'errors'`. */
export function readImportSubmission(values: ViewStateValues): ImportSubmission {
  const errors: ViewFieldErrors = {};
  const text = readViewText(values, IMPORT_BLOCKS.text, IMPORT_TEXT_ACTION);
  if (!text)
    errors[IMPORT_BLOCKS.text] =
      'Paste the plan document here, or upload it as a file in the channel with `/plan import`.';
  // Slack enforces max_length; a payload over it was not sent by that modal.
  else if (text.length > PASTED_PLAN_MAX) errors[IMPORT_BLOCKS.text] = UPLOAD_HINT;
  const picked = values[IMPORT_BLOCKS.startDate]?.[IMPORT_DATE_ACTION]?.selected_date ?? undefined;
  if (picked && !isoDateSchema.safeParse(picked).success)
    errors[IMPORT_BLOCKS.startDate] = 'Pick the start date from the calendar (YYYY-MM-DD).';
  if (!text || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, text, ...(picked ? { startDate: picked } : {}) };
}
