import { buildAsyncApiDocument } from './asyncapi-document';
import { localNatsAuthorization, productionNatsAuthorization } from './nats-authorization';

/** Checked-in files generated from the contracts, by path from the workspace root. */
export const PUBLIC_EVENT_FILES = {
  asyncApi: 'docs/asyncapi.json',
  productionNats: 'infra/nats/authorization.conf',
  localNats: 'infra/nats/local/authorization.conf',
} as const;

/** Renders the content every generated file must have. */
export function renderPublicEventFiles(): Record<keyof typeof PUBLIC_EVENT_FILES, string> {
  return {
    asyncApi: `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`,
    productionNats: productionNatsAuthorization(),
    localNats: localNatsAuthorization(),
  };
}
