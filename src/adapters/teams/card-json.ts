/**
 * The subset of the Adaptive Cards 1.5 JSON schema planbot renders. Plain data (no SDK types) so
 * the renderer is testable on its own and the card can go into any activity attachment.
 */
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** 1.5: the version Teams documents for universal actions (Action.Execute). */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  /** Shown by clients that cannot render the card. */
  fallbackText?: string;
  body: CardElementJson[];
  /** Teams' own card extension: here, the people `<at>Name</at>` in a TextBlock notifies. */
  msteams?: { entities: MentionEntityJson[] };
}

/**
 * A mention in an Adaptive Card (Teams card-format documentation): `text` appears verbatim in a
 * TextBlock, `mentioned.id` is the user's AAD object id or `29:…` id.
 */
export interface MentionEntityJson {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  /** A line above the element: how a neutral `divider` is drawn. */
  separator?: boolean;
}

export interface TextBlockJson extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  isSubtle?: boolean;
}

export interface FactSetJson extends ElementBase {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface ActionSetJson extends ElementBase {
  type: 'ActionSet';
  actions: CardActionJson[];
}

export interface InputTextJson extends ElementBase {
  type: 'Input.Text';
  id: string;
  label: string;
  isMultiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  value?: string;
}

export interface InputChoiceSetJson extends ElementBase {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  style?: 'compact' | 'expanded';
  placeholder?: string;
  choices: { title: string; value: string }[];
  value?: string;
}

export type CardElementJson = TextBlockJson | FactSetJson | ActionSetJson | InputTextJson | InputChoiceSetJson;

/** What every planbot button carries, whichever action type delivers it. */
export interface CardActionData {
  actionId: string;
  value: string;
}

export type ActionStyleJson = 'default' | 'positive' | 'destructive';

export interface SubmitActionJson {
  type: 'Action.Submit';
  title: string;
  data: CardActionData;
  style?: ActionStyleJson;
}

/**
 * Universal action: Teams sends an `adaptiveCard/action` invoke the bot answers with an updated
 * card. `fallback` is the documented per-action fallback (an action or "drop") used by clients
 * that predate 1.4, where the same data then arrives as an Action.Submit message.
 */
export interface ExecuteActionJson {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: CardActionData;
  style?: ActionStyleJson;
  fallback: SubmitActionJson;
}

export type CardActionJson = ExecuteActionJson | SubmitActionJson;

export function emptyCard(fallbackText?: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    ...(fallbackText !== undefined && fallbackText !== '' ? { fallbackText } : {}),
    body: [],
  };
}

/** A button as Action.Execute with an Action.Submit fallback carrying the same data. */
export function executeAction(
  title: string,
  verb: string,
  data: CardActionData,
  style?: ActionStyleJson,
): ExecuteActionJson {
  const styled = style !== undefined && style !== 'default' ? { style } : {};
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...styled,
    fallback: { type: 'Action.Submit', title, data, ...styled },
  };
}
