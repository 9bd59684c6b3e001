import { describe, expect, it } from 'vitest';
import type { MessageBlock } from '../../../src/service/messages/message.js';
import { composeMessage, fitGroups, joinWithin, withinBlockLimits } from '../../../src/service/messages/limits.js';
import { formatDuration, formatMinutes } from '../../../src/service/messages/format.js';
import { expectWithinLimits } from './message-text.js';

describe('joinWithin', () => {
  it('joins like a sentence', () => {
    expect(joinWithin([])).toBe('');
    expect(joinWithin(['a'])).toBe('a');
    expect(joinWithin(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('counts what it leaves out instead of passing the limit', () => {
    const joined = joinWithin(
      Array.from({ length: 100 }, (_, i) => `name-${i}`),
      60,
    );
    expect(joined.length).toBeLessThanOrEqual(60);
    expect(joined).toMatch(/^name-0, name-1, .* and \d+ more$/);
  });
});

describe('withinBlockLimits', () => {
  it('splits a long list, chunks fields and buttons, and clamps texts', () => {
    const blocks = withinBlockLimits([
      { type: 'header', text: 'h'.repeat(400) },
      { type: 'section', text: 's'.repeat(5000) },
      { type: 'list', items: Array.from({ length: 100 }, () => 'x'.repeat(100)) },
      { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `f${i}`, value: 'v' })) },
    ]);
    expect(blocks.map((block) => block.type)).toEqual([
      'header',
      'section',
      'list',
      'list',
      'list',
      'list',
      'fields',
      'fields',
    ]);
    expectWithinLimits(composeMessage('reply', 'x', blocks));
  });
});

describe('fitGroups', () => {
  const group = (n: number): MessageBlock[] => [{ type: 'section', text: `entry ${n}` }, { type: 'divider' }];

  it('keeps everything when it fits', () => {
    const blocks = fitGroups({ head: [], groups: [group(1), group(2)], summarise: () => 'never' });
    expect(blocks).toHaveLength(4);
  });

  it('keeps whole groups and summarises the rest in one line, keeping the tail', () => {
    const blocks = fitGroups({
      head: [{ type: 'header', text: 'H' }],
      groups: Array.from({ length: 40 }, (_, i) => group(i + 1)),
      tail: [{ type: 'context', text: 'T' }],
      summarise: (hidden, shown) => `${hidden} hidden, ${shown} shown`,
    });
    // 1 head + 23 groups of 2 + 1 summary + 1 tail: a 24th group would need 51.
    expect(blocks).toHaveLength(49);
    expect(blocks.at(-2)).toEqual({ type: 'context', text: '17 hidden, 23 shown' });
    expect(blocks.at(-1)).toEqual({ type: 'context', text: 'T' });
  });

  it('honours a cap on shown groups', () => {
    const blocks = fitGroups({
      head: [],
      groups: [group(1), group(2), group(3)],
      maxGroups: 1,
      summarise: (hidden) => `${hidden} more`,
    });
    expect(blocks).toEqual([...group(1), { type: 'context', text: '2 more' }]);
  });
});

describe('composeMessage', () => {
  it('cuts anything past 50 blocks with a note, as a last resort', () => {
    const message = composeMessage(
      'reply',
      'x',
      Array.from({ length: 80 }, () => ({ type: 'divider' as const })),
    );
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      text: 'Part of this message was left out to fit the chat limits.',
    });
  });
});

describe('durations', () => {
  it('reads like a person would say it', () => {
    expect(formatMinutes(0)).toBe('under a minute');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(200)).toBe('3 h 20 min');
    expect(formatMinutes(3120)).toBe('2 d 4 h');
    expect(formatDuration(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe('under a minute');
  });
});

describe('composeMessage: an emoji at the cut', () => {
  const FAMILY = '👨‍👩‍👧‍👦'; // one character on screen, 11 UTF-16 units
  it.each(Array.from({ length: 11 }, (_, offset) => offset))(
    'cuts a long text and section before or after a ZWJ emoji, never inside it (offset %i)',
    (offset) => {
      const text = `${'a'.repeat(2990 + offset)}${FAMILY.repeat(5)}`;
      const message = composeMessage('reply', text);
      const section = message.blocks[0];
      for (const cut of [message.text, section?.type === 'section' ? section.text : '']) {
        expect(cut.length).toBeLessThanOrEqual(3000);
        expect(cut.endsWith('…')).toBe(true);
        expect(cut.slice(0, -1).replace(/^a+/, '').split(FAMILY).join('')).toBe('');
      }
    },
  );
});
