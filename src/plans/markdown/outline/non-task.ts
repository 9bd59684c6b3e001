// Words that mark a line or a section as something other than work to schedule. These are the
// general conventions of plan documents (breaks on a run-of-show, reference sections, advice),
// not any one document's vocabulary.

const BREAK =
  /^(?:(?:lunch|breakfast|dinner|brunch|supper|coffee|tea|snack)(?:\s?break)?|break|recess|intermission|end|adjourn(?:ed)?|(?:lunch|coffee|tea)?\s?break\s?[/&]\s?recess|lunch break \/ recess|free time|travel)$/i;
const REFERENCE_SECTION =
  /^(?:table of contents|contents|toc|resources|useful resources|useful links|references?|links|examples?|see also|further reading|glossary|terms|definitions|faq|frequently asked questions|background|purpose|about|overview|summary|introduction|intro|eligibility|code of conduct|transparency|notes?|misc(?:ellaneous)?|appendix|credits|acknowledg\w*|licen[cs]e|contact(?:s| us)?|questions|recommendations?|etiquette|tips|best practices|principles|guidelines|not responsibilities|clarification of terms|status descriptions)$/i;
// An agenda or template lists what is talked about or filled in, not work to schedule.
const NOT_WORK = /\b(?:agenda|template|talking points|discussion points|minutes|options|questions to ask)\b/i;
const ADVICE =
  /^(?:consider|be sure to|make sure to remember|note|nb|tip|suggestion|hint|remember|it'?s (?:advised|recommended)|we recommend|please note|for example|e\.g\.|if\s|when\s|whenever\s|unless\s|otherwise\s|optional(?:ly)?:)/i;
const PLACEHOLDER = /\((?:[^()]*\b(?:name|initials)\b[^()]*)\)|\{\{[^}]*\}\}|<[A-Z][a-z]+>|\{:[^}]*\}/;

/** A meal, a break or the day's end on a run-of-show: on the agenda, but nobody's task. */
export function isBreak(title: string): boolean {
  return BREAK.test(
    title
      .replace(/[*_`~[\]()]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** A heading over material the plan refers to rather than schedules (links, glossary, examples). */
export function isReferenceSection(headingText: string): boolean {
  const text = headingText
    .replace(/[*_`:?!.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return REFERENCE_SECTION.test(text) || /^what (?:is|are)\b/i.test(text);
}

/** Advice and conditions ("Consider…", "If registrations are slow…"): guidance, not a task. */
export function isAdvice(text: string): boolean {
  return ADVICE.test(text.trim());
}

/** "Is it something that should be worked on right now?": a question to ask, not a task. */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  return (
    /\?$/.test(t) ||
    /^(?:is|are|do|does|did|can|could|should|would|will|what|when|where|why|how|who|which)\b[^.!]*\?/i.test(t)
  );
}

/** "Assumed Capacity: 0.7", "Number of developers: 4": a labelled fact, not a task. */
export function isLabelledFact(text: string): boolean {
  const m = /^([\p{L}][\p{L} ]{1,40}):\s*(.+)$/u.exec(text.trim());
  return m !== null && /\d/.test(m[2] ?? '') && (m[2] ?? '').split(/\s+/).length <= 4;
}

/** Template leftovers: "Task-2 (developer name or initials)", "{{club_leader_name}}", "{:toc}". */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** A heading or lead-in that says what follows is talking points or a template ("A general agenda …:"). */
export function introducesNonWork(label: string): boolean {
  return NOT_WORK.test(label);
}
