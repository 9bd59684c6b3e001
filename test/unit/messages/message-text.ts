import { expect } from 'vitest';
import type { Message, MessageAction, MessageBlock } from '../../../src/service/messages/message.js';

/** What a reader sees in one block, as plain lines. */
export function blockText(block: MessageBlock): string {
  switch (block.type) {
    case 'header':
    case 'section':
    case 'context':
      return block.text;
    case 'list':
      return block.items.map((item) => `• ${item}`).join('\n');
    case 'fields':
      return block.fields.map((field) => `${field.label}: ${field.value}`).join('\n');
    case 'actions':
      return block.actions.map((action) => `[${action.label}]`).join(' ');
    case 'divider':
      return '---';
  }
}

export function messageText(message: Message): string {
  return message.blocks.map(blockText).join('\n');
}

export function actionsOf(message: Message): MessageAction[] {
  return message.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : []));
}

/** Slack's limits, checked the way Block Kit would: per block and per rendered text. */
export function expectWithinLimits(message: Message): void {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  for (const block of message.blocks) {
    expect(blockText(block).length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'fields') expect(block.fields.length).toBeLessThanOrEqual(10);
    if (block.type === 'actions') expect(block.actions.length).toBeLessThanOrEqual(25);
  }
}
