import { envName, isSecret } from './env-options';

import type { TObject } from 'typebox';

import type { EnvPropertySchema } from './env-options';

/** Placeholder shown instead of a secret value. */
export const REDACTED = '[redacted]';

/** Returns a copy of a loaded configuration that is safe to log: secret values are replaced. */
export function redactConfig<T extends Record<string, unknown>>(
  schema: TObject,
  config: T,
): Record<string, unknown> {
  const properties = schema.properties as Record<string, EnvPropertySchema>;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const property = properties[key];
    const secret = property ? isSecret(envName(key, property), property, value) : true;
    copy[key] = secret ? REDACTED : value;
  }
  return copy;
}
