import type { CommandHandler } from './command-handler.js';
import { isLead, mentionUser, type ChatContext } from '../read-model/chat-context.js';
import type { Effect } from '../effects.js';
import type { MemberState, PlanState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { message } from '../messages/message.js';
import { directMessage } from '../messages/outbox-drafts.js';
import { PlanError } from '../../domain/plan-error.js';

/**
 * `link "Name"` links the asker to a plan member; `link @user "Name"` links someone else and is
 * for leads and workspace admins. A seat with rights — a lead or sponsor approves re-plans and
 * re-links others — is never claimed by saying so: it is linked by a verified fact (the email or
 * chat id in the plan) or by a lead or admin. A plain member may link themselves, but the plan's
 * leads are told, so a wrong claim is seen and undone. A member already linked on this platform
 * can only be re-linked by a lead, so nobody can take over another person's escalations.
 */
export const linkCommand: CommandHandler<'link'> = ({ view, ctx, actor, command, now }) => {
  const member = requireMemberNamed(view.state, command.args.memberName);
  const other = command.args.platformUser;
  const mayLinkOthers = isLead(actor) || ctx.actor.workspaceAdmin === true;
  if (!mayLinkOthers) {
    if (other !== undefined)
      throw new PlanError('forbidden', 'Only leads, sponsors and workspace admins can link someone else.');
    if (member.identities.some((i) => i.platform === ctx.actor.platform && i.externalId))
      throw new PlanError('forbidden', `${member.displayName} is already linked; ask a lead to change it.`);
    if (actor && actor.id !== member.id)
      throw new PlanError(
        'forbidden',
        `You are already linked as ${actor.displayName} in ${view.state.plan.name}; ask a lead to change it.`,
      );
    if (isLead(member))
      throw new PlanError(
        'forbidden',
        `${member.displayName} is a ${member.roles.includes('lead') ? 'lead' : 'sponsor'} of ${view.state.plan.name}: that seat is linked by the email or chat id the plan gives, or by a lead or workspace admin. Ask one to run \`/plan link @you "${member.displayName}"\`.`,
      );
  }
  const externalId = other ?? ctx.actor.userId;
  const effects: Effect[] = [
    { type: 'identity.link', memberId: member.id, platform: ctx.actor.platform, externalId },
    {
      type: 'audit',
      planId: view.state.plan.id,
      actor: actor?.key ?? ctx.actor.userId,
      action: 'member.link',
      detail: { member: member.key, platform: ctx.actor.platform, by: mayLinkOthers ? 'lead' : 'self' },
      at: now,
    },
  ];
  if (!mayLinkOthers) effects.push(...tellLeadsOfSelfLink(view, ctx.actor, member, now));
  return {
    reply: message('reply', `Linked ${member.displayName} to this ${ctx.actor.platform} account.`, undefined, {
      ephemeral: true,
    }),
    effects,
  };
};

/** The member a name as in the plan (or a member key) names; member_not_found lists who there is. */
export function requireMemberNamed(state: PlanState, name: string): MemberState {
  const wanted = name.replace(/^"|"$/g, '').trim().toLowerCase();
  const member = state.members.find((m) => m.displayName.toLowerCase() === wanted || m.key === wanted);
  if (!member)
    throw new PlanError(
      'member_not_found',
      `No member "${name}" in ${state.plan.name}. Members: ${state.members.map((m) => `${m.displayName} (${m.key})`).join(', ')}.`,
    );
  return member;
}

/** A self-link is taken on the asker's word, so the people who can undo it hear of it at once. */
function tellLeadsOfSelfLink(view: PlanView, asker: ChatContext['actor'], member: MemberState, now: Date): Effect[] {
  const who = mentionUser(asker);
  const text = `${who} linked themselves as ${member.displayName} in ${view.state.plan.name}. If that is not ${member.displayName}, link the right account with \`/plan link @them "${member.displayName}"\`.`;
  const key = `self-link:${member.id}:${asker.platform}:${asker.userId}`;
  return view.leads().map((lead) => directMessage(view.state, lead, key, message('reply', text), now));
}
