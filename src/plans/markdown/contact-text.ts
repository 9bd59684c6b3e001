import { splitOwnerText } from '../member-match.js';

export interface ContactText {
  name: string;
  title?: string;
  slackHandle?: string;
  email?: string;
  channel?: string;
  pagerDuty?: { schedule?: string; routingKey?: string };
  /** The tier is a page and names no person ("page on-call via PagerDuty"). */
  pagerOnly?: boolean;
}

const PAGER = /pager\s*duty/i;
// "… via PagerDuty" after a name: the name is the person, the tier pages.
const VIA_PAGER = /\s*,?\s*\b(?:via|through|using|on|in)\s+pager\s*duty\b/i;
// A contact that starts by paging (or with PagerDuty itself) names nobody to declare as a member.
const PAGER_FIRST = /^(?:page|paging|pager\s*duty)\b/i;
const SERVICE = /\b(?:schedule|service|escalation policy)\s*[:=]?\s*`?([\w.-]+)`?/i;

/**
 * "Sam Jackson — Project Lead (Slack `@sam.jackson`, email `sam@x.dev`)." → its parts. Regexes
 * run on this one item's text only; the document structure came from the Markdown parser.
 */
export function parseContactText(text: string): ContactText {
  const trimmed = text.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  const detailsMatch = /\(([^()]*)\)\s*$/.exec(trimmed);
  const details = detailsMatch?.[1] ?? '';
  const rawHead = detailsMatch ? trimmed.slice(0, detailsMatch.index).trim() : trimmed;
  const pagerOnly = PAGER_FIRST.test(rawHead);
  const head = rawHead.replace(VIA_PAGER, '').trim();
  const { name, title } = splitOwnerText(head.replace(/,\s*/, ' — '));
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(details)?.[0];
  const handle = /(?:^|[\s`(,])@([\w][\w.-]*[\w])/.exec(details)?.[1];
  const channel = /(?:^|[\s`(,])(#[\w-]+)/.exec(details)?.[1];
  const pager =
    /pager\s*duty\s+(schedule|service|routing key|integration key|escalation policy)\s*[:=]?\s*`?([\w.-]+)`?/i.exec(
      pagerOnly ? trimmed : details,
    );
  const pagedService = pagerOnly ? SERVICE.exec(details)?.[1] : undefined;
  const contact: ContactText = { name, ...(title ? { title } : {}) };
  if (email) contact.email = email;
  if (handle) contact.slackHandle = handle;
  if (channel) contact.channel = channel;
  if (pager?.[1] && pager[2]) {
    contact.pagerDuty = /routing|integration/i.test(pager[1]) ? { routingKey: pager[2] } : { schedule: pager[2] };
  } else if (pagedService !== undefined) {
    // "PagerDuty — SRE manager (service `aiml-platform`)": the details name what is paged.
    contact.pagerDuty = { schedule: pagedService };
  } else if (PAGER.test(trimmed)) {
    // "(PagerDuty)", "via PagerDuty": pages the service of the configured routing key.
    contact.pagerDuty = {};
  }
  if (pagerOnly) contact.pagerOnly = true;
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
