// npm run atlas -- import PATH...: the project's command line (bulk import of source files).
import { ensureDependencies, ensurePrismaClients, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
// An import keeps one batch in memory at a time, so a capped heap keeps its memory bounded whatever the input size.
runTypeScript('tools/ingest/atlas-cli.ts', process.argv.slice(2), ['--max-old-space-size=160']);
