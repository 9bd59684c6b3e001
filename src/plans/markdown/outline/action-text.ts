import nlp from 'compromise';

interface Lexicon {
  one: { lexicon: Record<string, string | undefined> };
  two?: { switches?: Record<string, string | undefined> };
}

const model = nlp.model() as unknown as Lexicon;

/**
 * Whether a line is written as something to do ("Prepare a budget", "Track registrations",
 * "lock in sponsor") rather than a thing or a statement ("Event Signage", "CEO / Executive
 * Leadership", "Logs are not as important…"). compromise's lexicon says which words can be
 * verbs; words it does not list are tagged in context.
 */
export function readsAsAction(text: string): boolean {
  const first = /^[\s"'“‘(*_]*([A-Za-z][A-Za-z'-]*)/.exec(text)?.[1]?.toLowerCase();
  if (first === undefined) return false;
  const tag = model.one.lexicon[first];
  if (tag === 'Infinitive' || tag === 'PhrasalVerb') return true;
  const switches = model.two?.switches?.[first];
  if (switches !== undefined && /Verb|Present/.test(switches)) return true;
  if (tag !== undefined) return false;
  return nlp(text).has('^#Verb');
}
