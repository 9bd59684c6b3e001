/** The Slack teams planbot runs plans in, for work done per team (linking members by email). */
export interface SlackWorkspaces {
  /** Teams with at least one plan that is not archived. */
  withActivePlans(): Promise<{ teamId: string; name: string }[]>;
}
