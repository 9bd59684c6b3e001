import type { PlanLadderTier } from '../plan-schema.js';
import { memberKey } from '../member-match.js';
import type { Block, DocumentBlocks } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';
import { parseContactText, tierRank } from './contact-text.js';

const ESCALATION_WORDS = /escalat|contact|on-?call|pager/i;

/**
 * Escalation contacts ("**Primary:** Sam Jackson — Project Lead (Slack `@sam`)") become members
 * and ladder tiers. Delays come later from the prose ("if unresolved within 4 hours").
 */
export function readEscalationContacts(ctx: ImportContext, doc: DocumentBlocks): void {
  const tiers: { rank: number; tier: PlanLadderTier; line: number }[] = [];
  doc.blocks.forEach((block, index) => {
    const previous = doc.blocks[index - 1];
    if (block.node.type !== 'list' || !aboutEscalation(block, previous)) return;
    const before = tiers.length;
    for (const item of block.node.children) {
      const paragraph = leadParagraph(item);
      const field = paragraph ? labelledFields(paragraph)[0] : undefined;
      const rank = field ? tierRank(field.label) : undefined;
      if (!field || rank === undefined || field.value === '') continue;
      const contact = parseContactText(field.value);
      if (contact.pagerOnly) {
        const tier: PlanLadderTier = {
          label: labelOf(field.label),
          target: { kind: 'pagerduty', ...contact.pagerDuty },
          delayMinutes: 0,
          businessHours: false,
        };
        tiers.push({ rank, tier, line: field.line });
        ctx.consume(item);
        continue;
      }
      const member = ctx.members.declare(
        contact.name,
        {
          ...(contact.title ? { title: contact.title } : {}),
          ...(contact.email ? { email: contact.email } : {}),
          ...(contact.slackHandle ? { slackHandle: contact.slackHandle } : {}),
        },
        field.line,
      );
      const target: PlanLadderTier['target'] = contact.pagerDuty
        ? { kind: 'pagerduty', ...contact.pagerDuty, member: memberKey(member) }
        : { kind: 'member', member: memberKey(member) };
      const tier: PlanLadderTier = { label: labelOf(field.label), target, delayMinutes: 0, businessHours: false };
      if (contact.channel) tier.channel = contact.channel;
      tiers.push({ rank, tier, line: field.line });
      ctx.consume(item);
    }
    if (tiers.length > before && previous?.node.type === 'paragraph' && textOf(previous.node).endsWith(':')) {
      ctx.consume(previous.node);
    }
  });
  tiers.sort((a, b) => a.rank - b.rank);
  for (const { tier, line } of tiers) ctx.ladder.push({ value: tier, line });
}

const labelOf = (label: string): string => label.replace(/\b\w/g, (c) => c.toUpperCase());

function aboutEscalation(block: Block, previous: Block | undefined): boolean {
  if (block.headings.some((heading) => ESCALATION_WORDS.test(heading.text))) return true;
  if (previous?.node.type === 'paragraph' && ESCALATION_WORDS.test(textOf(previous.node))) {
    return true;
  }
  return false;
}
