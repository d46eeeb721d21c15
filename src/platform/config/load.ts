import { readFileSync } from 'node:fs';
import { checkConfig } from './check.ts';
import { ConfigSchema, type Config } from './schema.ts';

const defaultsUrl = new URL('../../../config/defaults.json', import.meta.url);

/** A setting that cannot be used; the message names the variable so the operator can fix it. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.variable = variable;
  }
}

/** Env strings to typed values, guided by the schema (numbers and booleans are the only coercions). */
function coerce(name: string, raw: string): unknown {
  const prop = (ConfigSchema.properties as Record<string, { type?: string }>)[name];
  const type = prop?.type;
  if (type === 'integer' || type === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new ConfigError(name, `must be a number, got "${raw}"`);
    return n;
  }
  if (type === 'boolean') {
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }
  return raw;
}

/** Reads config/defaults.json, overlays the environment (and overrides), validates the result. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const defaults = JSON.parse(readFileSync(defaultsUrl, 'utf8')) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...defaults };
  // (an empty value means "the default" everywhere else; an empty module list is a mistake, not "all")
  if (env.MODULES !== undefined && env.MODULES.trim() === '')
    throw new ConfigError(
      'MODULES',
      'is set but empty: name the modules this process hosts (MODULES=order,payment), or unset it to host them all',
    );
  for (const name of Object.keys(ConfigSchema.properties)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') merged[name] = coerce(name, raw);
  }
  Object.assign(merged, overrides);
  const first = checkConfig(ConfigSchema, merged);
  if (first) {
    const variable = first.instancePath.replace(/^\//, '') || first.missingProperty || 'config';
    throw new ConfigError(
      variable,
      `${first.message}${variable in merged ? ` (got "${String(merged[variable])}")` : ''}`,
    );
  }
  return merged as Config;
}
