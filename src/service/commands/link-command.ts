import type { CommandHandler } from './command-handler.js';
import { isLead } from '../read-model/chat-context.js';
import { message } from '../messages/message.js';
import { PlanError } from '../../domain/plan-error.js';

/**
 * `link "Name"` links the asker to a plan member; `link @user "Name"` links someone else and is
 * for leads. A member already linked on this platform can only be re-linked by a lead, so nobody
 * can take over another person's escalations. Claiming a lead or sponsor yourself would hand you
 * their rights (approving re-plans, re-linking others), so that too needs a lead — except while no
 * lead or sponsor is linked on this platform at all, when someone has to be first.
 */
export const linkCommand: CommandHandler<'link'> = ({ view, ctx, actor, command, now }) => {
  const wanted = command.args.memberName.replace(/^"|"$/g, '').trim().toLowerCase();
  const member = view.state.members.find((m) => m.displayName.toLowerCase() === wanted || m.key === wanted);
  if (!member) {
    throw new PlanError(
      'member_not_found',
      `No member "${command.args.memberName}" in ${view.state.plan.name}. Members: ${view.state.members.map((m) => m.displayName).join(', ')}.`,
    );
  }
  const other = command.args.platformUser;
  const lead = isLead(actor);
  if (other !== undefined && !lead) throw new PlanError('forbidden', 'Only leads and sponsors can link someone else.');
  const linked = member.identities.find((i) => i.platform === ctx.actor.platform && i.externalId);
  if (linked && !lead)
    throw new PlanError('forbidden', `${member.displayName} is already linked; ask a lead to change it.`);
  if (!lead && actor && actor.id !== member.id)
    throw new PlanError(
      'forbidden',
      `You are already linked as ${actor.displayName} in ${view.state.plan.name}; ask a lead to change it.`,
    );
  if (
    !lead &&
    isLead(member) &&
    view.state.members.some(
      (m) => isLead(m) && m.identities.some((i) => i.platform === ctx.actor.platform && i.externalId),
    )
  ) {
    throw new PlanError(
      'forbidden',
      `${member.displayName} is a ${member.roles.includes('lead') ? 'lead' : 'sponsor'} of ${view.state.plan.name}, so a lead has to link them: ask one to run \`/plan link @you "${member.displayName}"\`.`,
    );
  }
  const externalId = other ?? ctx.actor.userId;
  return {
    reply: message('reply', `Linked ${member.displayName} to this ${ctx.actor.platform} account.`, undefined, {
      ephemeral: true,
    }),
    effects: [
      { type: 'identity.link', memberId: member.id, platform: ctx.actor.platform, externalId },
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: actor?.key ?? ctx.actor.userId,
        action: 'member.link',
        detail: { member: member.key, platform: ctx.actor.platform },
        at: now,
      },
    ],
  };
};
