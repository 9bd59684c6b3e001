// Whether a short phrase names people ("Noor", "Infra Team (Ryan, Markus)", "Millo & Eliot",
// "Dr. Ada Kim") rather than saying what to do. Used where a document puts an owner
// beside a title without labelling it.

const CONNECTOR = /^(?:&|and|\/|of|the|de|van|von|der|da|la|with|\+)$/i;
const HONORIFIC = /^(?:dr|mr|mrs|ms|prof)\.?$/i;
const PLACEHOLDER = /\b(?:name|initials|tbd|tba|someone|somebody|who)\b/i;
const GROUP_WORD =
  /\b(?:team|group|committee|crew|squad|staff|stewards|organizers|organisers|volunteers|board|council|department|dept)\b/i;

/** One to five capitalised words (with connectors), a group ("Marketing Team"), or an @handle. */
export function looksLikeNames(text: string): boolean {
  const phrase = text
    .replace(/\([^()]{0,80}\)/g, ' ')
    .replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (phrase === '' || phrase.length > 60 || PLACEHOLDER.test(phrase)) return false;
  if (/^@[\w.-]+$/.test(phrase)) return true;
  const words = phrase.split(' ').filter((w) => w !== '' && !CONNECTOR.test(w) && !HONORIFIC.test(w));
  if (words.length === 0 || words.length > 6) return false;
  if (words.every((w) => /^[A-Z]{2,}$/.test(w)) && words.length > 2) return false;
  const named = words.every(
    (w) => GROUP_WORD.test(w) || /^(?:@[\w.-]+|[A-Z][\p{L}'’.-]*(?:\/[A-Z][\p{L}'’.-]*)*)$/u.test(w),
  );
  return named && (words.length <= 3 || GROUP_WORD.test(phrase) || text.includes(','));
}

/** The first person of "Millo & Eliot" or "Julee Burdekin, Adobe": tasks have one owner. */
export function firstName(text: string): string {
  const group = /^([^()]+?)\s*\(([^()]+)\)\s*$/.exec(text.trim());
  if (group && GROUP_WORD.test(group[1] ?? '')) return (group[1] ?? '').trim();
  const first = text.split(/\s*(?:,|&|\band\b|\s\/\s)\s*/)[0] ?? text;
  return first.replace(/\s+/g, ' ').trim();
}
