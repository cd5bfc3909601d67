// What the console needs to know where it runs, read once at start from /config.json: the local
// gateway answers it, and on AWS it is a file in the console's bucket.
export interface ConsoleConfig {
  /** The OpenID issuer people sign in with (Cognito's user pool, or the local fake). */
  authority: string;
  clientId: string;
  /** True only locally: the resident simulator is there. */
  simulator: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export async function loadConfig(): Promise<ConsoleConfig> {
  let body: unknown;
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new ConfigError(`the console's settings could not be read (HTTP ${response.status})`);
    body = await response.json();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError("the console's settings could not be read: check the connection and reload the page");
  }
  const config = body as Partial<ConsoleConfig>;
  if (typeof config.authority !== 'string' || typeof config.clientId !== 'string') {
    throw new ConfigError("the console's settings are incomplete: they need the sign-in service and the app client");
  }
  return { authority: config.authority, clientId: config.clientId, simulator: config.simulator === true };
}

let loaded: ConsoleConfig | undefined;

/** The configuration read at start (main.tsx keeps it here for the code that loads later). */
export function currentConfig(): ConsoleConfig {
  if (!loaded) throw new ConfigError('the console has not read its settings yet');
  return loaded;
}

export function keepConfig(config: ConsoleConfig): void {
  loaded = config;
}
