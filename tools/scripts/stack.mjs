// npm run stack -- start|stop|status|env: manages the local PostgreSQL, NATS and Redis servers.
import { ensureDependencies, ensurePrismaClients, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScript('tools/stack/stack-cli.ts', process.argv.slice(2));
