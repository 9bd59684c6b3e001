/** A chat platform planbot talks to people on; `console` is the local one. */
export type ChatPlatform = 'slack' | 'teams' | 'console';

/** Where a queued message can go: a chat platform, or PagerDuty (events, not messages). */
export type DeliveryPlatform = ChatPlatform | 'pagerduty';
