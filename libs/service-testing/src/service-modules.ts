import path from 'node:path';

import type { TObject } from 'typebox';

import type { ServiceApp } from '@atlas/service-runtime';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

/** An app plugin and its configuration schema, as `apps/<name>/src/app.ts` and `config.ts` export them. */
export interface ServiceModules {
  app: ServiceApp<never>;
  configSchema: TObject;
}

/**
 * Loads a service's app plugin and configuration schema by path, as `startServiceProcess` starts its
 * `main.ts`, so that tests running several services in one process need no import across apps.
 * Call it after telemetry has started, so the modules the app loads are instrumented.
 */
export async function loadServiceModules(name: string): Promise<ServiceModules> {
  const source = path.join(workspaceRoot, 'apps', name, 'src');
  const appModule = (await import(path.join(source, 'app'))) as { default: ServiceApp<never> };
  const configModule = (await import(path.join(source, 'config'))) as Record<string, unknown>;
  const schemaName = Object.keys(configModule).find((key) => key.endsWith('ConfigSchema'));
  if (!schemaName) throw new Error(`apps/${name}/src/config.ts exports no *ConfigSchema`);
  return { app: appModule.default, configSchema: configModule[schemaName] as TObject };
}
