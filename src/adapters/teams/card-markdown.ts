/**
 * Neutral message text → the markdown a Teams TextBlock renders (bold, italic, lists, links).
 *
 * Composers write Slack-style emphasis (`*bold*`, `_italic_`) and code spans for commands, and they
 * interleave text users typed (blocker summaries, notes). We cannot tell the two apart in a composed
 * string, so everything is treated as untrusted: emphasis is translated, and anything Teams would
 * turn into a link with a label that hides its target is broken up. HTML is never rendered by
 * TextBlock, so `<script>` stays literal text and needs no escaping (escaping it would show `&lt;`).
 */

// A zero-width space is invisible but is not markdown whitespace, so `]\u200B(` is no longer a link.
const ZWSP = '\u200B';

/** `[label](url)`, `[label][ref]`, `[ref]: url` and `![alt](src)` all need `]` followed by `(`, `[` or `:`. */
export function neutraliseLinks(text: string): string {
  return text.replace(/\]([([:])/g, `]${ZWSP}$1`);
}

// Slack bold: `*` hugging non-space text, not part of a word or of `**`.
const SLACK_BOLD = /(^|[^\w*])\*(?!\s)([^*\n]*?[^\s*])\*(?![\w*])/g;
const CODE_SPAN = /`([^`\n]+)`/g;

/**
 * Teams cards show no code spans (backticks stay literal), so a command in backticks becomes bold;
 * Teams has no slash commands, so `/plan x` becomes `plan x`, which the Teams adapter parses.
 */
function codeSpans(text: string): string {
  return text.replace(CODE_SPAN, (_, code: string) => `**${code.replace(/^\/plan\b\s*/, 'plan ').trim()}**`);
}

export function teamsMarkdown(text: string): string {
  const safe = neutraliseLinks(text);
  // Bold first, then code spans: a code span's `**` must not be read as Slack bold.
  return codeSpans(safe.replace(SLACK_BOLD, '$1**$2**'));
}

/** Lines of a neutral text; Teams joins single newlines like markdown paragraphs, so each line is its own block. */
export function textLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}
