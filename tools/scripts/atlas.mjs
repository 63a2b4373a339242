// npm run atlas -- import PATH...: the project's command line (bulk import of source files).
import { ensureDependencies, ensurePrismaClients, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScript('tools/ingest/atlas-cli.ts', process.argv.slice(2));
