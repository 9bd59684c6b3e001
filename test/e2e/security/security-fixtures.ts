import type { WorkspaceRef } from '../../../src/service/read-model/workspace-ref.js';

/** The three workspaces of the security suite: A (the target), B (the prober) and one with a hostile plan. */
export const ALPHA: WorkspaceRef = { platform: 'slack', externalId: 'T0ALPHA', name: 'Alpha' };
export const BETA: WorkspaceRef = { platform: 'slack', externalId: 'T0BETA', name: 'Beta' };
export const EVIL: WorkspaceRef = { platform: 'slack', externalId: 'T0EVIL', name: 'Evil' };
export const ALPHA_CHANNEL = 'C0ALPHA';
export const BETA_CHANNEL = 'C0BETA';
export const EVIL_CHANNEL = 'C0EVIL';
export const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const TENANT = '11111111-1111-4111-8111-111111111111';

// What workspace B must never see of workspace A.
export const ALPHA_PLAN = 'Falcon launch';
export const ALPHA_BLOCKER = 'vendor keys stuck in procurement';

// Plan day 1 is today (UTC), every day a working day: the served planbot runs on real time.
export const today = new Date().toISOString().slice(0, 10);
export const planYaml = (name: string, prefix: string) => `
name: ${name}
timezone: UTC
startDate: ${today}
workingDays: [1, 2, 3, 4, 5, 6, 7]
members:
  - { key: lead, name: ${prefix} Lead, roles: [lead], slackId: U0${prefix}LEAD }
  - { key: dev, name: ${prefix} Dev, roles: [member], slackId: U0${prefix}DEV }
tasks:
  - { key: t1, title: ${prefix} groundwork, owner: dev, day: 1 }
  - { key: t2, title: ${prefix} rollout, owner: dev, day: 3, dependsOn: [t1] }
`;

// Markup and control characters in a title and a member name (escaped in YAML, so they survive parsing).
export const HOSTILE_TITLE =
  '<script>alert(1)</script> <!channel> [click](https://evil.example/x) <https://evil.example|login> \u0007\u001b[2J\u202e';
export const HOSTILE_SUMMARY = '<!everyone> <script>steal()</script> [reset](https://evil.example/r) \u0007';
export const hostileYaml = `
name: Hostile plan
timezone: UTC
startDate: ${today}
workingDays: [1, 2, 3, 4, 5, 6, 7]
members:
  - { key: lead, name: Eve Lead, roles: [lead], slackId: U0EVILLEAD }
  - { key: mal, name: "<!here> Mallory <img src=x onerror=alert(1)> \\a\\e[31m", roles: [member], slackId: U0MAL }
tasks:
  - { key: x1, title: ${JSON.stringify(HOSTILE_TITLE)}, owner: mal, day: 1 }
`;

/** A second plan in workspace A, whose lead must not be able to re-baseline A's plan. */
export const OSPREY_CHANNEL = 'C0OSPREY';
/** A plan in workspace A whose lead and sponsor are linked to nobody yet: seats nobody may claim by saying so. */
export const GULL_CHANNEL = 'C0GULL';
export const gullYaml = `
name: Gull rollout
timezone: UTC
startDate: ${today}
workingDays: [1, 2, 3, 4, 5, 6, 7]
members:
  - { key: lead, name: Gull Lead, roles: [lead] }
  - { key: sponsor, name: Gull Sponsor, roles: [sponsor] }
  - { key: dev, name: Gull Dev, roles: [member] }
tasks:
  - { key: g1, title: Gull groundwork, owner: dev, day: 1 }
`;
