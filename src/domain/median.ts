/**
 * The median of `values`, or null for none: a report says "—" rather than inventing a 0. An even
 * count takes the mean of the middle two, as a spreadsheet would, so a lead checking by hand agrees.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
