import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

export interface TeamsAuthSettings {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Tests only: botbuilder treats an empty app id as "authentication disabled". */
  allowEmptyAppId?: boolean;
}

/**
 * CloudAdapter with one extra door: the route hands it an activity it has already read and
 * parsed, and gets the authentication error back instead of CloudAdapter.process's own answer.
 * `process` turns a forged signature into a 500 and prints stack traces to the console; the
 * route answers 401 for every token problem and logs through pino.
 */
export class PlanbotCloudAdapter extends CloudAdapter {
  processParsed(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createCloudAdapter(settings: TeamsAuthSettings): PlanbotCloudAdapter {
  const appId = settings.appId.trim();
  if (appId === '' && !settings.allowEmptyAppId) {
    // botbuilder skips every token check when the app id is empty: anyone could post as Teams.
    throw new Error('Teams is enabled but MICROSOFT_APP_ID is empty; set the bot\'s app id (an empty id turns off request authentication).');
  }
  if (settings.appType === 'SingleTenant' && !settings.tenantId) {
    throw new Error('MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID (the tenant the bot is registered in).');
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppType: settings.appType,
    ...(settings.appPassword !== undefined ? { MicrosoftAppPassword: settings.appPassword } : {}),
    ...(settings.tenantId !== undefined ? { MicrosoftAppTenantId: settings.tenantId } : {}),
  });
  return new PlanbotCloudAdapter(auth);
}
