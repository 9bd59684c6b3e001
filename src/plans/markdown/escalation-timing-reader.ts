import { memberKey } from '../member-match.js';
import type { PlanLadderTier } from '../plan-schema.js';
import type { ImportContext } from './import-context.js';
import type { ProseUnit } from './prose-text.js';
import { numberFrom, sentencesOf } from './prose-text.js';

const TIMING =
  /\b(immediately|right away|at once)\b|\b(?:within|after|in|for more than|for over|over|past|exceeds?)\s+(\d+(?:\.\d+)?|one|two|three|four|five|six|eight|ten|twelve|an?)\s*(business |working )?(minutes?|mins?|hours?|hrs?|h|days?)\b/gi;

// "page on-call via PagerDuty", "page the SRE on-call", "PagerDuty": a page rather than a person.
const PAGE_PHRASE = /\bpage\s+(?:the\s+)?(?:\w+\s+)?on-?call\b|\bpager\s*duty\b/i;

// How a plan says a delay runs through nights and weekends: in so many words, or by being about
// weekend or night-time blockers ("Weekend blockers escalate … within 4 hours").
const ANY_TIME =
  /\b(?:any\s*time|24\s*\/\s*7|24x7|around the clock|round the clock|day or night|wall[\s-]clock|calendar hours?|weekends?|overnight|nights?|off[\s-]hours|after[\s-]hours)\b/i;

const UNIT_MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 24 * 60 };

/**
 * Escalation timing in prose: "escalate immediately via Slack `#x` to Sam Jackson and, if
 * unresolved within 4 hours, to Alex Rivera". Each timing phrase applies to the first person
 * named after it; tiers named nowhere in a contacts list are added in order.
 */
export function readEscalationTiming(
  ctx: ImportContext,
  units: readonly ProseUnit[],
  stated: Set<PlanLadderTier>,
): void {
  for (const unit of units) {
    let used = false;
    for (const sentence of sentencesOf(unit.text)) {
      if (!/escalat|\bpage\b|pager\s*duty/i.test(sentence) || /\bslip/i.test(sentence)) continue;
      const matches = [...sentence.matchAll(TIMING)];
      matches.forEach((match, index) => {
        const region = sentence.slice(match.index, matches[index + 1]?.index ?? sentence.length);
        const named = ctx.members.firstNamedIn(region);
        const page = PAGE_PHRASE.exec(region);
        // Whichever the timing reaches first: a person, or a page ("after 1 hour, page on-call via PagerDuty").
        const paged = page !== null && (named === undefined || page.index < named.index);
        if (!named && !paged) return;
        const minutes = match[1] ? 0 : toMinutes(match[2] ?? '', match[4] ?? '');
        if (minutes === undefined) return;
        // Business hours unless the plan says otherwise: a bare "4 hours" paging someone at 03:00 is not what anyone wrote it for.
        const businessHours = minutes > 0 && (match[3] !== undefined || !ANY_TIME.test(sentence));
        let entry = paged ? pagerTier(ctx, unit.line) : undefined;
        if (!entry && named) {
          const key = memberKey(named.member);
          entry = ctx.ladder.find((t) => t.value.target.kind !== 'role' && t.value.target.member === key);
          if (!entry) {
            entry = {
              value: { target: { kind: 'member', member: key }, delayMinutes: minutes, businessHours },
              line: unit.line,
            };
            ctx.ladder.push(entry);
          }
        }
        if (!entry) return;
        entry.value.delayMinutes = minutes;
        entry.value.businessHours = businessHours;
        const channel = /(?:^|[\s`(])(#[\w-]+)/.exec(region)?.[1];
        if (channel !== undefined && entry.value.channel === undefined) entry.value.channel = channel;
        stated.add(entry.value);
        if (match[3] !== undefined && /day/i.test(match[4] ?? ''))
          ctx.warn(unit.line, `'${match[0]}' read as ${minutes / 60} business hours (8 per business day)`);
        used = true;
      });
    }
    if (used) ctx.consume(unit.node);
  }
}

/** The ladder's page tier: the contacts list's PagerDuty tier, or a new one paging the configured service. */
function pagerTier(ctx: ImportContext, line: number): ImportContext['ladder'][number] {
  const existing = ctx.ladder.find((t) => t.value.target.kind === 'pagerduty');
  if (existing) return existing;
  const entry = {
    value: { label: 'PagerDuty', target: { kind: 'pagerduty' as const }, delayMinutes: 0, businessHours: false },
    line,
  };
  ctx.ladder.push(entry);
  return entry;
}

function toMinutes(amountText: string, unitText: string): number | undefined {
  const amount = /^\d/.test(amountText) ? Number(amountText) : numberFrom(amountText === 'twelve' ? '12' : amountText);
  if (amount === undefined) return undefined;
  const unit = unitText.toLowerCase().charAt(0);
  if (unit === 'd') return Math.round(amount * 8 * 60);
  return Math.round(amount * (UNIT_MINUTES[unit] ?? 1));
}

/** Tiers whose delay no sentence stated: take the previous tier's delay, and say so. */
export function fillLadderDelays(ctx: ImportContext, stated: Set<PlanLadderTier>): void {
  let previous = 0;
  ctx.ladder.forEach((entry, index) => {
    if (!stated.has(entry.value) && index > 0) {
      entry.value.delayMinutes = previous > 0 ? previous : 60;
      const who = entry.value.label ?? `tier ${index + 1}`;
      ctx.warn(entry.line, `escalation ${who} has no stated delay; assumed ${entry.value.delayMinutes} minutes`);
    }
    previous = entry.value.delayMinutes;
  });
}
