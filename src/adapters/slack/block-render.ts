import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, SectionBlock } from '@slack/types';
import type { MessageAction, MessageBlock } from '../../service/messages/message.js';
import { escapeMrkdwn, mrkdwnWithin, plainWithin, singleLine, stripEmphasis, truncateMrkdwn } from './mrkdwn.js';
import { SLACK_LIMITS } from './slack-limits.js';

export type RenderedBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

/**
 * One Block Kit block and how many things a reader would count in it (list items, paragraphs,
 * facts), so a message cut at the block limit can say how many were left out.
 */
export interface Rendered {
  block: RenderedBlock;
  items: number;
}

const BULLET = '• ';

function section(text: string, items = 1): Rendered {
  return { block: { type: 'section', text: { type: 'mrkdwn', text } }, items };
}

/** Bullet lines packed into as few sections as fit; an item longer than a section is cut on its own. */
function listSections(items: readonly string[]): Rendered[] {
  const max = SLACK_LIMITS.sectionText;
  const rendered: Rendered[] = [];
  let lines: string[] = [];
  let length = 0;
  for (const item of items) {
    const line = truncateMrkdwn(BULLET + escapeMrkdwn(singleLine(item)), max);
    if (lines.length > 0 && length + 1 + line.length > max) {
      rendered.push(section(lines.join('\n'), lines.length));
      lines = [];
      length = 0;
    }
    length += (lines.length > 0 ? 1 : 0) + line.length;
    lines.push(line);
  }
  if (lines.length > 0) rendered.push(section(lines.join('\n'), lines.length));
  return rendered;
}

function fieldSections(fields: readonly { label: string; value: string }[]): Rendered[] {
  const rendered: Rendered[] = [];
  for (let start = 0; start < fields.length; start += SLACK_LIMITS.fields) {
    const chunk = fields.slice(start, start + SLACK_LIMITS.fields);
    rendered.push({
      block: {
        type: 'section',
        fields: chunk.map((field) => ({
          type: 'mrkdwn' as const,
          // The label is bold; a label with its own `*` would break the emphasis, so it goes on one line.
          text: truncateMrkdwn(
            `*${escapeMrkdwn(singleLine(field.label))}*\n${escapeMrkdwn(field.value)}`,
            SLACK_LIMITS.fieldText,
          ),
        })),
      },
      items: chunk.length,
    });
  }
  return rendered;
}

function button(action: MessageAction): Button {
  // A cut value would point the button at another blocker or proposal: refuse instead of guessing.
  if (action.value.length > SLACK_LIMITS.buttonValue) {
    throw new RangeError(
      `button ${action.id}: value is ${action.value.length} characters, Slack allows ${SLACK_LIMITS.buttonValue}`,
    );
  }
  return {
    type: 'button',
    action_id: action.id,
    text: { type: 'plain_text', text: plainWithin(action.label, SLACK_LIMITS.buttonText), emoji: true },
    value: action.value,
    ...(action.style ? { style: action.style } : {}),
  };
}

/**
 * Buttons in rows of at most 25. Slack wants action_ids unique within a block, so a second button
 * with the same ActionId starts a new row rather than being renamed (the Bolt app matches the
 * neutral id exactly).
 */
function actionRows(actions: readonly MessageAction[]): Rendered[] {
  const rows: MessageAction[][] = [];
  let row: MessageAction[] = [];
  for (const action of actions) {
    if (row.length >= SLACK_LIMITS.actionsElements || row.some((other) => other.id === action.id)) {
      rows.push(row);
      row = [];
    }
    row.push(action);
  }
  if (row.length > 0) rows.push(row);
  return rows.map((buttons) => ({ block: { type: 'actions', elements: buttons.map(button) }, items: 0 }));
}

// Slack refuses an empty text object, so blank text renders nothing rather than an invalid block.
const blank = (text: string): boolean => text.trim().length === 0;

/** One neutral block as zero or more Block Kit blocks, each inside Slack's limits. */
export function renderBlock(block: MessageBlock): Rendered[] {
  switch (block.type) {
    case 'header':
      return blank(block.text)
        ? []
        : [
            {
              block: {
                type: 'header',
                text: {
                  type: 'plain_text',
                  text: plainWithin(stripEmphasis(block.text), SLACK_LIMITS.headerText),
                  emoji: true,
                },
              },
              items: 0,
            },
          ];
    case 'section':
      return blank(block.text) ? [] : [section(mrkdwnWithin(block.text, SLACK_LIMITS.sectionText))];
    case 'context':
      return blank(block.text)
        ? []
        : [
            {
              block: {
                type: 'context',
                elements: [{ type: 'mrkdwn', text: mrkdwnWithin(block.text, SLACK_LIMITS.contextText) }],
              },
              items: 1,
            },
          ];
    case 'fields':
      return fieldSections(block.fields);
    case 'list':
      return listSections(block.items);
    case 'divider':
      return [{ block: { type: 'divider' }, items: 0 }];
    case 'actions':
      return actionRows(block.actions);
  }
}
