import { describe, expect, it } from 'vitest';
import { clampText, graphemePrefix } from '../../../src/domain/text-clamp.js';

const FAMILY = '👨‍👩‍👧‍👦'; // four emoji joined by ZWJ: 11 UTF-16 units, one character on screen
const FLAG = '🇳🇴'; // two regional indicators
const THUMB = '👍🏽'; // emoji + skin tone
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clampText', () => {
  it('leaves text inside the limit alone', () => {
    expect(clampText('plan', 4)).toBe('plan');
    expect(clampText(FAMILY, 11)).toBe(FAMILY);
  });

  it.each([
    ['a ZWJ family', FAMILY],
    ['a flag', FLAG],
    ['an emoji with a skin tone', THUMB],
    ['a surrogate pair', '🚧'],
  ])('cuts before or after %s, never inside it, at every limit', (_name, emoji) => {
    const head = 'Blocker: ';
    const text = `${head}${emoji.repeat(6)} done`;
    const tail = head.length + emoji.length * 6;
    // Where a reader sees a character boundary: anywhere in the plain text, between emoji in the run.
    const boundaries = new Set<number>();
    for (let i = 0; i <= head.length; i += 1) boundaries.add(i);
    for (let k = 0; k <= 6; k += 1) boundaries.add(head.length + k * emoji.length);
    for (let i = tail; i <= text.length; i += 1) boundaries.add(i);
    for (let max = 1; max < text.length; max += 1) {
      const clamped = clampText(text, max);
      expect(clamped.length).toBeLessThanOrEqual(max);
      expect(clamped.endsWith('…')).toBe(true);
      expect(clamped).not.toMatch(LONE_SURROGATE);
      // What is left before the marker is a prefix made of whole emoji.
      const kept = clamped.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(boundaries.has(kept.length), `cut at ${kept.length} of "${text}"`).toBe(true);
    }
  });

  it('graphemePrefix keeps whole clusters within the budget', () => {
    expect(graphemePrefix(`ab${FAMILY}`, 12)).toBe('ab');
    expect(graphemePrefix(`ab${FAMILY}`, 13)).toBe(`ab${FAMILY}`);
  });
});
