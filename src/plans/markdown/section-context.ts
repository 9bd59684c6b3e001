import type { HeadingInfo } from './document-blocks.js';

/** What a block's enclosing headings say about it: which week, role, task, stream, milestone. */
export interface SectionContext {
  week?: number;
  days?: { from: number; to: number };
  role?: HeadingInfo;
  task?: HeadingInfo;
  stream?: HeadingInfo;
  milestone?: HeadingInfo;
  team?: HeadingInfo;
  ritual?: HeadingInfo;
  /** The innermost plain heading under a week/days heading: the team or stream those items belong to. */
  group?: HeadingInfo;
}

export function sectionContext(headings: readonly HeadingInfo[]): SectionContext {
  const context: SectionContext = {};
  for (const heading of headings) {
    const kind = heading.kind;
    const scheduled = context.week !== undefined || context.days !== undefined;
    switch (kind.kind) {
      case 'week':
        context.week = kind.week;
        break;
      case 'days':
        context.days = { from: kind.from, to: kind.to };
        if (context.week === undefined && kind.from % 7 === 1 && kind.to === kind.from + 6)
          context.week = (kind.from + 6) / 7;
        break;
      case 'role':
        context.role = heading;
        break;
      case 'task':
        context.task = heading;
        break;
      case 'stream':
        context.stream = heading;
        break;
      case 'milestone':
        context.milestone = heading;
        break;
      case 'team':
        if (scheduled) context.group = heading;
        else context.team = heading;
        break;
      case 'ritual':
        // Under a week, "#### Triage" is a group of work, not the triage ritual.
        if (scheduled) context.group = heading;
        else context.ritual = heading;
        break;
      case 'other':
        if (scheduled) context.group = heading;
        break;
    }
  }
  return context;
}

/** True when the block sits directly under this heading (no deeper heading in between). */
export function directlyUnder(headings: readonly HeadingInfo[], heading: HeadingInfo): boolean {
  return headings[headings.length - 1] === heading;
}
