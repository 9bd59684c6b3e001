/**
 * Slack's published limits (Block Kit reference, checked 2026-11). Over any of them Slack refuses
 * the whole post (`invalid_blocks`), so the renderer stays inside them rather than hoping.
 * Lengths are counted on the text as sent, i.e. after `&`, `<`, `>` are escaped.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (modals and Home tabs: 100). */
  messageBlocks: 50,
  modalBlocks: 100,
  /** Section `text`, and the mrkdwn element of a context block. */
  sectionText: 3000,
  contextText: 3000,
  /** Header block, plain_text only. */
  headerText: 150,
  /** Section `fields`: how many, and each one's text. */
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  actionId: 255,
  /** Modal title / submit / close labels. */
  modalTitle: 24,
  optionText: 75,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  /** plain_text_input `max_length` cannot be set above this. */
  plainTextInput: 3000,
  privateMetadata: 3000,
  staticSelectOptions: 100,
} as const;

/**
 * The top-level `text` may be 40,000 characters, but it is what notifications and screen readers
 * show when blocks are present: one readable line, not the message again.
 */
export const FALLBACK_TEXT_MAX = 300;

/**
 * Slack also refuses a message whose blocks are too long *in total* (`msg_blocks_too_long`), a
 * limit it does not publish: reported at ~13,200 text characters (bolt-js #2509, where a
 * maintainer gave "12,000 text characters with a buffer for block containers") and below 11,400
 * for section + header + divider messages (bolt-js #2867). Text plus a per-block charge stays
 * under this budget (message-fit.ts).
 */
export const MESSAGE_SIZE_BUDGET = 12_000;
