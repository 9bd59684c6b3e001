/**
 * Cutting text to a length limit without breaking what a reader sees as one character.
 *
 * Every limit planbot meets (Slack's characters, Teams' fallback, PagerDuty's summary) is counted
 * here in UTF-16 code units, the largest of the counts a platform might use (code units ≥ code
 * points ≥ grapheme clusters), so text inside the limit by this count is inside it by any. The cut
 * falls between grapheme clusters (Intl.Segmenter): a surrogate pair, an emoji with a skin tone,
 * a ZWJ family or a flag is kept whole or dropped whole, never left as a broken character.
 */

export const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The grapheme clusters of `text`, in order. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/**
 * The longest prefix of `text` made of whole grapheme clusters that is at most `max` code units.
 * Only the clusters up to the cut are segmented, so a long text costs what is kept.
 */
export function graphemePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * `text` cut to at most `max` code units, ending in `…` when anything was cut. Never splits a
 * grapheme cluster; the marker counts against `max`.
 */
export function clampText(text: string, max: number, marker: string = ELLIPSIS): string {
  if (text.length <= max) return text;
  if (max < marker.length) return graphemePrefix(marker, Math.max(0, max));
  return `${graphemePrefix(text, max - marker.length)}${marker}`;
}
