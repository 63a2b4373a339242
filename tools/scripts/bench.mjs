// npm run bench [-- NAME...]: runs every benchmark under tools/bench, or the named ones.
import { ensureDependencies, ensurePrismaClients, runTypeScript } from './bootstrap.mjs';

ensureDependencies();
ensurePrismaClients();
runTypeScript('tools/bench/run-benchmarks.ts', process.argv.slice(2));
