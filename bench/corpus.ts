// Plan-corpus benchmark (a script, not a test): imports the 24 real plan documents of the shared
// corpus through the CLI's code path (parseImport, no start date) and compares each plan with the
// document's ground truth: task recall and precision (one-to-one title matching), owner, when and
// time accuracy of the matched tasks, ritual recall (by local time; kind reported apart), escalation
// tiers, member counts and failed imports. Targets: task recall and precision ≥ 90 %, no failed
// import, ritual and tier recall ≥ 90 %. Always exits 0 unless the corpus is missing.
//   npx tsx bench/corpus.ts [--doc 13] [--verbose] [--json FILE]
// --doc NN (repeatable or comma-separated) runs only those documents and lists what went wrong in
// each; --verbose lists it for every document run. The corpus is ../shared/corpus next to the
// project (override with PLANBOT_CORPUS); its text stays there: --json writes numbers only.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Plan } from '../src/plans/plan-schema.js';
import type { ImportPlanRequest, ParsedImport } from '../src/service/commands/import-plan.js';
import { consoleWorkspace } from '../src/service/read-model/workspace-ref.js';
import {
  closestTitle,
  importedRitualsOf,
  importedTasksOf,
  importedWhenLabel,
  judgeTargets,
  parseTruth,
  ratio,
  scoreDocument,
  summarise,
  truthWhenLabel,
  type Aggregate,
  type Count,
  type DocScore,
  type Mismatch,
  type Truth,
} from './corpus-match.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const USAGE = 'usage: npx tsx bench/corpus.ts [--doc NN[,NN…]]… [--verbose] [--json FILE]';

interface CorpusDoc {
  /** "13_kcd-master-timeline" */
  name: string;
  docPath: string;
  truthPath: string;
}

interface DocRun {
  doc: CorpusDoc;
  truth: Truth;
  plan: Plan | undefined;
  score: DocScore;
}

type ParseImport = (request: ImportPlanRequest, now: Date) => ParsedImport;

// ── Arguments and corpus ─────────────────────────────────────────────────────────────────────

function readArgs() {
  try {
    const { values } = parseArgs({
      options: {
        doc: { type: 'string', multiple: true, default: [] },
        verbose: { type: 'boolean', short: 'v', default: false },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return values;
  } catch (error) {
    console.error(`${firstLine(error)}\n${USAGE}`);
    process.exit(2);
  }
}

function corpusDir(): string {
  return process.env.PLANBOT_CORPUS
    ? resolve(process.env.PLANBOT_CORPUS)
    : resolve(import.meta.dirname, '../../shared/corpus');
}

function listCorpus(dir: string): CorpusDoc[] {
  const docsDir = join(dir, 'docs');
  const truthDir = join(dir, 'truth');
  const problems = [docsDir, truthDir].filter((d) => !existsSync(d)).map((d) => `missing ${d}`);
  if (problems.length > 0) {
    console.error(`plan corpus not found at ${dir} (${problems.join(', ')}).`);
    console.error('Expected docs/NN_name.md and truth/NN_name.json; set PLANBOT_CORPUS to the corpus folder.');
    process.exit(1);
  }
  const docs: CorpusDoc[] = [];
  for (const file of readdirSync(docsDir)
    .filter((f) => /^\d+_.+\.md$/.test(f))
    .sort()) {
    const name = basename(file, '.md');
    const truthPath = join(truthDir, `${name}.json`);
    if (existsSync(truthPath)) docs.push({ name, docPath: join(docsDir, file), truthPath });
    else console.error(`warning: ${file} has no truth/${name}.json; skipped`);
  }
  if (docs.length === 0) {
    console.error(`plan corpus at ${dir} has no docs/NN_name.md with a truth file.`);
    process.exit(1);
  }
  return docs;
}

/** --doc 13, --doc 3, --doc 13,14 or a name fragment (--doc nixos). */
function selectDocs(all: CorpusDoc[], wanted: string[]): CorpusDoc[] {
  const keys = wanted
    .flatMap((w) => w.split(','))
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  if (keys.length === 0) return all;
  const chosen = new Set<CorpusDoc>();
  for (const key of keys) {
    const hits = /^\d+$/.test(key)
      ? all.filter((d) => Number(d.name.split('_')[0]) === Number(key))
      : all.filter((d) => d.name.toLowerCase().includes(key.toLowerCase()));
    if (hits.length === 0) {
      console.error(`--doc ${key}: no such document (have ${all.map((d) => d.name.split('_')[0]).join(' ')})`);
      process.exit(2);
    }
    hits.forEach((d) => chosen.add(d));
  }
  return all.filter((d) => chosen.has(d));
}

// ── Running the importer ─────────────────────────────────────────────────────────────────────

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  const named = error instanceof Error && error.name !== 'Error' && error.name !== 'PlanError';
  return named ? `${error.name}: ${line}` : line;
}

/** Loaded at run time so an importer that is mid-edit and does not compile shows up as failed imports, not a stack trace. */
async function loadImporter(): Promise<ParseImport | string> {
  try {
    const module = await import('../src/service/commands/import-plan.js');
    return module.parseImport;
  } catch (error) {
    return `importer did not load: ${firstLine(error)}`;
  }
}

function runDoc(doc: CorpusDoc, parseImport: ParseImport | string): DocRun {
  const truth = parseTruth(JSON.parse(readFileSync(doc.truthPath, 'utf8')));
  let plan: Plan | undefined;
  let error: string | undefined;
  if (typeof parseImport === 'string') {
    error = parseImport;
  } else {
    const text = readFileSync(doc.docPath, 'utf8');
    try {
      const parsed = parseImport(
        { text, file: basename(doc.docPath), workspace: consoleWorkspace, importedBy: 'bench' },
        NOW,
      );
      plan = parsed.snapshot?.document ?? parsed.result.plan;
    } catch (caught) {
      error = firstLine(caught);
    }
  }
  return { doc, truth, plan, score: scoreDocument(doc.name, truth, plan, error) };
}

// ── Printing ─────────────────────────────────────────────────────────────────────────────────

const pct = (value: number | undefined) => (value === undefined ? '–' : `${(value * 100).toFixed(1)} %`);
const frac = (count: Count) => (count.of === 0 ? '–' : `${count.hit}/${count.of}`);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const quote = (text: string) => `"${clip(text.replace(/\s+/g, ' ').trim(), 72)}"`;

function markdownTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (rightAligned.has(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function docTable(runs: DocRun[]): string {
  const rows = runs.map(({ score: s }) => [
    clip(s.doc, 40),
    `${s.tasks.truth}/${s.tasks.imported}`,
    pct(ratio(s.recall)),
    pct(ratio(s.precision)),
    frac(s.owner),
    frac(s.when),
    frac(s.time),
    s.rituals.truth === 0 && s.rituals.extra === 0
      ? '–'
      : `${s.rituals.found}/${s.rituals.truth}${s.rituals.extra > 0 ? ` +${s.rituals.extra}` : ''}`,
    s.tiers.truth === 0 && s.tiers.imported === 0
      ? '–'
      : `${s.tiers.found}/${s.tiers.truth}${s.tiers.imported > s.tiers.truth ? ` +${s.tiers.imported - s.tiers.truth}` : ''}`,
    s.failed ? 'yes' : 'no',
  ]);
  const header = ['doc', 'tasks t/i', 'recall', 'precision', 'owner', 'when', 'time', 'rituals', 'tiers', 'failed'];
  return markdownTable(header, rows, new Set([1, 2, 3, 4, 5, 6, 7, 8]));
}

function overallBlock(runs: DocRun[], total: number): string {
  const overall = summarise(runs.map((r) => r.score));
  const targets = new Map(judgeTargets(overall).map((t) => [t.name, t]));
  const verdict = (name: string) => {
    const t = targets.get(name);
    if (!t) return '';
    return `${t.target}: ${t.met ? 'met' : t.value === undefined ? 'MISSED (nothing measured)' : 'MISSED'}`;
  };
  const micro = (a: Aggregate) => `${pct(ratio(a.micro))} (${a.micro.hit}/${a.micro.of})`;
  const macro = (a: Aggregate) => (a.docs === 0 ? '–' : `${pct(a.macro)} (${a.docs} doc${a.docs === 1 ? '' : 's'})`);
  const rows = [
    ['task recall', micro(overall.recall), macro(overall.recall), verdict('task recall')],
    ['task precision', micro(overall.precision), macro(overall.precision), verdict('task precision')],
    ['failed imports', `${overall.failed} of ${overall.docs}`, '', verdict('failed imports')],
    ['ritual recall (time)', micro(overall.rituals), macro(overall.rituals), verdict('ritual recall')],
    ['ritual recall (+kind)', micro(overall.ritualKinds), macro(overall.ritualKinds), ''],
    ['false rituals', String(overall.extraRituals), '', ''],
    ['tier recall', micro(overall.tiers), macro(overall.tiers), verdict('tier recall')],
    ['owner accuracy', micro(overall.owner), macro(overall.owner), ''],
    [
      'when accuracy',
      micro(overall.when),
      macro(overall.when),
      `${overall.whenUnmeasurable} unmeasurable (prose offsets)`,
    ],
    ['time accuracy', micro(overall.time), macro(overall.time), ''],
    ['members (info)', `${overall.members.imported} imported / ${overall.members.truth} truth`, '', ''],
  ];
  const scope = runs.length === total ? `${runs.length} docs` : `${runs.length} of ${total} docs`;
  return [
    `## Overall (${scope}; targets judged on micro)`,
    '',
    markdownTable(['measure', 'micro', 'macro', 'target'], rows, new Set()),
  ].join('\n');
}

function failures(runs: DocRun[]): string {
  const failed = runs.filter((r) => r.score.failed);
  if (failed.length === 0) return '';
  return ['Failed imports:', ...failed.map((r) => `  ${r.doc.name.split('_')[0]}  ${r.score.error ?? ''}`)].join('\n');
}

/** What went wrong in one document, for the importer engineer: missed, false and mismatched tasks, rituals, tiers. */
function docDetail(run: DocRun): string {
  const { score: s, truth, plan } = run;
  const tasks = plan ? importedTasksOf(plan) : [];
  const rituals = plan ? importedRitualsOf(plan) : [];
  const truthLabel = (index: number) => {
    const t = truth.tasks[index]!;
    const where = [t.line === undefined ? '' : `L${t.line}`, t.when ? truthWhenLabel(t.when) : '', t.time ?? '']
      .filter((p) => p)
      .join(', ');
    return `${quote(t.title)}${where ? `  [${where}]` : ''}`;
  };
  /** The imported title a truth task was paired with, when it is not the same words. */
  const pairedWith = (truthIndex: number, importedIndex: number) => {
    const pair = s.detail.taskPairs.find((p) => p.truth === truthIndex && p.imported === importedIndex);
    return pair && pair.score < 1
      ? `\n        matched:  ${quote(tasks[importedIndex]!.title)} (${pair.score.toFixed(2)})`
      : '';
  };
  const mismatchLines = (label: string, list: Mismatch[]) =>
    list.length === 0
      ? []
      : [
          `  ${label} (${list.length}):`,
          ...list.map(
            (m) =>
              `    - ${truthLabel(m.truth)}${pairedWith(m.truth, m.imported)}\n        truth:    ${m.expected}\n        imported: ${m.actual}`,
          ),
        ];
  const matchedImported = new Set(s.detail.taskPairs.map((p) => p.imported));
  const matchedTruth = new Set(s.detail.taskPairs.map((p) => p.truth));
  const taken = (used: boolean) => (used ? ', already matched to another task' : '');

  const out = [
    `### ${s.doc}`,
    `  tasks ${s.tasks.truth} truth, ${s.tasks.imported} imported, ${s.tasks.matched} matched · recall ${pct(ratio(s.recall))} · precision ${pct(ratio(s.precision))}`,
  ];
  if (s.failed) out.push(`  FAILED: ${s.error ?? ''}`);
  if (s.detail.missed.length > 0) {
    out.push(`  missed (${s.detail.missed.length}) — truth tasks nothing matched:`);
    for (const index of s.detail.missed) {
      const near = closestTitle(
        truth.tasks[index]!.title,
        tasks.map((t) => t.title),
      );
      const used = near !== undefined && tasks.some((t, i) => t.title === near.title && matchedImported.has(i));
      out.push(
        `    - ${truthLabel(index)}${near && near.score >= 0.25 ? `\n        closest: ${quote(near.title)} (${near.score.toFixed(2)}${taken(used)})` : ''}`,
      );
    }
  }
  if (s.detail.extra.length > 0) {
    out.push(`  false (${s.detail.extra.length}) — imported tasks matching no truth task:`);
    for (const index of s.detail.extra) {
      const t = tasks[index]!;
      const near = closestTitle(
        t.title,
        truth.tasks.map((x) => x.title),
      );
      const used = near !== undefined && truth.tasks.some((x, i) => x.title === near.title && matchedTruth.has(i));
      const when = importedWhenLabel(t);
      out.push(
        `    - ${quote(t.title)}  (key ${t.key}${when === '(none)' ? '' : `, ${when}`}${t.time ? `, ${t.time}` : ''})` +
          (near && near.score >= 0.25
            ? `\n        closest truth: ${quote(near.title)} (${near.score.toFixed(2)}${taken(used)})`
            : ''),
      );
    }
  }
  out.push(...mismatchLines('when wrong', s.detail.whenMismatches));
  out.push(...mismatchLines('owner wrong', s.detail.ownerMismatches));
  out.push(...mismatchLines('time wrong', s.detail.timeMismatches));
  if (s.detail.whenUnmeasurable.length > 0) {
    out.push(
      `  when not measurable (${s.detail.whenUnmeasurable.length}): ${s.detail.whenUnmeasurable.map((i) => truthWhenLabel(truth.tasks[i]!.when)).join('; ')}`,
    );
  }
  if (s.rituals.truth > 0 || s.rituals.imported > 0) {
    const truthRitual = (i: number) => {
      const r = truth.rituals[i]!;
      return `${r.kind} ${r.time ?? '(no time)'} ${r.days ?? ''} ${quote(r.title ?? '')}`.replace(/\s+/g, ' ');
    };
    const importedRitual = (i: number) => {
      const r = rituals[i]!;
      return `${r.kind} ${r.localTime} days ${r.days.join(',')}${r.zone ? ` ${r.zone}` : ''}${r.name ? ` ${quote(r.name)}` : ''}`;
    };
    out.push(
      `  rituals: found ${s.rituals.found}/${s.rituals.truth} (kind agrees ${s.rituals.kindMatched}), ${s.rituals.extra} false`,
    );
    for (const i of s.detail.ritualsMissed) out.push(`    - missed: ${truthRitual(i)}`);
    for (const i of s.detail.ritualsExtra) out.push(`    - false:  ${importedRitual(i)}`);
    for (const p of s.detail.ritualPairs.filter((p) => !p.kindMatches)) {
      out.push(
        `    - kind differs: truth ${truthRitual(p.truth)}\n                    imported ${importedRitual(p.imported)}`,
      );
    }
  }
  if (s.tiers.truth > 0 || s.tiers.imported > 0)
    out.push(`  tiers: ${s.tiers.imported} imported / ${s.tiers.truth} truth`);
  out.push(`  members: ${s.members.imported} imported / ${s.members.truth} truth`);
  return out.join('\n');
}

/** Numbers only: the corpus text (titles, owners) stays in the corpus folder. */
function jsonReport(corpus: string, runs: DocRun[]) {
  return {
    corpus,
    now: NOW.toISOString(),
    docs: runs.map(({ score: s }) => ({
      doc: s.doc,
      failed: s.failed,
      ...(s.error === undefined ? {} : { error: s.error }),
      tasks: s.tasks,
      recall: ratio(s.recall) ?? null,
      precision: ratio(s.precision) ?? null,
      owner: s.owner,
      when: { ...s.when, unmeasurable: s.whenUnmeasurable },
      time: s.time,
      rituals: s.rituals,
      tiers: s.tiers,
      members: s.members,
    })),
    overall: summarise(runs.map((r) => r.score)),
    targets: judgeTargets(summarise(runs.map((r) => r.score))),
  };
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

const args = readArgs();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const dir = corpusDir();
const all = listCorpus(dir);
const chosen = selectDocs(all, args.doc);
const parseImport = await loadImporter();
const runs = chosen.map((doc) => runDoc(doc, parseImport));

console.log(`# Plan corpus bench — ${dir}, now ${NOW.toISOString()}, no start date\n`);
if (typeof parseImport === 'string') console.log(`**${parseImport}**\n`);
console.log(docTable(runs));
console.log(
  '\ntasks t/i = truth/imported; owner, when, time = right/measured among matched tasks; rituals and tiers found/truth +extra',
);
const failed = failures(runs);
if (failed) console.log(`\n${failed}`);
console.log(`\n${overallBlock(runs, all.length)}`);
if (args.verbose || args.doc.length > 0) {
  console.log('\n## Details\n');
  console.log(runs.map(docDetail).join('\n\n'));
}
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(jsonReport(dir, runs), null, 2)}\n`);
  console.log(`\nwrote ${args.json}`);
}
