// npm run bench [-- NAME...]: runs every benchmark under tools/bench, or the named ones.
import { ensureDependencies, ensurePrismaClients, runTypeScriptForwardingSignals } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScriptForwardingSignals('tools/bench/run-benchmarks.ts', process.argv.slice(2));
