import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEFT_OUT_NOTE, renderCard, toAdaptiveCard } from '../../../../src/adapters/teams/adaptive-card.js';
import { CardMeasure, cardBytes, fitsTeams } from '../../../../src/adapters/teams/card-fit.js';
import type { AdaptiveCardJson } from '../../../../src/adapters/teams/card-json.js';
import { displaySafe } from '../../../../src/service/messages/message-safety.js';
import type { Message, MessageBlock } from '../../../../src/service/messages/message.js';
import { blockersReply } from '../../../../src/service/messages/blockers-reply.js';
import { blocker } from './card-messages.js';

// Fitting as it was first written: render every try afresh and serialise the whole card each time.
// The fitter re-uses elements and sizes between tries; it must pick exactly the same card.
function referenceFit(raw: Message, maxBytes: number): AdaptiveCardJson {
  const message = displaySafe(raw);
  const fits = (card: AdaptiveCardJson) => fitsTeams(card, maxBytes);
  for (const listCap of [Number.POSITIVE_INFINITY, 50, 20, 10, 5, 1]) {
    const card = renderCard(message, message.blocks, listCap);
    if (fits(card)) return card;
  }
  const note: MessageBlock = { type: 'context', text: LEFT_OUT_NOTE };
  let kept = 0;
  while (kept < message.blocks.length && fits(renderCard(message, [...message.blocks.slice(0, kept + 1), note], 1)))
    kept += 1;
  return renderCard(message, [...message.blocks.slice(0, kept), note], 1);
}

// Multi-byte text (accents, emoji, CJK) so byte sizes differ from string lengths.
const words = fc.constantFrom(
  'plan',
  'blocker',
  'naïve',
  'café',
  '🚧',
  '日本語',
  '*bold*',
  '`code`',
  '[link](https://x.example)',
  'x'.repeat(400),
  '',
);
const line = fc.array(words, { maxLength: 12 }).map((parts) => parts.join(' '));
const block: fc.Arbitrary<MessageBlock> = fc.oneof(
  line.map((text) => ({ type: 'header' as const, text })),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => ({ type: 'section' as const, text: lines.join('\n') })),
  line.map((text) => ({ type: 'context' as const, text })),
  fc
    .array(fc.record({ label: line, value: line }), { maxLength: 4 })
    .map((fields) => ({ type: 'fields' as const, fields })),
  fc.array(line, { maxLength: 120 }).map((items) => ({ type: 'list' as const, items })),
  fc.constant({ type: 'divider' as const }),
  fc.array(fc.record({ label: line, value: fc.uuid() }), { minLength: 1, maxLength: 7 }).map((actions) => ({
    type: 'actions' as const,
    actions: actions.map((action, i) => ({
      id: 'blocker_ack' as const,
      ...action,
      ...(i === 0 ? { style: 'primary' as const } : {}),
    })),
  })),
);

describe('Teams card fitting', () => {
  it('measures a card exactly as serialising it does, for any body', () => {
    fc.assert(
      fc.property(line, fc.array(block, { maxLength: 20 }), (text, blocks) => {
        const message: Message = { kind: 'reply', text, blocks };
        const card = renderCard(message, blocks, 5);
        expect(new CardMeasure(card).bytes(card.body)).toBe(cardBytes(card));
      }),
      { numRuns: 300 },
    );
  });

  it('picks the same card as rendering and serialising every try afresh', () => {
    fc.assert(
      fc.property(
        line,
        fc.array(block, { maxLength: 40 }),
        fc.integer({ min: 300, max: 40_000 }),
        (text, blocks, maxBytes) => {
          const message: Message = { kind: 'reply', text, blocks };
          expect(toAdaptiveCard(message, maxBytes)).toEqual(referenceFit(message, maxBytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a 60-blocker list to the same card as before, with the left-out note', () => {
    const message = blockersReply({
      planName: 'Launch',
      now: new Date('2026-12-14T22:00:00Z'),
      blockers: Array.from({ length: 60 }, (_, i) =>
        blocker(i + 1, { summary: `Waiting on vendor 🚧 ${'keys '.repeat(i % 7)}` }),
      ),
    });
    const card = toAdaptiveCard(message);
    expect(card).toEqual(referenceFit(message, 24 * 1024));
    expect(card.body.at(-1)).toMatchObject({ type: 'TextBlock', text: LEFT_OUT_NOTE });
    expect(cardBytes(card)).toBeLessThanOrEqual(24 * 1024);
  });
});
