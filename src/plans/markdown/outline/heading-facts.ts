import type { HeadingInfo } from '../document-blocks.js';
import { relativeLabel } from '../when/relative-when.js';
import type { WhenContext, WhenMention } from '../when/when-text.js';
import { whenMentions } from '../when/when-text.js';
import { readItemLine } from './item-line.js';
import { introducesNonWork, isReferenceSection } from './non-task.js';

/** What a heading says about the blocks under it. */
export interface HeadingFacts {
  info: HeadingInfo;
  /** The heading's own time: "Day 2", "8-9 MONTHS IN ADVANCE", "9:40am - 10:30am - …". */
  when: WhenMention[];
  /** The heading's words once its time is removed; empty for a pure time window ("### 30 Days"). */
  title: string;
  reference: boolean;
  /** An agenda or template: the items directly under it are not work (sub-sections may be). */
  notWork: boolean;
  roster: boolean;
}

const ORDINAL_DAY = /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+day$/i;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ROSTER =
  /\b(?:team|roles?|people|members?|contacts?|roster|officers?|staff|organi[sz]ers?|guests?|speakers?|who'?s who|instructors?|owners?|leads?)\b/i;
const WINDOW_WORDS =
  /^(?:(?:the\s)?(?:days?|weeks?|months?|before|after|during|by|until|from|at|on|in|of|to|and|or|event|the)\s?)*$/i;
// "Event Date:- 3rd May 2027": a labelled fact about the plan, not an item of it.
const LABELLED_VALUE = /^[\p{L} ]{2,30}:-?\s/u;

export function headingFacts(info: HeadingInfo, context: WhenContext): HeadingFacts {
  const text = info.text.replace(/[*_`]/g, '').trim();
  const ordinal = ORDINAL_DAY.exec(text);
  const base = {
    info,
    reference: isReferenceSection(text),
    notWork: introducesNonWork(text),
    roster: ROSTER.test(text) && !/\b(?:tasks?|schedule|timeline|plan)\b/i.test(text),
  };
  if (ordinal) {
    const word = (ordinal[1] ?? '').toLowerCase();
    const day = ORDINALS.indexOf(word) + 1;
    if (day > 0) return { ...base, when: [{ index: 0, end: text.length, day, meridiem: false }], title: '' };
  }
  const label = relativeLabel(text);
  if (label) return { ...base, when: [{ ...label, meridiem: false }], title: '' };
  const line = readItemLine(text, context);
  const when = line.when.length > 0 ? line.when : [...whenMentions(text, context)];
  const words = line.title
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const labelled = LABELLED_VALUE.test(text) && readItemLine(text.replace(LABELLED_VALUE, ''), context).title === '';
  const title = when.length > 0 && (labelled || WINDOW_WORDS.test(words)) ? '' : line.title;
  return { ...base, when, title };
}

/** Facts for each heading, computed once per document. */
export class HeadingFactsCache {
  private readonly facts = new Map<HeadingInfo, HeadingFacts>();
  constructor(private readonly context: WhenContext) {}

  of(info: HeadingInfo): HeadingFacts {
    let facts = this.facts.get(info);
    if (!facts) {
      facts = headingFacts(info, this.context);
      this.facts.set(info, facts);
    }
    return facts;
  }
}
