// npm run demo: starts a fresh stack in .atlas/demo, loads data/real through the services and plays a
// researcher's review session through the public API.
import { ensureDependencies, ensurePrismaClients, runTypeScriptForwardingSignals } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScriptForwardingSignals('tools/demo/run-demo.ts', process.argv.slice(2));
