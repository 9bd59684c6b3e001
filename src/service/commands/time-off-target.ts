import { PlanError } from '../../domain/plan-error.js';
import { isLead, type ChatContext } from '../read-model/chat-context.js';
import type { MemberState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { requireMemberNamed } from './link-command.js';
import { requireMember } from './task-commands.js';

export interface TimeOffTarget {
  member: MemberState;
  /** The asker is setting their own time off. */
  self: boolean;
}

/**
 * Whose time off `away` / `back` is about: the asker's, or (leads and sponsors only) the member a
 * mention or a quoted name points at. The adapter has turned a mention into the platform's user
 * id where it can; a bare `@sam` (the console, an unescaped handle) is read as a member key or name.
 */
export function timeOffTarget(
  view: PlanView,
  ctx: ChatContext,
  actor: MemberState | undefined,
  who: { platformUser?: string | undefined; memberName?: string | undefined },
): TimeOffTarget {
  const named =
    who.memberName !== undefined
      ? requireMemberNamed(view.state, who.memberName)
      : who.platformUser !== undefined
        ? memberByUser(view, ctx, who.platformUser)
        : undefined;
  if (!named || named.id === actor?.id) return { member: requireMember(actor), self: true };
  if (!isLead(actor))
    throw new PlanError(
      'forbidden',
      `Only the plan's leads and sponsors can set someone else's time off; ${named.displayName} can run it themselves.`,
    );
  return { member: named, self: false };
}

function memberByUser(view: PlanView, ctx: ChatContext, user: string): MemberState {
  const linked = view.state.members.find((m) =>
    m.identities.some((i) => i.platform === ctx.actor.platform && (i.externalId === user || i.handle === user)),
  );
  if (linked) return linked;
  const bare = /^@([\w.-]+)$/.exec(user)?.[1]?.toLowerCase();
  const byName = bare
    ? view.state.members.find(
        (m) =>
          m.key === bare ||
          m.displayName.toLowerCase() === bare ||
          m.identities.some((i) => i.handle?.toLowerCase() === bare),
      )
    : undefined;
  if (byName) return byName;
  throw new PlanError(
    'member_not_found',
    `I don't know who ${user} is on ${view.state.plan.name}. Write their name as in the plan, in quotes (e.g. \`away "Sam Jackson" dec 10\`), or link them first with \`/plan link @them "Name"\`.`,
  );
}
