import { splitOwnerText } from '../member-match.js';
import type { MemberRole } from '../plan-schema.js';
import type { DocumentBlocks, HeadingInfo } from './document-blocks.js';
import type { ImportContext, TeamInfo } from './import-context.js';
import { labelledFields, leadParagraph } from './labelled-fields.js';
import { textOf } from './markdown-tree.js';
import { sectionContext } from './section-context.js';

const PERSON_LABEL =
  /^((division|project|program|delivery|engineering|plan|team) )?(lead|owner|dri)$|^(executive )?sponsor$|^on[- ]?call$/;

/**
 * Reads who leads what before any task is placed: "**Division Lead:** CTO", team sections with
 * "**Team Lead:**" and their "Key Roles" lists, so owners of week sections can be found later.
 */
export function readTeamRoster(ctx: ImportContext, doc: DocumentBlocks): void {
  const teams = new Map<HeadingInfo, TeamInfo>();
  for (const heading of doc.headings) {
    if (heading.kind.kind === 'team' && sectionContext([heading]).team) {
      const team: TeamInfo = { name: heading.kind.name, aliases: [] };
      const abbreviation = /\(([^()]+)\)/.exec(heading.kind.name)?.[1];
      if (abbreviation) team.aliases.push(abbreviation);
      teams.set(heading, team);
      ctx.teams.push(team);
    }
  }
  let rolesFor: TeamInfo | undefined;
  for (const block of doc.blocks) {
    const context = sectionContext(block.headings);
    const team = context.team ? teams.get(context.team) : undefined;
    if (block.node.type === 'list' && rolesFor && team === rolesFor) {
      for (const item of block.node.children) {
        rolesFor.aliases.push(textOf(item).split(/[(:]/)[0]?.trim() ?? '');
        ctx.consume(item);
      }
      rolesFor = undefined;
      continue;
    }
    rolesFor = undefined;
    const paragraph = leadParagraph(block.node);
    if (!paragraph || context.stream || context.role || context.task || context.week !== undefined) continue;
    for (const field of labelledFields(paragraph)) {
      if (team && field.label === 'team lead') {
        const { name, title } = splitOwnerText(field.value);
        const member = ctx.members.declare(name, { title: title ?? 'Team Lead', roles: ['lead'] }, field.line);
        team.lead = member.key;
        ctx.consume(block.node);
      } else if (team && /^(initial |team )?size$/.test(field.label)) {
        ctx.consume(block.node);
      } else if (team && field.label === 'key roles') {
        rolesFor = team;
        ctx.consume(block.node);
      } else if (PERSON_LABEL.test(field.label) && field.value !== '') {
        declarePerson(ctx, field.label, field.value, field.line);
        ctx.consume(block.node);
      }
    }
  }
}

function declarePerson(ctx: ImportContext, label: string, value: string, line: number): void {
  const { name, title } = splitOwnerText(value);
  const roles: MemberRole[] = /sponsor/.test(label) ? ['sponsor'] : /on[- ]?call/.test(label) ? ['on-call'] : ['lead'];
  const labelTitle = label.replace(/\b\w/g, (c) => c.toUpperCase());
  const member = ctx.members.declare(name, { title: title ?? labelTitle, roles }, line);
  if (ctx.divisionLead === undefined && roles.includes('lead')) ctx.divisionLead = member.key;
}
