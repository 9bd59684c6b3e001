/**
 * A platform-neutral message. PlanService and the scheduler produce these; each adapter renders
 * them (Block Kit, Adaptive Card, console text). `text` is the plain fallback every platform
 * shows in notifications and where blocks cannot be rendered.
 */
export interface Message {
  kind: MessageKind;
  text: string;
  blocks: MessageBlock[];
  /** Only the asker sees it (Slack ephemeral, Teams reply in 1:1). */
  ephemeral?: boolean;
  /** Plan members the text names, so each renderer can make the name notify them (mentions.ts). */
  mentions?: MessageMention[];
  /** A picture of the plan to go with the message (the weekly memo's), drawn when it is delivered. */
  chart?: ChartRef;
}

/**
 * Which plan and which days a message's chart shows. The outbox keeps this reference, not PNG
 * bytes: rows stay small, and the picture is drawn from the plan as it is at delivery.
 */
export interface ChartRef {
  planId: string;
  from: string;
  to: string;
}

/**
 * A plan member named in a message. `text` is how the neutral text names them (what `mention()`
 * wrote: `@Sam Lee`, or `<@U123>` on a Slack plan); each renderer puts its own mention in its
 * place where the member has an id on that platform (Slack `<@U…>`, Teams `<at>Sam Lee</at>` plus
 * an entity), and the plain `@Sam Lee` where not.
 */
export interface MessageMention {
  text: string;
  name: string;
  /** Slack user id (U… or W…). */
  slack?: string;
  /** Teams user id: the AAD object id, or a `29:…` Bot Framework id. */
  teams?: string;
}

export type MessageKind =
  | 'reply'
  | 'error'
  | 'standup_prompt'
  | 'standup_reminder'
  | 'weekend_checkin'
  | 'triage'
  | 'sync_reminder'
  | 'milestone_checkpoint'
  | 'escalation'
  | 'escalation_resolved'
  | 'slip_alert'
  | 'replan_proposal'
  | 'weekly_memo'
  | 'standup_digest';

export type MessageBlock =
  | { type: 'header'; text: string }
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; actions: MessageAction[] };

/** A button. `id` says what it does; `value` carries the subject (a blocker or proposal id). */
export interface MessageAction {
  id: ActionId;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type ActionId =
  | 'standup_update'
  | 'blocker_ack'
  | 'blocker_resolve'
  | 'blocker_escalate'
  | 'replan_approve'
  | 'replan_reject'
  | 'plan_import_confirm'
  | 'plan_import_cancel'
  /** Opens the "Report a blocker" form (the home); its value names the plan. */
  | 'blocker_open';

/**
 * Whether using a button settles the message it sits on (its buttons give way to the outcome).
 * Escalating does not: the blocker is still open, so Acknowledge and Resolve must stay.
 */
export function settlesMessage(action: ActionId | (string & {})): boolean {
  return action !== 'blocker_escalate';
}

/** Text with simple emphasis: `*bold*` and `_italic_` (Slack mrkdwn style); adapters translate it. */
export function message(
  kind: MessageKind,
  text: string,
  blocks: MessageBlock[] = [{ type: 'section', text }],
  options: { ephemeral?: boolean } = {},
): Message {
  return { kind, text, blocks, ...(options.ephemeral ? { ephemeral: true } : {}) };
}
