const DAY_WORDS: readonly (readonly [RegExp, number])[] = [
  [/^mon(day)?s?$/i, 1],
  [/^tues?(day)?s?$/i, 2],
  [/^wed(nesday)?s?$/i, 3],
  [/^thu(rs?)?(day)?s?$/i, 4],
  [/^fri(day)?s?$/i, 5],
  [/^sat(urday)?s?$/i, 6],
  [/^sun(day)?s?$/i, 7],
];

function weekdayOf(word: string): number | undefined {
  return DAY_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/**
 * ISO weekdays a phrase names: "on weekdays", "weekend", "Tuesday", "Mon–Thu", "Tuesdays and
 * Thursdays". Undefined when it names none (the caller decides the default and says so).
 */
export function weekdaysIn(text: string): number[] | undefined {
  if (/\bweekdays?\b|\bbusiness days?\b|\bworking days?\b/i.test(text)) return [1, 2, 3, 4, 5];
  if (/\bweekends?\b/i.test(text)) return [6, 7];
  if (/\bevery day\b|\b7 days a week\b/i.test(text)) return [1, 2, 3, 4, 5, 6, 7];
  const range = /\b([a-z]{3,9})\s*(?:-|–|—|to|through)\s*([a-z]{3,9})\b/i.exec(text);
  const from = range?.[1] ? weekdayOf(range[1]) : undefined;
  const to = range?.[2] ? weekdayOf(range[2]) : undefined;
  if (from !== undefined && to !== undefined && to >= from)
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const days = new Set<number>();
  for (const word of text.split(/[^a-z]+/i)) {
    const day = weekdayOf(word);
    if (day !== undefined) days.add(day);
  }
  return days.size === 0 ? undefined : [...days].sort((a, b) => a - b);
}
