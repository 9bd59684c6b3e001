import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SlackInstallations } from './slack-installations.js';

/**
 * Bolt's OAuth installations, kept on the workspace row (`install`), so every replica sees a
 * new install at once and the Slack sender finds the team's bot token by team id. Enterprise
 * Grid org-wide installs are not supported: planbot's plans live in one team.
 */
export class SlackInstallationStore implements InstallationStore {
  constructor(private readonly installations: SlackInstallations) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const team = installation.team;
    if (!team)
      throw new Error('Org-wide (Enterprise Grid) installs are not supported; install planbot into a workspace.');
    await this.installations.save(team, installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const install = query.teamId ? await this.find(query.teamId) : undefined;
    if (!install)
      throw new Error(
        `planbot is not installed in Slack workspace ${query.teamId ?? '(no team)'}; install it from /slack/install.`,
      );
    return install;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (!query.teamId) return;
    await this.installations.delete(query.teamId);
  }

  /** The bot token of a team's install, for the sender. */
  async botToken(teamId: string): Promise<string | undefined> {
    return (await this.find(teamId))?.bot?.token;
  }

  private async find(teamId: string): Promise<Installation | undefined> {
    // Stored by storeInstallation above, so the JSON is an Installation.
    return ((await this.installations.find(teamId)) ?? undefined) as Installation | undefined;
  }
}
