import type { CommandHandler } from './command-handler.js';
import { isLead } from './chat-context.js';
import { message } from './message.js';
import { PlanError } from './plan-error.js';

/**
 * `link "Name"` links the asker to a plan member; `link @user "Name"` links someone else and is
 * for leads. A member already linked on this platform can only be re-linked by a lead, so nobody
 * can take over another person's escalations.
 */
export const linkCommand: CommandHandler<'link'> = ({ view, ctx, actor, command, now }) => {
  const wanted = command.args.memberName.replace(/^"|"$/g, '').trim().toLowerCase();
  const member = view.state.members.find((m) => m.displayName.toLowerCase() === wanted || m.key === wanted);
  if (!member) {
    throw new PlanError('member_not_found', `No member "${command.args.memberName}" in ${view.state.plan.name}. Members: ${view.state.members.map((m) => m.displayName).join(', ')}.`);
  }
  const other = command.args.platformUser;
  const lead = isLead(actor);
  if (other !== undefined && !lead) throw new PlanError('forbidden', 'Only leads and sponsors can link someone else.');
  const linked = member.identities.find((i) => i.platform === ctx.actor.platform && i.externalId);
  if (linked && !lead) throw new PlanError('forbidden', `${member.displayName} is already linked; ask a lead to change it.`);
  const externalId = other ?? ctx.actor.userId;
  return {
    reply: message('reply', `Linked ${member.displayName} to this ${ctx.actor.platform} account.`, undefined, { ephemeral: true }),
    effects: [
      { type: 'identity.link', memberId: member.id, platform: ctx.actor.platform, externalId },
      { type: 'audit', planId: view.state.plan.id, actor: actor?.key ?? ctx.actor.userId, action: 'member.link', detail: { member: member.key, platform: ctx.actor.platform }, at: now },
    ],
  };
};
