import { existsSync } from 'node:fs';
import path from 'node:path';

/** Finds the checkout's root: the nearest folder above `start` that contains `nx.json`. */
export function findWorkspaceRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No nx.json found above ${start}; run this from inside the Atlas Verify checkout.`);
    }
    dir = parent;
  }
  return dir;
}

/** Folder of the local stack's data, logs and state, ignored by git. */
export function stackDirectory(root: string = findWorkspaceRoot()): string {
  return process.env['ATLAS_STACK_DIR'] ?? path.join(root, '.atlas', 'stack');
}
