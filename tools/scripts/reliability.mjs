// npm run reliability -- NAME: runs one fault or load script of tools/reliability (loopback only).
import { readdirSync } from 'node:fs';

import { ensureDependencies, ensurePrismaClients, runTypeScriptForwardingSignals } from './bootstrap.mjs';

const scripts = readdirSync(new URL('../reliability/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (!name || !scripts.includes(name)) {
  console.error(
    `${name ? `Unknown script "${name}". ` : ''}Usage: npm run reliability -- <${scripts.join('|')}>`,
  );
  process.exit(2);
}
ensureDependencies();
ensurePrismaClients();
runTypeScriptForwardingSignals(`tools/reliability/${name}.ts`, args);
