import { PlanError } from '../../domain/plan-error.js';
import { memberKey } from '../member-match.js';
import { dayListIn } from './day-references.js';
import type { ImportContext } from './import-context.js';
import type { ProseUnit } from './prose-text.js';
import { numberFrom, sentencesOf } from './prose-text.js';
import { lookupZone } from './zone-abbreviations.js';

/**
 * Plan rules written as prose: slip threshold and who slips escalate to, pushing dependants to
 * the next buffer, re-baselining, buffer day lists, the swap rule, and an explicit time zone.
 */
export function readRules(ctx: ImportContext, units: readonly ProseUnit[]): void {
  for (const unit of units) {
    let used = readTimezoneField(ctx, unit);
    for (const sentence of sentencesOf(unit.text)) {
      used = readSlip(ctx, sentence, unit.line) || used;
      used = readRebaseline(ctx, sentence, unit.line) || used;
      used = readBuffers(ctx, sentence, unit.line, unit.label) || used;
      used = readFirstTier(ctx, sentence, unit.line) || used;
    }
    if (used) ctx.consume(unit.node);
  }
}

function readTimezoneField(ctx: ImportContext, unit: ProseUnit): boolean {
  if (unit.label === undefined || !/^(time ?zone|tz|plan time ?zone)$/.test(unit.label)) return false;
  const written = unit.text.replace(/[`.]/g, '').trim().split(/\s+/)[0] ?? '';
  const zone = lookupZone(written);
  if (!zone) {
    throw new PlanError(
      'import_invalid',
      `${ctx.file}:${unit.line}: unknown time zone '${written}'; use an IANA name like America/Los_Angeles`,
      {
        file: ctx.file,
        line: unit.line,
      },
    );
  }
  ctx.timezone ??= { value: { zone: zone.zone, written }, line: unit.line };
  return true;
}

function readSlip(ctx: ImportContext, sentence: string, line: number): boolean {
  let used = false;
  const threshold =
    /\bslip(?:s|page)?\b.*?\b(?:longer|more|greater)\s+than\s+(\w+)\s+(?:business|working)\s+days?/i.exec(sentence);
  const days = threshold?.[1] ? numberFrom(threshold[1]) : undefined;
  if (days !== undefined) {
    ctx.slipThreshold ??= { value: days, line };
    const target = /\bescalated?\s+to\b(.*)$/i.exec(sentence)?.[1];
    const named = target === undefined ? undefined : ctx.members.firstNamedIn(target);
    const role = target === undefined ? undefined : /\b(sponsor|lead|on-?call)\b/i.exec(target)?.[1]?.toLowerCase();
    if (named) ctx.slipEscalatesTo ??= { value: memberKey(named.member), line };
    else if (role) ctx.slipEscalatesTo ??= { value: role.startsWith('on') ? 'on-call' : role, line };
    used = true;
  }
  if (/\bslips?\b/i.test(sentence) && /\bpush\b.*\b(?:next|nearest)\b.*\bbuffer/i.test(sentence)) {
    ctx.pushDependantsToBuffer ??= { value: true, line };
    used = true;
  }
  return used;
}

/** "Tier 1 at the next triage window": blockers wait for triage before the first contact hears of them. */
function readFirstTier(ctx: ImportContext, sentence: string, line: number): boolean {
  const who = /\b(?:tier\s*(?:1|one)|first\s+tier|primary(?:\s+contact)?|first\s+contact|escalat\w*|blockers?)\b/i;
  const when = /\b(?:at|until|in|during|for)\s+the\s+next\s+(?:blocker\s+)?triage(?:\s+window)?\b/i;
  if (!who.test(sentence) || !when.test(sentence)) return false;
  ctx.firstTierAt ??= { value: 'next_triage', line };
  return true;
}

function readRebaseline(ctx: ImportContext, sentence: string, line: number): boolean {
  if (!/re-?baselin|re-?plan/i.test(sentence)) return false;
  const count = /\b(\w+)\s+or\s+more\s+critical[- ]path\b/i.exec(sentence)?.[1];
  const n = count === undefined ? undefined : numberFrom(count);
  if (n === undefined || n < 1) return false;
  ctx.rebaselineWhenCriticalSlips ??= { value: n, line };
  return true;
}

function readBuffers(ctx: ImportContext, sentence: string, line: number, label: string | undefined): boolean {
  let used = false;
  if (/\bbuffers?\b|light[- ]touch/i.test(`${label ?? ''} ${sentence}`)) {
    const days = dayListIn(sentence);
    if (days) {
      const known = [...ctx.bufferDays.keys()];
      const differs = known.length > 0 && days.some((d) => !ctx.bufferDays.has(d));
      if (differs)
        ctx.warn(
          line,
          `buffer days ${days.join(', ')} differ from the buffer rows (days ${known.join(', ')}); using both`,
        );
      days.forEach((day) => ctx.addBufferDay(day, line));
      used = true;
    }
  }
  if (ctx.swapRule === undefined && /\bswap rule\b/i.test(sentence) && sentence.length > 30) {
    ctx.swapRule = sentence;
    used = true;
  }
  return used;
}
