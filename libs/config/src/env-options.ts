import type { TSchema } from 'typebox';

/** Options a property of a configuration schema may carry besides the JSON Schema keywords. */
export interface EnvOptions {
  /** Environment variable read for this property; the property's own key when absent. */
  env?: string;
  /** Variable read when `env` is unset, e.g. `DATABASE_URL` behind a service's own database URL. */
  fallbackEnv?: string;
  /** Marks the value as confidential: error messages and redacted copies never show it. */
  secret?: boolean;
  /** URL schemes the value must use, with their colon (`nats:`); makes the property a URL. */
  protocols?: readonly string[];
  /** With `protocols`: the value may list several URLs separated by commas, such as the nodes of a cluster. */
  urlList?: boolean;
}

/** A property schema with the environment options read by `loadConfig`. */
export type EnvPropertySchema = TSchema & EnvOptions & Record<string, unknown>;

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

/** Returns the environment variable a property is read from. */
export function envName(key: string, schema: EnvPropertySchema): string {
  return schema.env ?? key;
}

/** Returns true when a URL carries a user name or password. */
export function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/**
 * Decides whether a variable's value must stay hidden: marked `secret`, named like a secret
 * (PASSWORD, SECRET, TOKEN, KEY), or a URL with credentials in it.
 */
export function isSecret(name: string, schema: EnvPropertySchema, value: unknown): boolean {
  if (schema.secret === true) return true;
  if (SECRET_NAME.test(name)) return true;
  return typeof value === 'string' && hasCredentials(value);
}
