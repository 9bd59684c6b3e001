import type { PlanLadderTier } from '../../plan-schema.js';
import { memberKey } from '../../member-match.js';
import type { DocumentBlocks } from '../document-blocks.js';
import type { ImportContext } from '../import-context.js';
import { textOf } from '../markdown-tree.js';
import { sentencesOf } from '../prose-text.js';

// An on-call page written as prose: who is paged first, who next, and who last. Each pattern
// names a rung people use for on-call chains, whatever the team calls its rota.
const ESCALATION = /escalat|\bpaged\b|\bphoned\b|on-?call|backup schedule/i;
const FIRST =
  /\b(primary(?:\s+on-?call)?|first responder|(?:the\s+)?(?:person|engineer)\s+(?:who\s+is\s+)?(?:on-?call|paged))\b/i;
const NEXT =
  /\b(backup(?:\s+on-?call)?|secondary(?:\s+on-?call)?|next\s+(?:person|on-?call)(?:\s+on\s+(?:the|your)\s+shift)?)\b/i;
const LAST =
  /\b(?:third level[^.]{0,80}?\b(?:be|is)\s+(?:probably\s+)?(?:your|the)\s+([a-z ]{2,30}?team)\b|(?:final|last)\s+escalation\s+(?:will\s+be\s+|is\s+)?to\s+(?:an?\s+|the\s+)?([^,;]{3,60}?)(?=\s+who\b|[,;]|\.\s|\.$|$)|(tertiary(?:\s+on-?call)?))/i;
const TIMEOUT = /\bescalation\s+(?:timeout|happens|delay)[^.]{0,40}?\b(\d{1,3})\s?(minutes?|mins?|hours?|hrs?)\b/i;

interface Rung {
  name: string;
  line: number;
}

/**
 * Reads "primary → backup → entire team" chains from prose when the document has no ladder
 * written as contacts. A later rung implies the first ("the next person being phoned" means
 * someone was phoned first: the on-call). Returns the tiers whose delay the text stated.
 */
export function readEscalationChain(ctx: ImportContext, doc: DocumentBlocks): Set<PlanLadderTier> {
  const stated = new Set<PlanLadderTier>();
  if (ctx.ladder.length > 0) return stated;
  let first: Rung | undefined;
  let next: Rung | undefined;
  let last: Rung | undefined;
  let timeout: number | undefined;
  for (const block of doc.blocks) {
    const nodes = block.node.type === 'list' ? block.node.children : [block.node];
    for (const node of nodes) {
      const line = node.position?.start.line ?? block.line;
      for (const sentence of sentencesOf(textOf(node))) {
        if (!ESCALATION.test(sentence)) continue;
        const minutes = TIMEOUT.exec(sentence);
        if (minutes && timeout === undefined) timeout = Number(minutes[1]) * (/^h/i.test(minutes[2] ?? '') ? 60 : 1);
        const f = FIRST.exec(sentence)?.[1];
        if (f && !first) first = { name: f, line };
        const n = NEXT.exec(sentence)?.[1];
        if (n && !next) next = { name: n, line };
        const l = LAST.exec(sentence);
        const lastName = l?.[1] ?? l?.[2] ?? l?.[3];
        if (lastName && !last) last = { name: lastName, line };
      }
    }
  }
  if (!next && !last) return stated;
  first ??= { name: 'on-call', line: (next ?? last)?.line ?? 1 };
  const rungs = [first, next, last].filter((r): r is Rung => r !== undefined);
  if (rungs.length < 2) return stated;
  rungs.forEach((rung, index) => {
    const name = capitalise(rung.name.replace(/^(?:the|a|an)\s+/i, '').trim());
    const member = ctx.members.declare(name, { roles: index < 2 ? ['on-call'] : ['member'] }, rung.line);
    const tier: PlanLadderTier = {
      label: `Tier ${index + 1}`,
      target: { kind: 'member', member: memberKey(member) },
      delayMinutes: index === 0 ? 0 : (timeout ?? 0),
      businessHours: false,
    };
    ctx.ladder.push({ value: tier, line: rung.line });
    if (index === 0 || timeout !== undefined) stated.add(tier);
  });
  return stated;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
