import type { DateTime } from 'luxon';
import { z } from 'zod';
import { addDelay } from './business-hours.js';
import type { PlanCalendar } from './calendar.js';
import { nextOccurrence, type WeekdaySchedule } from './cadence.js';
import { localDateOf } from './iso-date.js';
import type { BlockerStatus } from './types.js';

export const ladderTierSchema = z.object({
  /** Who hears of it in chat: "member:<key>", "role:<role>" or "pagerduty:<who answers>"; the service resolves it. */
  target: z.string().min(1),
  // A year at most: a longer delay is a typo, and business-hour arithmetic walks day by day.
  delayMinutes: z.number().int().min(0).max(525_600),
  businessHours: z.boolean().default(false),
  /** The zone of the person the tier goes to, when known: their business hours are the ones that count. */
  zone: z.string().optional(),
});

export const ladderSchema = z.array(ladderTierSchema).min(1, 'an escalation ladder needs at least one tier');

export type LadderTier = z.output<typeof ladderTierSchema>;
export type Ladder = readonly LadderTier[];

export interface TierDue {
  readonly index: number;
  readonly tier: LadderTier;
  readonly dueAt: DateTime;
}

/**
 * When the ladder's clock starts. `at_once`: when the blocker opens. `next_window`: at the plan's
 * next triage window (its weekday triage ritual, in the ritual's zone) at or after the opening,
 * skipping holidays (no triage is posted then), for teams that batch blockers into triage instead of
 * paging the lead for each one as it comes.
 */
export type LadderStart =
  { readonly kind: 'at_once' } | { readonly kind: 'next_window'; readonly window: WeekdaySchedule };

export const AT_ONCE: LadderStart = { kind: 'at_once' };

// A window that never lands on a working date (every triage day a holiday) must not loop forever.
const MAX_WINDOWS_TRIED = 400;

/** The instant tier 1's delay counts from. */
export function ladderStartsAt(start: LadderStart, openedAt: DateTime, calendar: PlanCalendar): DateTime {
  const opened = openedAt.setZone(calendar.zone);
  if (start.kind === 'at_once') return opened;
  // "At or after": a blocker opened at 14:00:00 sharp is in the 14:00 window.
  let candidate = nextOccurrence(start.window, opened.minus({ milliseconds: 1 }));
  for (
    let tried = 1;
    calendar.isHoliday(localDateOf(candidate, start.window.zone)) && tried < MAX_WINDOWS_TRIED;
    tried += 1
  ) {
    candidate = nextOccurrence(start.window, candidate);
  }
  return candidate.setZone(calendar.zone);
}

/**
 * Each tier's delay counts from the previous tier's due instant (tier 0 counts from the ladder's
 * start: `openedAt`, or the next triage window when the plan says so; later tiers then count from
 * when tier 1 was told, so the sponsor never hears before the lead had the plan's delay to act).
 * Cumulative delays keep tiers in order whatever the mix: a business-hours tier 2 and a wall-clock
 * tier 3 both measured from `openedAt` could make tier 3 due first (4 business hours from Friday
 * evening is Monday; 6 elapsed hours is Saturday). It is also how plans phrase it ("to the lead at
 * once and, if unresolved within 4 hours, to the sponsor") and how on-call ladders behave.
 */
function dueInstants(
  ladder: Ladder,
  openedAt: DateTime,
  calendar: PlanCalendar,
  upTo: number,
  start: LadderStart,
): DateTime[] {
  const instants: DateTime[] = [];
  let at: DateTime = ladderStartsAt(start, openedAt, calendar);
  for (const tier of ladder.slice(0, upTo + 1)) {
    const theirs = tier.zone ? calendar.inZone(tier.zone) : calendar;
    at = addDelay(at, { minutes: tier.delayMinutes, businessHours: tier.businessHours }, theirs).setZone(calendar.zone);
    instants.push(at);
  }
  return instants;
}

/** @throws RangeError when the ladder has no tier `tierIndex`. */
export function tierDueAt(
  ladder: Ladder,
  tierIndex: number,
  openedAt: DateTime,
  calendar: PlanCalendar,
  start: LadderStart = AT_ONCE,
): DateTime {
  const tier = tierOf(ladder, tierIndex);
  const dueAt = dueInstants(ladder, openedAt, calendar, tierIndex, start)[tierIndex];
  if (dueAt === undefined) {
    throw new RangeError(`Tier ${tierIndex} (${tier.target}) has no due instant`);
  }
  return dueAt;
}

/** The highest tier due at `now` (due instant ≤ now), or null when not even the first tier is. */
export function dueTier(
  ladder: Ladder,
  openedAt: DateTime,
  now: DateTime,
  calendar: PlanCalendar,
  start: LadderStart = AT_ONCE,
): TierDue | null {
  const instants = dueInstants(ladder, openedAt, calendar, ladder.length - 1, start);
  // Cumulative delays make the instants ascending, so the last one passed is the highest tier due.
  for (let index = instants.length - 1; index >= 0; index -= 1) {
    const dueAt = instants[index];
    const tier = ladder[index];
    if (dueAt !== undefined && tier !== undefined && dueAt.toMillis() <= now.toMillis()) {
      return { index, tier, dueAt };
    }
  }
  return null;
}

export interface EscalationState {
  readonly status: BlockerStatus;
  readonly openedAt: DateTime;
  /** How many tiers have been sent (or claimed) so far. */
  readonly tiersSent: number;
}

/**
 * The tier to send next and when, or null when nothing more goes out: an acknowledged blocker
 * stops climbing (someone owns it), a resolved one stops everything, and a ladder can run out.
 */
export function nextEscalation(
  blocker: EscalationState,
  ladder: Ladder,
  calendar: PlanCalendar,
  start: LadderStart = AT_ONCE,
): TierDue | null {
  if (blocker.status !== 'open' || blocker.tiersSent >= ladder.length) {
    return null;
  }
  const index = Math.max(0, blocker.tiersSent);
  return { index, tier: tierOf(ladder, index), dueAt: tierDueAt(ladder, index, blocker.openedAt, calendar, start) };
}

// The one rule for "this tier pages": its target is a PagerDuty target. The ladder the service
// builds, the escalation it fires and the steps it stores all carry that target, so the plan's
// tier kind, the fired step and the follow-up acknowledge cannot disagree about it.
const PAGERDUTY_TARGET_PREFIX = 'pagerduty:';

/** The target of a tier that pages PagerDuty (Events API v2, one incident per blocker); `who` answers the page. */
export function pagingTarget(who: string): string {
  return `${PAGERDUTY_TARGET_PREFIX}${who}`;
}

/** Whether a tier (or a fired step, by its stored target) pages PagerDuty. */
export function pages(target: string): boolean {
  return target.startsWith(PAGERDUTY_TARGET_PREFIX);
}

/**
 * Whether a blocker's fired tiers (their stored targets) opened a PagerDuty incident: then its
 * acknowledgement and resolution must reach PagerDuty too, or the on-call keeps being paged. The
 * fired targets decide, not today's ladder: a re-baseline may have changed the ladder since.
 */
export function pagedPagerDuty(firedTargets: readonly string[]): boolean {
  return firedTargets.some(pages);
}

function tierOf(ladder: Ladder, index: number): LadderTier {
  const tier = ladder[index];
  if (tier === undefined) {
    throw new RangeError(`The ladder has tiers 0–${ladder.length - 1}, not ${index}`);
  }
  return tier;
}
