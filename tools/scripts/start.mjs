// npm start: installs what is missing, starts (or reuses) the local stack, then runs the five services.
import { ensureDependencies, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
runTypeScript('tools/stack/start-all.ts', process.argv.slice(2));
