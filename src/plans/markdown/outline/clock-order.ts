import type { WhenMention } from '../when/when-text.js';

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (total: number): string =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/**
 * A run-of-show goes forward in time, which settles what the author left ambiguous: "4:30"
 * after "3:30 PM" is 16:30, and "11:40 PM" between 11:20 AM and 1:00 PM is a slip for 11:40 AM.
 * Rows are fixed in place; a reset starts a new day.
 */
export function fixClockOrder(rows: readonly { when: WhenMention[]; reset: boolean }[]): void {
  let previous: number | undefined;
  rows.forEach((row, index) => {
    if (row.reset) {
      previous = undefined;
      return;
    }
    const mention = row.when.find((m) => m.time !== undefined);
    if (!mention?.time) return;
    let at = minutes(mention.time);
    if (previous !== undefined && at < previous) {
      if (!mention.meridiem && at < 12 * 60 && at + 12 * 60 >= previous) at += 12 * 60;
    }
    const next = nextTime(rows, index);
    if (
      mention.meridiem &&
      at >= 12 * 60 &&
      next !== undefined &&
      next < at &&
      previous !== undefined &&
      at - 12 * 60 >= previous &&
      at - 12 * 60 <= next
    ) {
      at -= 12 * 60;
    }
    if (clock(at) !== mention.time) {
      const fixed = { ...mention, time: clock(at) };
      row.when.splice(row.when.indexOf(mention), 1, fixed);
    }
    previous = at;
  });
}

function nextTime(rows: readonly { when: WhenMention[]; reset: boolean }[], index: number): number | undefined {
  for (let i = index + 1; i < rows.length; i += 1) {
    const row = rows[i];
    if (!row || row.reset) return undefined;
    const time = row.when.find((m) => m.time !== undefined)?.time;
    if (time !== undefined) return minutes(time);
  }
  return undefined;
}
