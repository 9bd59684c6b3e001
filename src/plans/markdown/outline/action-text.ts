import { createRequire } from 'node:module';
import type Nlp from 'compromise';

interface Lexicon {
  one: { lexicon: Record<string, string | undefined> };
  two?: { switches?: Record<string, string | undefined> };
}

// compromise takes a third of a second to load; every planbot process would pay it at start-up,
// so it loads on the first plan document that needs it.
let loaded: { nlp: typeof Nlp; model: Lexicon } | undefined;
function compromise(): { nlp: typeof Nlp; model: Lexicon } {
  if (!loaded) {
    const nlp = createRequire(import.meta.url)('compromise') as typeof Nlp;
    loaded = { nlp, model: nlp.model() as unknown as Lexicon };
  }
  return loaded;
}

/**
 * Whether a line is written as something to do ("Book the venue", "Track registrations",
 * "order the food") rather than a thing or a statement ("Door signs", "Chief of Staff",
 * "Parking is limited…"). compromise's lexicon says which words can be verbs; words it does
 * not list are tagged in context.
 */
export function readsAsAction(text: string): boolean {
  const first = /^[\s"'“‘(*_]*([A-Za-z][A-Za-z'-]*)/.exec(text)?.[1]?.toLowerCase();
  if (first === undefined) return false;
  const { nlp, model } = compromise();
  const tag = model.one.lexicon[first];
  if (tag === 'Infinitive' || tag === 'PhrasalVerb') return true;
  const switches = model.two?.switches?.[first];
  if (switches !== undefined && /Verb|Present/.test(switches)) return true;
  if (tag !== undefined) return false;
  return nlp(text).has('^#Verb');
}
