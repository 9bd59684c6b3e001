import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/types.js';
import { datedMilestones } from '../../plans/milestone-dates.js';
import { nextFiringOf } from '../deciders/ritual-firing.js';
import { ritualHeldOn } from '../deciders/ritual-held.js';
import type { RitualState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/** One calendar entry: a ritual at an instant, or a milestone or task due date as an all-day event. */
export type CalendarEvent =
  | { uid: string; title: string; description: string; at: Date; minutes: number }
  | { uid: string; title: string; description: string; date: IsoDate };

type ExportedKind = Exclude<RitualState['kind'], 'milestone_checkpoint'>;

const RITUAL_TITLES: Record<ExportedKind, string> = {
  standup: 'Stand-up',
  weekend_checkin: 'Weekend check-in',
  triage: 'Blocker triage',
  sync: 'Sync',
  weekly_memo: 'Weekly memo',
};

/** How long a calendar blocks for each ritual; planbot posts at the start. */
const RITUAL_MINUTES: Record<ExportedKind, number> = {
  standup: 15,
  weekend_checkin: 15,
  triage: 30,
  sync: 30,
  weekly_memo: 15,
};

/** A plan of a year of daily stand-ups has 365; more than this is a runaway, not a plan. */
const MAX_FIRINGS_PER_RITUAL = 2_000;

/**
 * Everything a team would put in its calendar for a plan: each ritual's firings over the whole
 * plan (past ones too, so the calendar shows history), then the milestones and the open and done
 * tasks' due dates. UIDs name the plan and what the event is (a ritual firing by its instant, a
 * task or milestone by its key), never the export: a subscribed calendar that fetches again
 * updates a moved task in place instead of adding a second one.
 */
export function planCalendarEvents(view: PlanView): CalendarEvent[] {
  const planId = view.state.plan.id;
  const uid = (what: string) => `${what}.${planId}@planbot`;
  return [
    ...view.state.rituals.flatMap((ritual) => ritualEvents(view, ritual, uid)),
    ...datedMilestones(view.state.plan.document, view.calendar).map((m) => ({
      uid: uid(`milestone-${m.key}`),
      title: `Milestone: ${m.name}`,
      description: [
        `${view.state.plan.name}: milestone ${m.key}.`,
        ...(m.gateCriteria.length ? ['Gate criteria:', ...m.gateCriteria.map((c) => `- ${c}`)] : []),
      ].join('\n'),
      date: m.date,
    })),
    ...view.state.tasks
      .filter((t) => t.status !== 'cancelled')
      .map((task) => {
        const owner = view.member(task.ownerId)?.displayName;
        return {
          uid: uid(`task-${task.key}`),
          title: `${task.status === 'done' ? 'Done: ' : 'Due: '}${task.title}${owner ? ` (${owner})` : ''}`,
          description: [
            `${view.state.plan.name}: task ${task.key}, ${task.status.replace('_', ' ')}.`,
            ...(task.deliverable ? [`Deliverable: ${task.deliverable}`] : []),
            ...(task.dependsOn.length ? [`Depends on: ${task.dependsOn.join(', ')}`] : []),
          ].join('\n'),
          date: task.dueDate,
        };
      }),
  ];
}

/**
 * A ritual's firings by the scheduler's own rule (nextFiringOf: its zone, DST, buffer days, the
 * plan's end), less those it would not hold (stand-ups and triage on holidays). Milestone
 * checkpoints are left out: the milestone's all-day event stands for them.
 */
function ritualEvents(view: PlanView, ritual: RitualState, uid: (what: string) => string): CalendarEvent[] {
  if (!ritual.active || ritual.kind === 'milestone_checkpoint') return [];
  const kind = ritual.kind;
  // From the start of the plan's first day, as the import places a ritual's first firing.
  let after = DateTime.fromISO(view.calendar.startDate, { zone: view.zone }).minus({ milliseconds: 1 }).toJSDate();
  const events: CalendarEvent[] = [];
  for (let n = 0; n < MAX_FIRINGS_PER_RITUAL; n += 1) {
    const at = nextFiringOf(view, ritual, after);
    if (!at) break;
    after = at;
    const date = DateTime.fromJSDate(at, { zone: view.zone }).toISODate() as IsoDate;
    if (!ritualHeldOn(view, kind, date)) continue;
    events.push({
      uid: uid(`${ritual.key}-${DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`),
      title: `${view.state.plan.name}: ${RITUAL_TITLES[kind]}`,
      description: ritualDescription(kind, ritual),
      at,
      minutes: RITUAL_MINUTES[kind],
    });
  }
  return events;
}

function ritualDescription(kind: ExportedKind, ritual: RitualState): string {
  const when = `${ritual.localTime} ${ritual.timezone}`;
  switch (kind) {
    case 'standup':
      return `planbot posts the stand-up prompt at ${when}${ritual.dm ? ", to each owner's direct messages" : ''}; answer with did / doing / blockers.`;
    case 'weekend_checkin':
      return `planbot's weekend check-in at ${when}: buffer-day work and open blockers.`;
    case 'triage':
      return `Blocker triage window at ${when}; planbot posts the open blockers ranked by impact (nothing when none are open).`;
    case 'sync':
      return `Sync at ${when}.`;
    case 'weekly_memo':
      return `planbot posts the weekly variance memo at ${when}.`;
  }
}
