import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';
import type { AdaptiveCardJson } from '../../../../src/adapters/teams/card-json.js';

// The Node bundle parses and validates without a DOM (rendering would need one); types come from lib/.
const ac = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

function eventText(event: AdaptiveCardsModule.IValidationEvent): string {
  return `${ac.ValidationPhase[event.phase]}/${ac.ValidationEvent[event.event]}: ${event.message}`;
}

/** Drops `fallback` keys: the library parses them but only re-serialises the primary action. */
function withoutFallbacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFallbacks);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'fallback')
        .map(([key, inner]) => [key, withoutFallbacks(inner)]),
    );
  }
  return value;
}

export interface CardCheck {
  /** Every parse event and validation failure, as text; empty when the card is clean. */
  problems: string[];
  /** The card as the library understood it; a property it did not know is missing here. */
  roundTrip: unknown;
  /** The card we sent, minus per-action fallbacks, for comparison with `roundTrip`. */
  expected: unknown;
}

/** Parses with a SerializationContext that collects events, then validateProperties(). */
export function checkCard(json: AdaptiveCardJson): CardCheck {
  const card = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  card.parse(JSON.parse(JSON.stringify(json)), context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) problems.push(eventText(context.getEventAt(index)));
  problems.push(...card.validateProperties().validationEvents.map(eventText));
  problems.push(...mentionProblems(json));
  // `msteams` is Teams' own extension, which the library neither knows nor re-serialises.
  const { msteams: _teamsOnly, ...adaptive } = json;
  return { problems, roundTrip: card.toJSON(), expected: withoutFallbacks(adaptive) };
}

/**
 * Teams' card-format rules for mentions: each entity is `{ type: 'mention', text: '<at>Name</at>',
 * mentioned: { id, name } }` and its text appears verbatim in a TextBlock, or Teams does not notify.
 */
function mentionProblems(json: AdaptiveCardJson): string[] {
  if (json.msteams === undefined) return [];
  const texts = json.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : []));
  return json.msteams.entities.flatMap((entity) => {
    const problems: string[] = [];
    if (entity.type !== 'mention' || !/^<at>[^<>]+<\/at>$/.test(entity.text))
      problems.push(`msteams: malformed mention ${JSON.stringify(entity)}`);
    if (!entity.mentioned.id || !entity.mentioned.name) problems.push(`msteams: mention without id or name`);
    if (!texts.some((text) => text.includes(entity.text))) problems.push(`msteams: ${entity.text} is in no TextBlock`);
    return problems;
  });
}

/**
 * The card as a client without Action.Execute (before 1.4) reads it: the registry lacks
 * Action.Execute, so the library takes each action's `fallback`, as such a client does.
 */
export function asOldClient(json: AdaptiveCardJson): { json: unknown; problems: string[] } {
  const actions = new ac.CardObjectRegistry<AdaptiveCardsModule.Action>();
  ac.GlobalRegistry.populateWithDefaultActions(actions);
  actions.unregister('Action.Execute');
  const context = new ac.SerializationContext();
  context.setActionRegistry(actions);
  const card = new ac.AdaptiveCard();
  card.parse(JSON.parse(JSON.stringify(json)), context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) problems.push(eventText(context.getEventAt(index)));
  return { json: card.toJSON(context), problems };
}
