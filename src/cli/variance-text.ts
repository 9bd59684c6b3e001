import type { PlanVariance } from '../plans/plan-variance.js';

const MAX_LINES = 20;

/** What a re-baseline changed, for the terminal. */
export function varianceText(variance: PlanVariance): string {
  const lines = [
    `Variance against the previous version: ${variance.added.length} added, ${variance.removed.length} removed, ${variance.moved.length} moved, ${variance.unchanged} unchanged.`,
  ];
  const list = (label: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`  ${label}:`);
    lines.push(...items.slice(0, MAX_LINES).map((item) => `    ${item}`));
    if (items.length > MAX_LINES) lines.push(`    … and ${items.length - MAX_LINES} more`);
  };
  list(
    'added',
    variance.added.map((t) => `${t.key}  ${t.title}${t.due ? ` (due ${t.due})` : ''}`),
  );
  list(
    'removed',
    variance.removed.map((t) => `${t.key}  ${t.title}`),
  );
  list(
    'moved',
    variance.moved.map((t) => {
      const shift = t.shiftBusinessDays ?? t.shiftDays;
      const unit = t.shiftBusinessDays === undefined ? 'day' : 'business day';
      return `${t.key}  ${t.title}: ${t.from} → ${t.to} (${shift > 0 ? '+' : ''}${shift} ${unit}${Math.abs(shift) === 1 ? '' : 's'})`;
    }),
  );
  return lines.join('\n');
}
