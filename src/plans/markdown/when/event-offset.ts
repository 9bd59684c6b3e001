export type OffsetUnit = 'm' | 'h' | 'd' | 'w' | 'mo';

/** A signed distance from the plan's event ("T"): -3 d is three days before it. */
export interface OffsetPoint {
  value: number;
  unit: OffsetUnit;
}

/** "T-3d", or a window "T-9mo..T-8mo" (earliest first). */
export interface EventOffset {
  from: OffsetPoint;
  to?: OffsetPoint;
}

const UNIT_WORDS: readonly [RegExp, OffsetUnit][] = [
  [/^(?:mo|mos|months?)$/i, 'mo'],
  [/^(?:m|mins?|minutes?)$/i, 'm'],
  [/^(?:h|hrs?|hours?)$/i, 'h'],
  [/^(?:d|days?)$/i, 'd'],
  [/^(?:w|wks?|weeks?)$/i, 'w'],
];

export function offsetUnit(word: string): OffsetUnit | undefined {
  return UNIT_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/** Approximate days, for ordering and for placing an offset on a plan day. */
export function offsetDays(point: OffsetPoint): number {
  switch (point.unit) {
    case 'm':
      return point.value / 1440;
    case 'h':
      return point.value / 24;
    case 'd':
      return point.value;
    case 'w':
      return point.value * 7;
    case 'mo':
      return point.value * 30;
  }
}

export function formatOffset(offset: EventOffset): string {
  const point = (p: OffsetPoint): string =>
    p.value === 0 ? 'T' : `T${p.value < 0 ? '-' : '+'}${Math.abs(p.value)}${p.unit}`;
  return offset.to === undefined ? point(offset.from) : `${point(offset.from)}..${point(offset.to)}`;
}

/** A window written either way round ("8-9 months before") reads earliest first. */
export function offsetWindow(a: OffsetPoint, b: OffsetPoint | undefined): EventOffset {
  if (b === undefined || (a.value === b.value && a.unit === b.unit)) return { from: a };
  return offsetDays(a) <= offsetDays(b) ? { from: a, to: b } : { from: b, to: a };
}
