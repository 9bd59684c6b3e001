/**
 * Text for Slack: escaping and length limits.
 *
 * The neutral Message already uses Slack's emphasis (`*bold*`, `_italic_`), so only the three
 * control characters need care. `&`, `<`, `>` start Slack's special parsing: left raw, a task
 * title or blocker summary could contain `<!channel>` (pings everyone), `<https://evil|click>`
 * (a disguised link) or `<#C1>`, and a bare `@channel` might be parsed as a ping too. Everything
 * is escaped except the one markup planbot itself writes into text: a user mention `<@U…>` /
 * `<@W…>` from `mention()` (service/read-model/addressing.ts).
 */

import { graphemes } from '../../domain/text-clamp.js';

// Slack user ids: U… (workspace) or W… (Enterprise Grid), uppercase letters and digits.
const MENTION_SOURCE = '<@[UW][A-Z0-9]+>';
const MENTION = new RegExp(MENTION_SOURCE, 'g');

// With `verbatim` left false (so a pasted URL still becomes a link) Slack also parses "certain
// mentions" in plain words; a word joiner after the @ keeps `@channel` looking the same but inert.
const BROADCAST_WORD = /@(here|channel|everyone)\b/gi;
const WORD_JOINER = '\u2060';

function escapeControl(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORD, `@${WORD_JOINER}$1`);
}

/** Escapes user-controlled text for a mrkdwn field, keeping planbot's own user mentions. */
export function escapeMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    out += escapeControl(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeControl(text.slice(last));
}

/**
 * The pieces escaped text may be cut between: an entity, a mention, or one grapheme cluster (a cut
 * inside a surrogate pair, or between an emoji and its skin tone or ZWJ partner, is a broken
 * character). In escaped text `&` only starts an entity and `<` only starts a mention, so these
 * never overlap.
 */
const MARKUP = new RegExp(`&(?:amp|lt|gt);|${MENTION_SOURCE}`, 'g');

function atomsOf(escaped: string): string[] {
  const atoms: string[] = [];
  let last = 0;
  for (const match of escaped.matchAll(MARKUP)) {
    atoms.push(...graphemes(escaped.slice(last, match.index)), match[0]);
    last = match.index + match[0].length;
  }
  atoms.push(...graphemes(escaped.slice(last)));
  return atoms;
}

/** How many characters of the original text an escaped piece stands for. */
function visibleLength(atom: string): number {
  if (atom.startsWith('&') && atom.length > 1) return 1;
  if (atom.startsWith('<@')) return atom.length;
  return Array.from(atom).length;
}

export function truncationMarker(hidden: number): string {
  return `…(${hidden} more characters)`;
}

const CODE_FENCE = '```';
const FENCE_RESERVE = CODE_FENCE.length + 2;

// A cut this close to a space reads better at the space; further back it would waste room.
const WORD_BOUNDARY_WINDOW = 40;

/**
 * Cuts already-escaped mrkdwn to `max` characters with a visible `…(n more characters)` marker,
 * where n counts characters of the original text. Never splits an entity, a mention or a grapheme
 * cluster; prefers a word boundary just before the cut.
 */
export function truncateMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const atoms = atomsOf(escaped);
  // The marker's length depends on the count it shows; the total is an upper bound for it.
  const totalVisible = atoms.reduce((sum, atom) => sum + visibleLength(atom), 0);
  const budget = max - truncationMarker(totalVisible).length - FENCE_RESERVE;
  // Only the tiny limits of plain_text are smaller than the marker; they use plainWithin.
  if (budget <= 0) throw new RangeError(`truncateMrkdwn: a limit of ${max} leaves no room for the marker`);
  let length = 0;
  let cut = 0;
  let lastSpace = -1;
  let lengthAtSpace = 0;
  while (cut < atoms.length) {
    const atom = atoms[cut] ?? '';
    if (length + atom.length > budget) break;
    if (/^\s$/.test(atom)) {
      lastSpace = cut;
      lengthAtSpace = length;
    }
    length += atom.length;
    cut += 1;
  }
  if (lastSpace > 0 && length - lengthAtSpace <= WORD_BOUNDARY_WINDOW) cut = lastSpace;
  const kept = atoms.slice(0, cut).join('').trimEnd();
  const hidden = totalVisible - atomsOf(kept).reduce((sum, atom) => sum + visibleLength(atom), 0);
  // A cut inside a ``` block would leave it open and show the marker as code: close it first.
  const fence = (kept.match(/```/g) ?? []).length % 2 === 1 ? `\n${CODE_FENCE}\n` : '';
  return `${kept}${fence}${truncationMarker(hidden)}`;
}

/** Escapes user text and fits it in `max` characters. */
export function mrkdwnWithin(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/**
 * plain_text is not parsed (no mentions, no links), so it needs no escaping, only a length cut.
 * Titles and button labels are short: a plain `…` says it was cut without eating the label.
 */
export function plainWithin(text: string, max: number): string {
  const flat = singleLine(text);
  if (flat.length <= max) return flat;
  let kept = '';
  for (const cluster of graphemes(flat)) {
    if (kept.length + cluster.length > max - 1) break;
    kept += cluster;
  }
  const space = kept.lastIndexOf(' ');
  if (space > 0 && kept.length - space <= 15) kept = kept.slice(0, space);
  return `${kept.trimEnd()}…`;
}

/**
 * A header is plain_text, where `*bold*` would show its asterisks. Only whole emphasised words
 * lose their markers, so `my_plan_name` or `5*3` stay as written.
 */
export function stripEmphasis(text: string): string {
  return text.replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=$|[\s).,:;!?])/g, '$1$3');
}

/** One line: list items and labels must not break the layout they sit in. */
export function singleLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
