/**
 * The part of a `view_submission` payload the modal readers use: `view.state.values`, keyed by
 * block_id then action_id. Structural, so Bolt's `ViewOutput['state']['values']` fits and tests
 * can write the payload by hand exactly as Slack sends it.
 */
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
}
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** Message per block_id: `ack({ response_action: 'errors', errors })` shows each under its input. */
export type ViewFieldErrors = Record<string, string>;

/** A text input's value, trimmed; undefined when missing or blank. */
export function readViewText(values: ViewStateValues, blockId: string, actionId: string): string | undefined {
  const value = values[blockId]?.[actionId]?.value?.trim();
  return value ? value : undefined;
}
