export interface DayRange {
  from: number;
  to: number;
}

/** "Day 3", "Days 1-7", "Days 15–21", "Day 1 – 5" → a range; the first one in the text. */
export function dayRangeIn(text: string): DayRange | undefined {
  return dayRangesIn(text)[0];
}

/** Every "Day N" / "Days N-M" reference in one phrase, in order. */
export function dayRangesIn(text: string): DayRange[] {
  const ranges: DayRange[] = [];
  for (const match of text.matchAll(/\bdays?\s+(\d{1,4})(?:\s*(?:-|–|—|to|through)\s*(?:day\s+)?(\d{1,4}))?/gi)) {
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from >= 1 && to >= from && to - from < 400) ranges.push({ from, to });
  }
  return ranges;
}

/** "Days 6, 13, and 20" / "Days 6, 13 or 20" / "Day 6 & 13" → [6, 13, 20]. */
export function dayListIn(text: string): number[] | undefined {
  const match = /\bdays?\s+(\d{1,4}(?:\s*(?:,\s*(?:and|or|&)?|and|or|&)\s*\d{1,4})+)/i.exec(text);
  if (!match?.[1]) return undefined;
  return [...match[1].matchAll(/\d+/g)].map((m) => Number(m[0]));
}
