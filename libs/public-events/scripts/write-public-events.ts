import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PUBLIC_EVENT_FILES, renderPublicEventFiles } from '../src';

/** Writes the AsyncAPI document and the NATS authorization files generated from the public contracts. */
const root = path.resolve(__dirname, '..', '..', '..');
const contents = renderPublicEventFiles();
for (const [key, relativePath] of Object.entries(PUBLIC_EVENT_FILES)) {
  const target = path.join(root, relativePath);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, contents[key as keyof typeof PUBLIC_EVENT_FILES]);
  process.stdout.write(`Wrote ${relativePath}\n`);
}
