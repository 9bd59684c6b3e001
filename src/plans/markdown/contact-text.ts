import { splitOwnerText } from '../member-match.js';

export interface ContactText {
  name: string;
  title?: string;
  slackHandle?: string;
  email?: string;
  channel?: string;
  pagerDuty?: { schedule?: string; routingKey?: string };
}

/**
 * "Sam Jackson — Project Lead (Slack `@sam.jackson`, email `sam@x.dev`)." → its parts. Regexes
 * run on this one item's text only; the document structure came from the Markdown parser.
 */
export function parseContactText(text: string): ContactText {
  const trimmed = text.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  const detailsMatch = /\(([^()]*)\)\s*$/.exec(trimmed);
  const details = detailsMatch?.[1] ?? '';
  const head = detailsMatch ? trimmed.slice(0, detailsMatch.index).trim() : trimmed;
  const { name, title } = splitOwnerText(head.replace(/,\s*/, ' — '));
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(details)?.[0];
  const handle = /(?:^|[\s`(,])@([\w][\w.-]*[\w])/.exec(details)?.[1];
  const channel = /(?:^|[\s`(,])(#[\w-]+)/.exec(details)?.[1];
  const pager = /pager\s*duty\s+(schedule|service|routing key|integration key|escalation policy)\s*[:=]?\s*`?([\w.-]+)`?/i.exec(details);
  const contact: ContactText = { name, ...(title ? { title } : {}) };
  if (email) contact.email = email;
  if (handle) contact.slackHandle = handle;
  if (channel) contact.channel = channel;
  if (pager?.[1] && pager[2]) {
    contact.pagerDuty = /routing|integration/i.test(pager[1]) ? { routingKey: pager[2] } : { schedule: pager[2] };
  }
  return contact;
}

const TIER_WORDS: Readonly<Record<string, number>> = {
  primary: 1,
  first: 1,
  secondary: 2,
  second: 2,
  tertiary: 3,
  third: 3,
  quaternary: 4,
  fourth: 4,
};

/** "Primary", "Tier 2", "Level 3", "L1" → the tier's rank. */
export function tierRank(label: string): number | undefined {
  const word = TIER_WORDS[label.trim().toLowerCase()];
  if (word !== undefined) return word;
  const numbered = /^(?:tier|level|l)\s*(\d)$/i.exec(label.trim());
  return numbered?.[1] ? Number(numbered[1]) : undefined;
}
