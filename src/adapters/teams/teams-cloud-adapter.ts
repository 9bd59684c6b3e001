import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';

export interface TeamsAuthSettings {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Microsoft login, where the bot gets its Bot Framework token (MICROSOFT_LOGIN_URL); Microsoft's own when absent. */
  loginUrl?: string;
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
  processParsed(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createCloudAdapter(settings: TeamsAuthSettings): PlanbotCloudAdapter {
  const appId = settings.appId.trim();
  if (appId === '' && !settings.allowEmptyAppId) {
    // botbuilder skips every token check when the app id is empty: anyone could post as Teams.
    throw new Error(
      "Teams is enabled but MICROSOFT_APP_ID is empty; set the bot's app id (an empty id turns off request authentication).",
    );
  }
  if (settings.appType === 'SingleTenant' && !settings.tenantId) {
    throw new Error(
      'MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID (the tenant the bot is registered in).',
    );
  }
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppType: settings.appType,
      ...(settings.appPassword !== undefined ? { MicrosoftAppPassword: settings.appPassword } : {}),
      ...(settings.tenantId !== undefined ? { MicrosoftAppTenantId: settings.tenantId } : {}),
    },
    loginCredentials(appId, settings),
  );
  return new PlanbotCloudAdapter(auth);
}

const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';
/** The authority tenant of a multi-tenant bot's token (botbuilder's DefaultChannelAuthTenant). */
const MULTI_TENANT_AUTHORITY = 'botframework.com';

/**
 * Bot Framework tokens from another login host than Microsoft's (a sovereign or private cloud, or
 * the fault suite's fake). botbuilder's own way, its `ToChannelFromBotLoginUrl` setting, is not
 * used: setting it switches every other endpoint (token issuer, OpenID metadata for inbound
 * requests) to "unset" unless all are given, and the MSAL client it builds asks
 * login.microsoftonline.com's instance discovery whether the host is trusted, so it cannot work
 * offline. Here MSAL is told the host is known, and fetches only that host's OpenID
 * configuration and token endpoint. Microsoft's own login keeps botbuilder's default path.
 */
function loginCredentials(appId: string, settings: TeamsAuthSettings): MsalServiceClientCredentialsFactory | undefined {
  const loginUrl = settings.loginUrl?.replace(/\/+$/, '');
  if (loginUrl === undefined || loginUrl.toLowerCase() === MICROSOFT_LOGIN) return undefined;
  if (!/^https:\/\//i.test(loginUrl)) {
    // MSAL refuses a plain-http authority; say so at start rather than on the first message.
    throw new Error(
      `MICROSOFT_LOGIN_URL must be an https URL (Microsoft's login library refuses others), got ${loginUrl}.`,
    );
  }
  if (settings.appType === 'UserAssignedMSI') {
    throw new Error(
      'MICROSOFT_LOGIN_URL is set, but a UserAssignedMSI bot gets its token from the managed identity endpoint, not a login URL; unset MICROSOFT_LOGIN_URL.',
    );
  }
  if (!settings.appPassword)
    throw new Error(
      'MICROSOFT_LOGIN_URL is set but MICROSOFT_APP_PASSWORD is not; the bot needs its client secret to get a token there.',
    );
  const tenant = settings.appType === 'SingleTenant' && settings.tenantId ? settings.tenantId : MULTI_TENANT_AUTHORITY;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: appId,
      clientSecret: settings.appPassword,
      authority: `${loginUrl}/${tenant}`,
      knownAuthorities: [new URL(loginUrl).host],
    },
  });
  // The connector's declaration names MSAL's CommonJS build of the class, this import its ESM
  // build: the same class, with private fields TypeScript cannot match across the two.
  return new MsalServiceClientCredentialsFactory(
    appId,
    msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1],
  );
}
