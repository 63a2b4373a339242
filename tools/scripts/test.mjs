// npm test: installs what is missing, starts the local stack, then lints, type-checks and runs every test.
import { ensureDependencies, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
runTypeScript('tools/stack/run-tests.ts', process.argv.slice(2));
