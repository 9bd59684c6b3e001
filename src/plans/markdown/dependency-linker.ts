import { normalizeName } from '../member-match.js';
import { dayRangesIn } from './day-references.js';
import type { DraftTask, ImportContext } from './import-context.js';

const MAX_RANGE = 60;

/**
 * Turns free-text dependencies into task keys where the text points at one: an exact key,
 * "Day 3" / "Days 1–5" (tasks scheduled those days), or "Task 2" (same role first). The text is
 * kept either way; day references are guesses and are reported.
 */
export function linkDependencies(ctx: ImportContext): void {
  const byKey = new Map(ctx.tasks.map((task) => [task.key, task] as const));
  const byDay = new Map<number, DraftTask[]>();
  const byNumber = new Map<number, DraftTask[]>();
  for (const task of ctx.tasks) {
    if (task.day !== undefined) pushTo(byDay, task.day, task);
    if (task.number !== undefined) pushTo(byNumber, task.number, task);
  }
  for (const task of ctx.tasks) {
    const linked = new Set<string>(task.dependsOn);
    for (const text of task.dependencies) {
      const exact = byKey.get(text.trim());
      if (exact) {
        linked.add(exact.key);
        continue;
      }
      const viaDays = dayRangesIn(text).flatMap(({ from, to }) => {
        const days = Array.from({ length: Math.min(to - from + 1, MAX_RANGE) }, (_, i) => from + i);
        return days.flatMap((day) => byDay.get(day) ?? []);
      });
      const viaNumbers = [...text.matchAll(/\btask\s+#?(\d{1,4})\b(?:\s*\(([^)]+)\))?/gi)].flatMap((match) => {
        const candidates = byNumber.get(Number(match[1])) ?? [];
        const named = match[2] === undefined ? undefined : normalizeName(match[2]);
        if (named !== undefined) {
          const inRole = candidates.filter((c) => c.scope !== undefined && normalizeName(c.scope) === named);
          if (inRole.length === 1 && inRole[0]) {
            if (inRole[0].scope !== match[2])
              ctx.warn(
                task.line,
                `dependency '${text}' linked to '${inRole[0].key}' of role '${inRole[0].scope ?? ''}'`,
              );
            return inRole;
          }
        }
        const sameScope = candidates.filter((c) => c.scope === task.scope);
        if (sameScope.length > 0) return sameScope;
        if (candidates.length === 1 && candidates[0]) {
          ctx.warn(task.line, `dependency '${text}' linked to '${candidates[0].key}' in another role`);
          return candidates;
        }
        return [];
      });
      const targets = [...viaDays, ...viaNumbers].filter((t) => t !== task);
      if (viaDays.some((t) => t !== task)) {
        ctx.warn(
          task.line,
          `dependency '${text}' linked to ${viaDays
            .filter((t) => t !== task)
            .map((t) => `'${t.key}'`)
            .join(', ')}`,
        );
      }
      targets.forEach((t) => linked.add(t.key));
    }
    task.dependsOn = [...linked];
  }
}

function pushTo(map: Map<number, DraftTask[]>, at: number, task: DraftTask): void {
  const list = map.get(at);
  if (list) list.push(task);
  else map.set(at, [task]);
}
