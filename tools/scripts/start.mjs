// npm start: installs what is missing, starts (or reuses) the local stack, then runs the five services.
import { ensureDependencies, runTypeScriptForwardingSignals } from './bootstrap.mjs';

ensureDependencies();
runTypeScriptForwardingSignals('tools/stack/start-all.ts', process.argv.slice(2));
