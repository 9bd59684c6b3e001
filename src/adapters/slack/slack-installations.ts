/**
 * Where Slack OAuth installs are kept, by team id. The install is Bolt's `Installation`, stored
 * as JSON the store never reads, so the store needs no Slack types and Bolt stays in this adapter.
 */
export interface SlackInstallations {
  /** Stores the team's install, replacing any earlier one; a team name, when Slack gives one, renames the workspace. */
  save(team: { id: string; name?: string | undefined }, install: object): Promise<void>;
  /** The team's install, or null when planbot is not installed there (or was uninstalled). */
  find(teamId: string): Promise<object | null>;
  /** Forgets the team's install; its workspace and plans stay, for a reinstall to pick up. */
  delete(teamId: string): Promise<void>;
  /**
   * Stores again, sealed with the current encryption key, every install that is not (plain JSON
   * from before sealing, or an earlier key's); returns how many. Throws when one cannot be opened.
   */
  resealAll(): Promise<number>;
}
