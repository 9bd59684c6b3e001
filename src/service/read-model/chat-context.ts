import type { ChatPlatform } from './platform.js';
import type { MemberState, PlanState } from './plan-state.js';
import type { WorkspaceRef } from './workspace-ref.js';

/** Who is asking, from where. Adapters build it from a verified request; the service trusts nothing else. */
export interface ChatContext {
  workspace: WorkspaceRef;
  /** The conversation the command came from; picks the plan when a workspace runs several. */
  channel?: string;
  /** A surface bound to one plan (the local console's `--plan`): its commands are about that plan. */
  planId?: string;
  actor: {
    platform: ChatPlatform;
    userId: string;
    /**
     * The platform says this user administers the workspace (Slack admin or owner). Asked only
     * where a right depends on it (linking a lead), since asking costs a platform call.
     */
    workspaceAdmin?: boolean;
    /**
     * The IANA zone the user's own client reports (Teams sends `localTimezone` with each
     * activity), for showing times where the plan gives the member no zone.
     */
    zone?: string;
  };
}

/** The member behind a chat user: a linked identity, or (console) the member key itself. */
export function findActor(state: PlanState, actor: ChatContext['actor']): MemberState | undefined {
  return state.members.find((m) =>
    actor.platform === 'console'
      ? m.key === actor.userId
      : m.identities.some((i) => i.platform === actor.platform && i.externalId === actor.userId),
  );
}

export const isLead = (member: MemberState | undefined): boolean =>
  Boolean(member && (member.roles.includes('lead') || member.roles.includes('sponsor')));

/** How a message names a chat user: a Slack mention pings them; other platforms show the id. */
export function mentionUser(actor: ChatContext['actor']): string {
  return actor.platform === 'slack' ? `<@${actor.userId}>` : actor.userId;
}
