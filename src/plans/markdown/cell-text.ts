/** Placeholders authors put in cells that mean "nothing here". */
export function isEmptyCell(text: string): boolean {
  return /^\s*(|-|—|–|n\/?a|none|tbd|tba|\?|—?)\s*$/i.test(text);
}

/** "Ana / Ben", "Ana & Ben", "Ana; Ben" → names; a comma may be part of "Name, Title" so it stays. */
export function splitOwners(text: string): string[] {
  return text
    .split(/\s+(?:\/|&|\+)\s+|;\s*/)
    .map((part) => part.trim())
    .filter((part) => !isEmptyCell(part));
}

export function isCriticalText(text: string): boolean {
  return /^(y|yes|true|x|✓|✔|critical|cp|\*)$/i.test(text.trim());
}
