// Pure matching and scoring for the plan-corpus bench (bench/corpus.ts): reads a ground-truth
// JSON, pairs imported tasks and rituals with it, and turns the pairs into counts. No I/O here.
import { z } from 'zod';
import type { Plan, PlanMember } from '../src/plans/plan-schema.js';

// ── Ground truth ─────────────────────────────────────────────────────────────────────────────

export type TruthWhen =
  | { kind: 'date'; date: string }
  | { kind: 'day'; day: number }
  | { kind: 'week'; week: number }
  | { kind: 'offset'; offset: string }
  | { kind: 'other'; text: string };

export interface TruthTask {
  title: string;
  owner?: string;
  when?: TruthWhen;
  time?: string;
  line?: number;
}

export interface TruthRitual {
  kind: string;
  time?: string;
  tz?: string;
  days?: string;
  title?: string;
}

export interface Truth {
  tasks: TruthTask[];
  rituals: TruthRitual[];
  members: number;
  tiers: number;
}

const truthFileSchema = z.looseObject({
  tasks: z
    .array(
      z.looseObject({
        title: z.string(),
        owner: z.string().nullish(),
        when: z.record(z.string(), z.unknown()).nullish(),
        time: z.string().nullish(),
        line: z.number().nullish(),
      }),
    )
    .default([]),
  members: z.array(z.unknown()).default([]),
  rituals: z
    .array(
      z.looseObject({
        kind: z.string(),
        time: z.string().nullish(),
        tz: z.string().nullish(),
        days: z.unknown(),
        title: z.string().nullish(),
      }),
    )
    .default([]),
  escalation: z.array(z.unknown()).default([]),
});

/** Reads one `truth/NN_name.json`; throws a readable error when the file does not have the expected shape. */
export function parseTruth(json: unknown): Truth {
  const parsed = truthFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`unexpected truth format: ${z.prettifyError(parsed.error).split('\n')[0]}`);
  const file = parsed.data;
  return {
    tasks: file.tasks.map((task) => ({
      title: task.title,
      ...(task.owner ? { owner: task.owner } : {}),
      ...(task.when ? { when: truthWhenOf(task.when) } : {}),
      ...(task.time ? { time: task.time } : {}),
      ...(typeof task.line === 'number' ? { line: task.line } : {}),
    })),
    rituals: file.rituals.map((ritual) => ({
      kind: ritual.kind,
      ...(ritual.time ? { time: ritual.time } : {}),
      ...(ritual.tz ? { tz: ritual.tz } : {}),
      ...(ritual.days === undefined || ritual.days === null ? {} : { days: String(ritual.days) }),
      ...(ritual.title ? { title: ritual.title } : {}),
    })),
    members: file.members.length,
    tiers: file.escalation.length,
  };
}

function truthWhenOf(when: Record<string, unknown>): TruthWhen {
  const { date, day, week, offset } = when;
  if (typeof date === 'string') return { kind: 'date', date };
  if (typeof day === 'number' || (typeof day === 'string' && /^\d+$/.test(day)))
    return { kind: 'day', day: Number(day) };
  if (typeof week === 'number' || (typeof week === 'string' && /^\d+$/.test(week)))
    return { kind: 'week', week: Number(week) };
  if (typeof offset === 'string') return { kind: 'offset', offset };
  return { kind: 'other', text: JSON.stringify(when) };
}

// ── The imported side ────────────────────────────────────────────────────────────────────────

/** An imported task as the bench reads it, including the optional fields the schema may not have yet. */
export interface ImportedTask {
  key: string;
  title: string;
  /** The owner as written in the task (a member name or key). */
  owner?: string;
  /** The owner resolved to a member's name through `plan.members`. */
  ownerName?: string;
  date?: string;
  day?: number;
  week?: number;
  offset?: string;
  time?: string;
}

export interface ImportedRitual {
  kind: string;
  localTime: string;
  zone?: string;
  days: number[];
  name?: string;
}

export function importedTasksOf(plan: Plan): ImportedTask[] {
  return plan.tasks.map((task) => {
    // `offset` and `time` are fields the importer may add; read them without assuming the schema has them.
    const extra = task as Record<string, unknown>;
    const offset = typeof extra.offset === 'string' ? extra.offset : undefined;
    const time = typeof extra.time === 'string' ? extra.time : undefined;
    const ownerName = resolveOwner(task.owner, plan.members);
    return {
      key: task.key,
      title: task.title,
      ...(task.owner ? { owner: task.owner } : {}),
      ...(ownerName ? { ownerName } : {}),
      ...(task.date ? { date: task.date } : {}),
      ...(task.day !== undefined ? { day: task.day } : {}),
      ...(task.week !== undefined ? { week: task.week } : {}),
      ...(offset ? { offset } : {}),
      ...(time ? { time } : {}),
    };
  });
}

export function importedRitualsOf(plan: Plan): ImportedRitual[] {
  return plan.rituals.map((ritual) => ({
    kind: ritual.kind,
    localTime: ritual.localTime,
    days: ritual.days,
    ...(ritual.zone ? { zone: ritual.zone } : {}),
    ...(ritual.name ? { name: ritual.name } : {}),
  }));
}

/** A task owner is a member name or key; returns the member's name, or the owner as written when no member has it. */
export function resolveOwner(owner: string | undefined, members: readonly PlanMember[]): string | undefined {
  if (!owner) return undefined;
  const slug = tokensOf(owner).join('-');
  const member =
    members.find((m) => m.key === owner) ??
    members.find((m) => m.name === owner) ??
    members.find((m) => (m.key ? tokensOf(m.key).join('-') : tokensOf(m.name).join('-')) === slug);
  return member?.name ?? owner;
}

// ── Titles ───────────────────────────────────────────────────────────────────────────────────

/** Words that say little about which task a title means; left out of the similarity score. */
const TITLE_STOPWORDS = new Set(
  'a an the to of and or for in on at with by from into is are be as it its this that your our my their any'.split(' '),
);

/** Lower-case words of a text: letters and digits, everything else a separator. */
export function tokensOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * A title reduced to what it says: Markdown links and emphasis gone, lower case, single spaces,
 * no leading "Task 3:", "Step 2 -", "1." or "1.2)" numbering and no checkbox.
 */
export function normaliseTitle(title: string): string {
  const text = title
    .normalize('NFKC')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url), ![alt](src)
    .replace(/<\/?[a-z][^>]*>/gi, ' ') // HTML tags and <autolinks>
    .replace(/[*_`~#>|\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-+•]\s+/, '')
    .replace(/^\[[ xX]\]\s*/, '')
    .replace(/^(?:(?:task|step|item)\s*#?\s*\d+[a-z]?\s*[:.)\-–—]?|#?\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+(?=\s))\s*/i, '');
  return tokensOf(text).join(' ');
}

function stem(token: string): string {
  return token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token;
}

function contentWords(normalised: string): Set<string> {
  const all = normalised.split(' ').filter((t) => t.length > 0);
  const content = all.filter((t) => !TITLE_STOPWORDS.has(t));
  return new Set((content.length > 0 ? content : all).map(stem));
}

function containsWords(haystack: string, needle: string): boolean {
  return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

/** Added to the word score when one normalised title contains the other. */
export const CONTAINMENT_BONUS = 0.25;
/** A title pair scoring at least this is the same task. */
export const TITLE_MATCH_THRESHOLD = 0.5;

/**
 * How alike two titles are, 0..1: the Dice coefficient of their content-word sets (stop words out,
 * plural "s" folded), plus a bonus when one normalised title contains the other as whole words.
 */
export function titleSimilarity(a: string, b: string): number {
  const na = normaliseTitle(a);
  const nb = normaliseTitle(b);
  if (na.length === 0 || nb.length === 0) return 0;
  if (na === nb) return 1;
  const wa = contentWords(na);
  const wb = contentWords(nb);
  let shared = 0;
  for (const word of wa) if (wb.has(word)) shared += 1;
  const dice = (2 * shared) / (wa.size + wb.size);
  const contained = containsWords(na, nb) || containsWords(nb, na);
  return Math.min(1, dice + (contained ? CONTAINMENT_BONUS : 0));
}

// ── Owners ───────────────────────────────────────────────────────────────────────────────────

const OWNER_STOPWORDS = new Set('the a an my our dr mr mrs ms prof i on of and'.split(' '));

function significantToken(tokens: readonly string[]): string | undefined {
  return tokens.find((t) => !OWNER_STOPWORDS.has(t)) ?? tokens[0];
}

/**
 * Whether an imported owner names the truth owner: equal words, or either side's words contain
 * the other's first significant word (truth "Paris (@parispittman)" ~ imported "Paris";
 * truth "Infra Team (Ryan, Markus)" ~ imported "Ryan").
 */
export function ownerMatches(truthOwner: string, importedOwner: string | undefined): boolean {
  if (!importedOwner) return false;
  const truth = tokensOf(truthOwner);
  const imported = tokensOf(importedOwner);
  if (truth.length === 0 || imported.length === 0) return false;
  if (truth.join(' ') === imported.join(' ')) return true;
  const truthFirst = significantToken(truth);
  const importedFirst = significantToken(imported);
  return (
    (importedFirst !== undefined && truth.includes(importedFirst)) ||
    (truthFirst !== undefined && imported.includes(truthFirst))
  );
}

// ── When, offsets and clock times ────────────────────────────────────────────────────────────

const MINUTES_PER_UNIT: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
  w: 10080,
  wk: 10080,
  wks: 10080,
  week: 10080,
  weeks: 10080,
  mo: 43200,
  mos: 43200,
  month: 43200,
  months: 43200,
};

/**
 * An offset from an event as signed minutes: "T-6d", "T-30m", "T+1h", "T" (= 0), "-8w", "T-9mo",
 * "meeting-24h". A range ("T-9mo..T-8mo") takes its first end; a trailing "(note)" is ignored;
 * a month counts 30 days. Prose ("before going on call") gives undefined: not measurable.
 */
export function parseOffset(text: string): number | undefined {
  const first = (text.split('..')[0] ?? '').trim();
  const match = /^([a-z]*)\s*(?:([+-])\s*(\d+(?:\.\d+)?)\s*([a-z]+))?\s*(?:\(.*\))?$/i.exec(first);
  if (!match) return undefined;
  const [, anchor = '', sign, amount, unit] = match;
  if (sign === undefined) return anchor.toLowerCase() === 't' ? 0 : undefined;
  const perUnit = MINUTES_PER_UNIT[(unit ?? '').toLowerCase()];
  if (perUnit === undefined) return undefined;
  const minutes = Number(amount) * perUnit;
  return sign === '-' ? -minutes : minutes;
}

/** "9:05" → "09:05"; anything that is not h:mm is returned trimmed. */
export function normaliseClock(text: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : text.trim();
}

export type WhenVerdict = 'match' | 'mismatch' | 'unmeasurable' | 'none';

/** Compares a truth `when` with what the importer gave the task. 'none': the truth has no time. */
export function compareWhen(when: TruthWhen | undefined, task: ImportedTask): WhenVerdict {
  if (!when) return 'none';
  switch (when.kind) {
    case 'date':
      return task.date === when.date ? 'match' : 'mismatch';
    case 'day':
      return task.day === when.day ? 'match' : 'mismatch';
    case 'week': {
      // Truth weeks counted from an event ("-8 Weeks" from release) are the importer's week offsets.
      const fromDay = task.day === undefined ? undefined : Math.ceil(task.day / 7);
      const fromOffset = task.offset === undefined ? undefined : parseOffset(task.offset);
      const offsetWeek = fromOffset === undefined ? undefined : fromOffset / MINUTES_PER_UNIT.week!;
      const asOffset = task.offset !== undefined;
      return (!asOffset && (task.week === when.week || fromDay === when.week)) || offsetWeek === when.week
        ? 'match'
        : 'mismatch';
    }
    case 'offset': {
      const truth = parseOffset(when.offset);
      if (truth === undefined) return 'unmeasurable';
      const imported = task.offset === undefined ? undefined : parseOffset(task.offset);
      return imported !== undefined && Math.abs(imported - truth) < 1e-6 ? 'match' : 'mismatch';
    }
    case 'other':
      return 'unmeasurable';
  }
}

export function truthWhenLabel(when: TruthWhen | undefined): string {
  if (!when) return '(none)';
  switch (when.kind) {
    case 'date':
      return `date ${when.date}`;
    case 'day':
      return `day ${when.day}`;
    case 'week':
      return `week ${when.week}`;
    case 'offset':
      return `offset ${when.offset}`;
    case 'other':
      return when.text;
  }
}

export function importedWhenLabel(task: ImportedTask): string {
  const parts = [
    task.date === undefined ? '' : `date ${task.date}`,
    task.day === undefined ? '' : `day ${task.day}`,
    task.week === undefined ? '' : `week ${task.week}`,
    task.offset === undefined ? '' : `offset ${task.offset}`,
  ].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(', ') : '(none)';
}

// ── Task matching ────────────────────────────────────────────────────────────────────────────

export interface TaskPair {
  truth: number;
  imported: number;
  score: number;
}

export interface TaskMatching {
  pairs: TaskPair[];
  /** Indexes of truth tasks no imported task matched. */
  missed: number[];
  /** Indexes of imported tasks that match no truth task. */
  extra: number[];
}

/**
 * One-to-one matching of imported to truth tasks, greedy by best title score (≥ the threshold).
 * Equal scores (the same title on several days, e.g. "Lunch") are broken by agreeing when and
 * time, then by the closer relative position in the document, so repeated titles pair up in order.
 */
export function matchTasks(truth: readonly TruthTask[], imported: readonly ImportedTask[]): TaskMatching {
  interface Candidate extends TaskPair {
    agreement: number;
    distance: number;
  }
  const candidates: Candidate[] = [];
  truth.forEach((t, ti) => {
    imported.forEach((i, ii) => {
      const score = titleSimilarity(t.title, i.title);
      if (score < TITLE_MATCH_THRESHOLD) return;
      const agreement =
        (compareWhen(t.when, i) === 'match' ? 1 : 0) +
        (t.time !== undefined && i.time !== undefined && normaliseClock(i.time) === t.time ? 1 : 0);
      const distance = Math.abs(ti / Math.max(1, truth.length) - ii / Math.max(1, imported.length));
      candidates.push({ truth: ti, imported: ii, score, agreement, distance });
    });
  });
  candidates.sort(
    (a, b) =>
      (Math.abs(b.score - a.score) > 1e-9 ? b.score - a.score : 0) ||
      b.agreement - a.agreement ||
      a.distance - b.distance ||
      a.truth - b.truth ||
      a.imported - b.imported,
  );
  return greedyPairs(candidates, truth.length, imported.length, (c) => ({
    truth: c.truth,
    imported: c.imported,
    score: c.score,
  }));
}

/** One-to-one pairing from candidates sorted best first; what neither side got is missed / extra. */
function greedyPairs<C extends { truth: number; imported: number }, P extends { truth: number }>(
  candidates: readonly C[],
  truthCount: number,
  importedCount: number,
  toPair: (c: C) => P,
): { pairs: P[]; missed: number[]; extra: number[] } {
  const usedTruth = new Set<number>();
  const usedImported = new Set<number>();
  const pairs: P[] = [];
  for (const c of candidates) {
    if (usedTruth.has(c.truth) || usedImported.has(c.imported)) continue;
    usedTruth.add(c.truth);
    usedImported.add(c.imported);
    pairs.push(toPair(c));
  }
  pairs.sort((a, b) => a.truth - b.truth);
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  return {
    pairs,
    missed: range(truthCount).filter((i) => !usedTruth.has(i)),
    extra: range(importedCount).filter((i) => !usedImported.has(i)),
  };
}

/** The most similar title among candidates (for "closest" hints on misses), if any scores above 0. */
export function closestTitle(
  title: string,
  candidates: readonly string[],
): { title: string; score: number } | undefined {
  let best: { title: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = titleSimilarity(title, candidate);
    if (score > 0 && (!best || score > best.score)) best = { title: candidate, score };
  }
  return best;
}

// ── Ritual matching ──────────────────────────────────────────────────────────────────────────

/** Imported ritual kinds in the truth files' vocabulary (the truth also has review, other). */
export const RITUAL_KIND_ALIASES: Record<string, string> = { weekend_checkin: 'checkin', weekly_memo: 'report' };

export function ritualKindMatches(truthKind: string, importedKind: string): boolean {
  return truthKind === (RITUAL_KIND_ALIASES[importedKind] ?? importedKind);
}

export interface RitualPair {
  truth: number;
  imported: number;
  kindMatches: boolean;
}

export interface RitualMatching {
  pairs: RitualPair[];
  missed: number[];
  extra: number[];
}

/**
 * One-to-one, greedy: a truth ritual with a time is found by an imported ritual at the same local
 * time; one without a time by any imported ritual left over. Timed truth rituals choose first,
 * then pairs whose kind agrees, then similar names.
 */
export function matchRituals(truth: readonly TruthRitual[], imported: readonly ImportedRitual[]): RitualMatching {
  interface Candidate extends RitualPair {
    timed: boolean;
    similarity: number;
  }
  const candidates: Candidate[] = [];
  truth.forEach((t, ti) => {
    imported.forEach((i, ii) => {
      const timed = t.time !== undefined;
      if (timed && normaliseClock(t.time ?? '') !== normaliseClock(i.localTime)) return;
      const similarity = t.title && i.name ? titleSimilarity(t.title, i.name) : 0;
      candidates.push({ truth: ti, imported: ii, kindMatches: ritualKindMatches(t.kind, i.kind), timed, similarity });
    });
  });
  candidates.sort(
    (a, b) =>
      Number(b.timed) - Number(a.timed) ||
      Number(b.kindMatches) - Number(a.kindMatches) ||
      b.similarity - a.similarity ||
      a.truth - b.truth ||
      a.imported - b.imported,
  );
  return greedyPairs(candidates, truth.length, imported.length, (c) => ({
    truth: c.truth,
    imported: c.imported,
    kindMatches: c.kindMatches,
  }));
}

// ── Per-document score ───────────────────────────────────────────────────────────────────────

/** `hit` of `of`; a ratio with `of` = 0 has nothing to measure. */
export interface Count {
  hit: number;
  of: number;
}

export interface Mismatch {
  truth: number;
  imported: number;
  expected: string;
  actual: string;
}

export interface DocScore {
  doc: string;
  failed: boolean;
  error?: string;
  tasks: { truth: number; imported: number; matched: number };
  /** matched / truth tasks (of = 0 when the truth has no tasks). */
  recall: Count;
  /** matched / imported tasks (of = 0 when nothing was imported). */
  precision: Count;
  owner: Count;
  when: Count;
  /** Matched truth tasks whose `when` is prose, not a date, day, week or offset. */
  whenUnmeasurable: number;
  time: Count;
  rituals: { truth: number; imported: number; found: number; kindMatched: number; extra: number };
  tiers: { truth: number; imported: number; found: number };
  members: { truth: number; imported: number };
  /** What went wrong, task by task (indexes into truth.tasks / the imported tasks). */
  detail: {
    taskPairs: TaskPair[];
    missed: number[];
    extra: number[];
    ownerMismatches: Mismatch[];
    whenMismatches: Mismatch[];
    whenUnmeasurable: number[];
    timeMismatches: Mismatch[];
    ritualPairs: RitualPair[];
    ritualsMissed: number[];
    ritualsExtra: number[];
  };
}

/** Scores one document: `plan` undefined means the import failed (`error` says why). */
export function scoreDocument(doc: string, truth: Truth, plan: Plan | undefined, error?: string): DocScore {
  const tasks = plan ? importedTasksOf(plan) : [];
  const rituals = plan ? importedRitualsOf(plan) : [];
  const matching = matchTasks(truth.tasks, tasks);
  const owner: Count = { hit: 0, of: 0 };
  const when: Count = { hit: 0, of: 0 };
  const time: Count = { hit: 0, of: 0 };
  const ownerMismatches: Mismatch[] = [];
  const whenMismatches: Mismatch[] = [];
  const timeMismatches: Mismatch[] = [];
  const whenUnmeasurable: number[] = [];

  for (const pair of matching.pairs) {
    const t = truth.tasks[pair.truth]!;
    const i = tasks[pair.imported]!;
    if (t.owner) {
      owner.of += 1;
      if (ownerMatches(t.owner, i.ownerName ?? i.owner)) owner.hit += 1;
      else ownerMismatches.push({ ...pair, expected: t.owner, actual: i.ownerName ?? i.owner ?? '(none)' });
    }
    const verdict = compareWhen(t.when, i);
    if (verdict === 'unmeasurable') whenUnmeasurable.push(pair.truth);
    if (verdict === 'match' || verdict === 'mismatch') {
      when.of += 1;
      if (verdict === 'match') when.hit += 1;
      else whenMismatches.push({ ...pair, expected: truthWhenLabel(t.when), actual: importedWhenLabel(i) });
    }
    if (t.time) {
      time.of += 1;
      const actual = i.time === undefined ? undefined : normaliseClock(i.time);
      if (actual === normaliseClock(t.time)) time.hit += 1;
      else timeMismatches.push({ ...pair, expected: t.time, actual: actual ?? '(none)' });
    }
  }

  const ritualMatching = matchRituals(truth.rituals, rituals);
  const importedTiers = plan?.ladder.length ?? 0;
  const matched = matching.pairs.length;
  return {
    doc,
    failed: plan === undefined,
    ...(error === undefined ? {} : { error }),
    tasks: { truth: truth.tasks.length, imported: tasks.length, matched },
    recall: { hit: matched, of: truth.tasks.length },
    precision: { hit: matched, of: tasks.length },
    owner,
    when,
    whenUnmeasurable: whenUnmeasurable.length,
    time,
    rituals: {
      truth: truth.rituals.length,
      imported: rituals.length,
      found: ritualMatching.pairs.length,
      kindMatched: ritualMatching.pairs.filter((p) => p.kindMatches).length,
      extra: ritualMatching.extra.length,
    },
    tiers: { truth: truth.tiers, imported: importedTiers, found: Math.min(truth.tiers, importedTiers) },
    members: { truth: truth.members, imported: plan?.members.length ?? 0 },
    detail: {
      taskPairs: matching.pairs,
      missed: matching.missed,
      extra: matching.extra,
      ownerMismatches,
      whenMismatches,
      whenUnmeasurable,
      timeMismatches,
      ritualPairs: ritualMatching.pairs,
      ritualsMissed: ritualMatching.missed,
      ritualsExtra: ritualMatching.extra,
    },
  };
}

// ── Overall ──────────────────────────────────────────────────────────────────────────────────

/** Summed counts (micro) and the mean of per-document ratios over documents with `of` > 0 (macro). */
export interface Aggregate {
  micro: Count;
  /** undefined when no document has anything to measure. */
  macro: number | undefined;
  /** Documents in the macro mean. */
  docs: number;
}

export function aggregate(counts: readonly Count[]): Aggregate {
  const measured = counts.filter((c) => c.of > 0);
  const micro = counts.reduce((sum, c) => ({ hit: sum.hit + c.hit, of: sum.of + c.of }), { hit: 0, of: 0 });
  const macro =
    measured.length === 0 ? undefined : measured.reduce((sum, c) => sum + c.hit / c.of, 0) / measured.length;
  return { micro, macro, docs: measured.length };
}

export function ratio(count: Count): number | undefined {
  return count.of === 0 ? undefined : count.hit / count.of;
}

export interface Overall {
  docs: number;
  failed: number;
  recall: Aggregate;
  precision: Aggregate;
  owner: Aggregate;
  when: Aggregate;
  whenUnmeasurable: number;
  time: Aggregate;
  rituals: Aggregate;
  ritualKinds: Aggregate;
  extraRituals: number;
  tiers: Aggregate;
  members: { truth: number; imported: number };
}

export function summarise(scores: readonly DocScore[]): Overall {
  const sum = (pick: (s: DocScore) => number) => scores.reduce((total, s) => total + pick(s), 0);
  return {
    docs: scores.length,
    failed: scores.filter((s) => s.failed).length,
    recall: aggregate(scores.map((s) => s.recall)),
    precision: aggregate(scores.map((s) => s.precision)),
    owner: aggregate(scores.map((s) => s.owner)),
    when: aggregate(scores.map((s) => s.when)),
    whenUnmeasurable: sum((s) => s.whenUnmeasurable),
    time: aggregate(scores.map((s) => s.time)),
    rituals: aggregate(scores.map((s) => ({ hit: s.rituals.found, of: s.rituals.truth }))),
    ritualKinds: aggregate(scores.map((s) => ({ hit: s.rituals.kindMatched, of: s.rituals.truth }))),
    extraRituals: sum((s) => s.rituals.extra),
    tiers: aggregate(scores.map((s) => ({ hit: s.tiers.found, of: s.tiers.truth }))),
    members: { truth: sum((s) => s.members.truth), imported: sum((s) => s.members.imported) },
  };
}

export interface TargetResult {
  name: string;
  /** The value the target is judged on (micro), undefined when nothing could be measured. */
  value: number | undefined;
  target: string;
  met: boolean;
}

/** The importer's targets: task recall and precision ≥ 90 %, no failed import, ritual and tier recall ≥ 90 %. */
export function judgeTargets(overall: Overall): TargetResult[] {
  const atLeast = (name: string, value: number | undefined, min: number): TargetResult => ({
    name,
    value,
    target: `≥ ${Math.round(min * 100)} %`,
    met: value !== undefined && value >= min,
  });
  return [
    atLeast('task recall', ratio(overall.recall.micro), 0.9),
    atLeast('task precision', ratio(overall.precision.micro), 0.9),
    { name: 'failed imports', value: overall.failed, target: '0', met: overall.failed === 0 },
    atLeast('ritual recall', ratio(overall.rituals.micro), 0.9),
    atLeast('tier recall', ratio(overall.tiers.micro), 0.9),
  ];
}
