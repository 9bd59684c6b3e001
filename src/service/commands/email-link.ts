import { findActor, mentionUser, type ChatContext } from '../read-model/chat-context.js';
import type { Clock } from '../ports/clock.js';
import type { Effect } from '../effects.js';
import type { MemberState, PlanState } from '../read-model/plan-state.js';
import type { PlanStore } from '../ports/plan-store.js';
import { message } from '../messages/message.js';
import { directMessage } from '../messages/outbox-drafts.js';
import { PlanView } from '../read-model/plan-view.js';

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
 * Links a chat user to the plan member whose email matches their profile, in every plan of the
 * workspace where they are not linked yet. Adapters call it the first time they see a user, so
 * people who appear in the plan with their work email never have to run `link`. Only the email
 * (which the platform verified) links: a handle or display name is something anyone can set
 * on their own profile, so a match by handle only suggests the link to the plan's leads, who
 * confirm it with `link @user "Name"`. A member already linked to another account is left alone:
 * only a lead can re-link (see link-command.ts).
 */
export async function linkChatUser(
  store: PlanStore,
  ctx: ChatContext,
  profile: ChatProfile,
  now: Date,
): Promise<LinkedMember[]> {
  const email = profile.email?.trim().toLowerCase();
  const handles = new Set((profile.handles ?? []).map(normalHandle).filter(Boolean));
  if (!email && handles.size === 0) return [];
  const linked: LinkedMember[] = [];
  for (const plan of await store.listPlans(ctx.workspace)) {
    const state = await store.loadPlanState(plan.id, plan.stamp);
    const match = matchMember(state, ctx.actor, email, handles);
    if (!match) continue;
    if (match.by === 'handle') {
      await store.apply(suggestLink(state, ctx.actor, match.member, now));
      continue;
    }
    const member = match.member;
    const effects: Effect[] = [
      { type: 'identity.link', memberId: member.id, platform: ctx.actor.platform, externalId: ctx.actor.userId },
      {
        type: 'audit',
        planId: state.plan.id,
        actor: ctx.actor.userId,
        action: 'member.link',
        detail: { member: member.key, platform: ctx.actor.platform, by: 'email' },
        at: now,
      },
    ];
    await store.apply(effects);
    linked.push({ planName: state.plan.name, memberName: member.displayName });
  }
  return linked;
}

function matchMember(
  state: PlanState,
  actor: ChatContext['actor'],
  email: string | undefined,
  handles: Set<string>,
): { member: MemberState; by: 'email' | 'handle' } | undefined {
  const onPlatform = (m: MemberState) => m.identities.find((i) => i.platform === actor.platform);
  if (state.members.some((m) => onPlatform(m)?.externalId === actor.userId)) return undefined;
  const candidates = state.members.filter((m) => !onPlatform(m)?.externalId);
  const byEmail = email ? candidates.filter((m) => m.email?.toLowerCase() === email) : [];
  if (byEmail.length === 1) return { member: byEmail[0]!, by: 'email' };
  const byHandle = candidates.filter((m) => {
    const handle = onPlatform(m)?.handle;
    return handle !== null && handle !== undefined && handles.has(normalHandle(handle));
  });
  // Two members with one email or handle is a plan mistake; guessing would misroute escalations.
  return byHandle.length === 1 ? { member: byHandle[0]!, by: 'handle' } : undefined;
}

/** Tells the plan's leads (once per user and member) who seems to be whom, and how to confirm it. */
function suggestLink(state: PlanState, actor: ChatContext['actor'], member: MemberState, now: Date): Effect[] {
  const who = mentionUser(actor);
  const text = `${who} goes by the handle the plan gives ${member.displayName}. If that is them, link them with \`/plan link ${who} "${member.displayName}"\`; a handle anyone can set is not proof enough to do it for you.`;
  const key = `link-suggestion:${member.id}:${actor.platform}:${actor.userId}`;
  return [
    ...PlanView.of(state)
      .leads()
      .map((lead) => directMessage(state, lead, key, message('reply', text), now)),
    {
      type: 'audit',
      planId: state.plan.id,
      actor: actor.userId,
      action: 'member.link_suggested',
      detail: { member: member.key, platform: actor.platform },
      at: now,
    },
  ];
}

function normalHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/**
 * Links every plan member of a workspace who has an email in the plan but no account on the
 * workspace's platform, by asking the platform's directory (Slack `users.lookupByEmail`). Run
 * after an import and at start-up, so a sponsor who never types a command still gets the
 * escalation DMs meant for them. Returns how many were linked; unknown emails are skipped.
 */
export async function linkMembersFromDirectory(
  store: PlanStore,
  workspace: ChatContext['workspace'],
  lookup: (email: string) => Promise<string | undefined>,
  now: Date,
): Promise<number> {
  let linked = 0;
  const platform = workspace.platform;
  for (const plan of await store.listPlans(workspace)) {
    const state = await store.loadPlanState(plan.id, plan.stamp);
    const taken = new Set(
      state.members.flatMap((m) =>
        m.identities.filter((i) => i.platform === platform && i.externalId).map((i) => i.externalId),
      ),
    );
    const effects: Effect[] = [];
    for (const member of state.members) {
      if (!member.email || member.identities.some((i) => i.platform === platform && i.externalId)) continue;
      const externalId = await lookup(member.email);
      if (!externalId || taken.has(externalId)) continue;
      taken.add(externalId);
      effects.push(
        { type: 'identity.link', memberId: member.id, platform, externalId },
        {
          type: 'audit',
          planId: state.plan.id,
          actor: 'planbot',
          action: 'member.link',
          detail: { member: member.key, platform, by: 'directory' },
          at: now,
        },
      );
    }
    if (effects.length > 0) await store.apply(effects);
    linked += effects.length / 2;
  }
  return linked;
}

// A user whose profile matched nobody is asked again only after this long, not on every message.
const RETRY_AFTER_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

/**
 * Links chat users the first time they talk to planbot, for every adapter: a user already linked
 * costs a look at the (cached) plan states once per process, an unknown one is looked up on the
 * platform (`readProfile`) at most once an hour. A platform that cannot tell who the user is only
 * means they run `link` themselves.
 */
export class FirstContactLinker {
  private readonly linked = new Set<string>();
  private readonly tried = new Map<string, number>();

  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  async link(ctx: ChatContext, readProfile: () => Promise<ChatProfile | undefined>): Promise<LinkedMember[]> {
    const key = `${ctx.workspace.platform}:${ctx.workspace.externalId}:${ctx.actor.userId}`;
    if (this.linked.has(key)) return [];
    const now = this.clock.now();
    const last = this.tried.get(key);
    if (last !== undefined && now.getTime() - last < RETRY_AFTER_MS) return [];
    if (await this.isLinked(ctx)) {
      this.linked.add(key);
      return [];
    }
    // Bounded: a tenant of thousands of unmatched users must not grow the process without limit.
    if (this.tried.size >= MAX_REMEMBERED) this.tried.clear();
    this.tried.set(key, now.getTime());
    const profile = await readProfile();
    if (!profile) return [];
    const result = await linkChatUser(this.store, ctx, profile, now);
    if (result.length > 0) {
      this.tried.delete(key);
      this.linked.add(key);
    }
    return result;
  }

  private async isLinked(ctx: ChatContext): Promise<boolean> {
    for (const plan of await this.store.listPlans(ctx.workspace)) {
      if (findActor(await this.store.loadPlanState(plan.id, plan.stamp), ctx.actor)) return true;
    }
    return false;
  }
}
