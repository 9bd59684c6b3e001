import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { addDays } from '../../domain/iso-date.js';
import type { IsoDate } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';
import { planCalendarEvents } from './plan-calendar-events.js';

/**
 * The plan as an iCalendar feed (METHOD:PUBLISH, X-WR-CALNAME the plan's name). Ritual firings are
 * written as UTC instants, each computed in the ritual's zone: the `ics` writer has no VTIMEZONE,
 * and a TZID without one is a guess for the reader, while a UTC instant is right in every client
 * and 09:00 Los Angeles stays 09:00 there across DST. Due dates are all-day events (VALUE=DATE),
 * shown as free time so they do not block anyone's day. `now` stamps the events (DTSTAMP).
 */
export function planIcs(view: PlanView, now: Date): string {
  const stamp = now.getTime();
  const events: EventAttributes[] = planCalendarEvents(view).map((event) =>
    'at' in event
      ? {
          uid: event.uid,
          title: event.title,
          description: event.description,
          start: event.at.getTime(),
          startInputType: 'utc',
          startOutputType: 'utc',
          duration: { minutes: event.minutes },
          timestamp: stamp,
        }
      : {
          uid: event.uid,
          title: event.title,
          description: event.description,
          start: dateArray(event.date),
          end: dateArray(addDays(event.date, 1)),
          transp: 'TRANSPARENT',
          busyStatus: 'FREE',
          timestamp: stamp,
        },
  );
  const { error, value } = createEvents(events, {
    productId: '-//planbot//plan export//EN',
    method: 'PUBLISH',
    calName: view.state.plan.name,
  });
  if (error || value === null) throw error ?? new Error('the iCalendar writer returned nothing');
  return value;
}

function dateArray(date: IsoDate): DateArray {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}
