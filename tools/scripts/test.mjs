// npm test: installs what is missing, starts the local stack, then lints, type-checks and runs every test.
import { ensureDependencies, ensurePrismaClients, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScript('tools/stack/run-tests.ts', process.argv.slice(2));
