/**
 * Where Slack OAuth installs are kept, by team id. The install is Bolt's `Installation`, stored
 * as JSON the store never reads, so the store needs no Slack types and Bolt stays in this adapter.
 */
export interface SlackInstallations {
  /**
   * Stores the team's install, replacing any earlier one; a team name, when Slack gives one, renames
   * the workspace. A reinstall after an uninstall clears the mark, so the team's plans resume.
   */
  save(team: { id: string; name?: string | undefined }, install: object): Promise<void>;
  /** The team's install, or null when planbot is not installed there (or was uninstalled). */
  find(teamId: string): Promise<object | null>;
  /** Forgets the team's install; its workspace and plans stay, for a reinstall to pick up. */
  delete(teamId: string): Promise<void>;
  /**
   * planbot was uninstalled from the team or its bot token revoked. In one transaction: forgets the
   * install, marks the workspace uninstalled from `at` (its plans stop firing until a reinstall) and
   * parks every message still queued for it with `reason`. Returns how many were parked, or null when
   * planbot has no workspace for the team (nothing to do).
   */
  uninstalled(teamId: string, at: Date, reason: string): Promise<{ parked: number } | null>;
  /** The team has planbot installed again without an OAuth install (a bot token that works): its plans resume. */
  reinstalled(teamId: string): Promise<void>;
  /** Teams whose workspace is marked uninstalled. */
  uninstalledTeams(): Promise<string[]>;
  /**
   * Stores again, sealed with the current encryption key, every install that is not (plain JSON
   * from before sealing, or an earlier key's); returns how many. Throws when one cannot be opened.
   */
  resealAll(): Promise<number>;
}
