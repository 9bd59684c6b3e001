/** "2 days", "3d", "1.5 days", "1 week" → days; hours and vaguer phrases stay text only. */
export function durationDays(text: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(d|days?|w|wks?|weeks?)\b/i.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const amount = Number(match[1]);
  if (!(amount > 0)) return undefined;
  return /^w/i.test(match[2]) ? amount * 7 : amount;
}
