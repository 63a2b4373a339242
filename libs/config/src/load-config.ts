import { Value } from 'typebox/value';

import type { Static, TObject } from 'typebox';

import { coerceValue } from './coerce';
import { ConfigError } from './config-error';
import { describeExpectation } from './describe-expectation';
import { envName, isSecret } from './env-options';

import type { ConfigIssue } from './config-error';
import type { EnvPropertySchema } from './env-options';

type Environment = Record<string, string | undefined>;

/**
 * Parses a service's configuration from the environment: reads each property's variable (or its
 * fallback), converts numbers, booleans and lists, applies defaults and validates. Raises one
 * `ConfigError` naming every missing or invalid variable; values of secret variables never appear.
 */
export function loadConfig<T extends TObject>(schema: T, env: Environment = process.env): Static<T> {
  const required = new Set<string>((schema['required'] as string[] | undefined) ?? []);
  const config: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];

  for (const [key, property] of Object.entries(schema.properties as Record<string, EnvPropertySchema>)) {
    const result = readProperty(key, property, env, required.has(key));
    if ('issue' in result) issues.push(result.issue);
    else if (result.value !== undefined) config[key] = result.value;
  }

  if (issues.length > 0) throw new ConfigError(issues);
  return config as Static<T>;
}

type PropertyResult = { value: unknown } | { issue: ConfigIssue };

function readProperty(
  key: string,
  schema: EnvPropertySchema,
  env: Environment,
  required: boolean,
): PropertyResult {
  const { name, raw } = readVariable(key, schema, env);

  if (raw === undefined) {
    if (schema['default'] !== undefined) return { value: structuredClone(schema['default']) };
    if (!required) return { value: undefined };
    return {
      issue: { variable: name, problem: 'is missing', hint: fixHint(name, envName(key, schema), schema) },
    };
  }

  const value = coerceValue(raw, schema);
  if (Value.Check(schema, value) && hasAllowedProtocol(value, schema)) return { value };

  const shown = isSecret(name, schema, raw) ? '' : ` (got ${JSON.stringify(raw)})`;
  const problem = `${describeExpectation(schema)}${shown}`;
  return { issue: { variable: name, problem, hint: fixHint(name, envName(key, schema), schema) } };
}

/** Reads the property's variable, then its fallback; an empty value counts as unset. */
function readVariable(key: string, schema: EnvPropertySchema, env: Environment) {
  const primary = envName(key, schema);
  const fallback = schema.fallbackEnv;
  if (nonEmpty(env[primary])) return { name: primary, raw: env[primary] };
  if (fallback && nonEmpty(env[fallback])) return { name: fallback, raw: env[fallback] };
  return { name: primary, raw: undefined };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function hasAllowedProtocol(value: unknown, schema: EnvPropertySchema): boolean {
  const protocols = schema.protocols;
  if (!protocols) return true;
  if (typeof value !== 'string') return false;
  const urls = schema.urlList ? value.split(',').map((url) => url.trim()) : [value];
  return urls.every((url) => URL.canParse(url) && protocols.includes(new URL(url).protocol));
}

/** Names the variable to set, and the other one of a primary/fallback pair, which also works. */
function fixHint(name: string, primary: string, schema: EnvPropertySchema): string {
  const other = name === schema.fallbackEnv ? primary : schema.fallbackEnv;
  const target = other ? `${name} (or ${other})` : name;
  const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
  return description ? `Set ${target}: ${description}.` : `Set ${target}.`;
}
