import type { DeliveryPlatform } from '../read-model/platform.js';

/**
 * Why a message for a workspace planbot was uninstalled from is parked, as an operator reads it
 * in `outbox_message.last_error`. The workspace's plans resume on reinstall; parked messages stay parked.
 */
export function uninstalledReason(platform: DeliveryPlatform): string {
  const where =
    platform === 'teams' ? 'this Teams team' : platform === 'slack' ? 'this Slack workspace' : 'its workspace';
  return `workspace_uninstalled: planbot was uninstalled from ${where} (or its bot token was revoked); reinstall planbot there to resume the workspace's plans`;
}
