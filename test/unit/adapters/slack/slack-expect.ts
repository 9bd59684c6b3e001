import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';

/** Every mrkdwn text in the blocks, in order. */
export function mrkdwnTexts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'section')
      return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((field) => field.text)];
    if (block.type === 'context')
      return block.elements.flatMap((element) =>
        'text' in element && typeof element.text === 'string' ? [element.text] : [],
      );
    return [];
  });
}

/**
 * After escaping, `<` may only open a planbot mention and `&` only an entity: anything else is a
 * Slack control sequence (`<!channel>`, `<https://…|…>`) a user slipped in.
 */
export function expectInert(text: string): void {
  expect(text.replace(/<@[UW][A-Z0-9]+>/g, '')).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
}

/** Slack's Block Kit limits, checked on the JSON we would send. */
export function expectSlackLimits(message: { text: string; blocks: KnownBlock[] }): void {
  const { blocks } = message;
  expect(blocks.length).toBeLessThanOrEqual(50);
  // The undocumented cumulative limit (msg_blocks_too_long): all text stays well under ~12,000.
  expect(mrkdwnTexts(blocks).join('').length).toBeLessThanOrEqual(12_000);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(300);
  expectInert(message.text);
  const ids = blocks.map((block) => block.block_id);
  expect(new Set(ids).size).toBe(blocks.length);
  for (const block of blocks) {
    expect(block.block_id?.length ?? 0).toBeGreaterThan(0);
    expect(block.block_id?.length ?? 0).toBeLessThanOrEqual(255);
    switch (block.type) {
      case 'header':
        expect(block.text.type).toBe('plain_text');
        expect(block.text.text.length).toBeGreaterThan(0);
        expect(block.text.text.length).toBeLessThanOrEqual(150);
        break;
      case 'section':
        expect(block.text !== undefined || (block.fields?.length ?? 0) > 0).toBe(true);
        if (block.text) {
          expect(block.text.text.length).toBeGreaterThan(0);
          expect(block.text.text.length).toBeLessThanOrEqual(3000);
        }
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
        for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
        break;
      case 'context':
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const text of mrkdwnTexts([block])) expect(text.length).toBeLessThanOrEqual(3000);
        break;
      case 'actions': {
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(25);
        const actionIds = block.elements.map((element) => ('action_id' in element ? element.action_id : undefined));
        expect(new Set(actionIds).size).toBe(actionIds.length);
        for (const element of block.elements) {
          if (element.type !== 'button') throw new Error(`unexpected element ${element.type}`);
          expect(element.text.text.length).toBeLessThanOrEqual(75);
          expect(element.value?.length ?? 0).toBeLessThanOrEqual(2000);
        }
        break;
      }
      case 'divider':
        break;
      default:
        throw new Error(`unexpected block ${block.type}`);
    }
  }
  for (const text of mrkdwnTexts(blocks)) expectInert(text);
}
