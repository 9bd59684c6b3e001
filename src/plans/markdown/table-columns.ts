export type ColumnRole =
  | 'key'
  | 'day'
  | 'owner'
  | 'title'
  | 'deliverable'
  | 'dependencies'
  | 'priority'
  | 'effort'
  | 'stream'
  | 'critical'
  | 'checklist';

// Order matters: "Depends on" must not be read as a day column, "Primary Deliverable" not as a title.
const COLUMN_PATTERNS: readonly (readonly [ColumnRole, RegExp])[] = [
  ['key', /^(id|key|task id|task key|#)$/],
  ['dependencies', /depend|blocked by|prereq|requires/],
  ['critical', /critical/],
  ['deliverable', /deliverable|output|outcome|exit criteria/],
  ['owner', /owner|\bwho\b|\bdri\b|assignee|responsible|accountable|lead$/],
  ['day', /^(day|days|date|when|week|due|day ?#|sprint day|target date|due date|start)\b/],
  ['priority', /priority|^prio$|^p$/],
  ['effort', /effort|duration|estimate|\bsize\b/],
  ['stream', /^(team|stream|work ?stream|area|track|function)$/],
  ['checklist', /checklist|steps|subtasks/],
  ['title', /focus|task|title|activity|work item|action item|^work$|^milestone$/],
];

export interface TableColumns {
  byRole: Partial<Record<ColumnRole, number>>;
  /** Which kind of value the day column holds, from its header. */
  dayUnit: 'day' | 'date' | 'week' | 'when';
  headers: string[];
}

/** Maps header cells to column roles, first match per role, so any order and naming works. */
export function mapColumns(headers: readonly string[]): TableColumns {
  const byRole: Partial<Record<ColumnRole, number>> = {};
  headers.forEach((header, index) => {
    const normalized = header.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
    const role = COLUMN_PATTERNS.find(([, pattern]) => pattern.test(normalized))?.[0];
    if (role !== undefined && byRole[role] === undefined) byRole[role] = index;
  });
  const dayHeader = byRole.day === undefined ? '' : (headers[byRole.day] ?? '').toLowerCase();
  const dayUnit = /week/.test(dayHeader)
    ? 'week'
    : /date|due/.test(dayHeader)
      ? 'date'
      : /when/.test(dayHeader)
        ? 'when'
        : 'day';
  return { byRole, dayUnit, headers: [...headers] };
}

/**
 * A table is a schedule attempt when it names tasks, or deliverables by day or owner. Other
 * tables (phases, metrics, glossaries) are left for the unplaced list.
 */
export function looksLikeSchedule(columns: TableColumns): boolean {
  const { byRole } = columns;
  if (byRole.title !== undefined) return true;
  return byRole.deliverable !== undefined && (byRole.day !== undefined || byRole.owner !== undefined);
}
