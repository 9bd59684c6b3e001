import { stripControls } from '../../service/messages/message-safety.js';
import type { AdaptiveCardJson, CardActionData, CardElementJson, TextBlockJson } from './card-json.js';
import { teamsMarkdown } from './card-markdown.js';

const sameAction = (data: CardActionData, clicked: CardActionData): boolean =>
  data.actionId === clicked.actionId && data.value === clicked.value;

/**
 * The card as it should look after a button did its work: the set holding the clicked button
 * becomes a line saying what happened, so nobody clicks Acknowledge twice and everyone sees who
 * did. Other buttons (other blockers on a triage card) stay. If the button is no longer on the
 * card (someone settled it first), the outcome is added at the end instead of being lost.
 */
export function settledCard(card: AdaptiveCardJson, clicked: CardActionData, outcome: string): AdaptiveCardJson {
  // The outcome is a reply's text, which no renderer cleaned (displaySafe): strip controls here.
  const line: TextBlockJson = {
    type: 'TextBlock',
    text: teamsMarkdown(stripControls(outcome)),
    wrap: true,
    isSubtle: true,
  };
  let replaced = false;
  const body = card.body.map((element): CardElementJson => {
    if (element.type !== 'ActionSet' || !element.actions.some((action) => sameAction(action.data, clicked)))
      return element;
    replaced = true;
    return element.separator ? { ...line, separator: true } : line;
  });
  return { ...structuredClone(card), body: replaced ? structuredClone(body) : [...structuredClone(card.body), line] };
}
