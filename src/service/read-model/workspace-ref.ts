import type { ChatPlatform } from './platform.js';

/** Which chat tenant a plan belongs to; every query is scoped to one. */
export interface WorkspaceRef {
  platform: ChatPlatform;
  externalId: string;
  name: string;
}

/** The workspace of plans imported from the command line and run in the local console. */
export const consoleWorkspace: WorkspaceRef = { platform: 'console', externalId: 'local', name: 'Local console' };
