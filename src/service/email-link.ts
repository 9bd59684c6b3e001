import type { ChatContext } from './chat-context.js';
import type { Effect } from './effects.js';
import type { MemberState, PlanState } from './plan-state.js';
import type { PlanStore } from './plan-store.js';

/** What a platform tells us about a chat user: their profile email and the names they go by. */
export interface ChatProfile {
  email?: string;
  /** Slack `name` / display name, Teams user principal name; compared without a leading "@". */
  handles?: string[];
}

export interface LinkedMember {
  planName: string;
  memberName: string;
}

/**
 * Links a chat user to the plan member whose email (or the handle the plan gives them) matches
 * their profile, in every plan of the workspace where they are not linked yet. Adapters call it
 * the first time they see a user, so people who appear in the plan with their work email never
 * have to run `link`. A member already linked to another account is left alone: only a lead can
 * re-link (see link-command.ts), so nobody takes over someone else's escalations by email.
 */
export async function linkChatUser(store: PlanStore, ctx: ChatContext, profile: ChatProfile, now: Date): Promise<LinkedMember[]> {
  const email = profile.email?.trim().toLowerCase();
  const handles = new Set((profile.handles ?? []).map(normalHandle).filter(Boolean));
  if (!email && handles.size === 0) return [];
  const linked: LinkedMember[] = [];
  for (const plan of await store.listPlans(ctx.workspace)) {
    const state = await store.loadPlanState(plan.id);
    const member = matchMember(state, ctx.actor, email, handles);
    if (!member) continue;
    const effects: Effect[] = [
      { type: 'identity.link', memberId: member.id, platform: ctx.actor.platform, externalId: ctx.actor.userId },
      { type: 'audit', planId: state.plan.id, actor: ctx.actor.userId, action: 'member.link', detail: { member: member.key, platform: ctx.actor.platform, by: email ? 'email' : 'handle' }, at: now },
    ];
    await store.apply(effects);
    linked.push({ planName: state.plan.name, memberName: member.displayName });
  }
  return linked;
}

function matchMember(state: PlanState, actor: ChatContext['actor'], email: string | undefined, handles: Set<string>): MemberState | undefined {
  const onPlatform = (m: MemberState) => m.identities.find((i) => i.platform === actor.platform);
  if (state.members.some((m) => onPlatform(m)?.externalId === actor.userId)) return undefined;
  const candidates = state.members.filter((m) => !onPlatform(m)?.externalId);
  const byEmail = email ? candidates.filter((m) => m.email?.toLowerCase() === email) : [];
  if (byEmail.length === 1) return byEmail[0];
  const byHandle = candidates.filter((m) => {
    const handle = onPlatform(m)?.handle;
    return handle !== null && handle !== undefined && handles.has(normalHandle(handle));
  });
  // Two members with one email or handle is a plan mistake; guessing would misroute escalations.
  return byHandle.length === 1 ? byHandle[0] : undefined;
}

function normalHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}
