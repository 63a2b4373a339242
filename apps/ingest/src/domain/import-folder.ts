import { realpath } from 'node:fs/promises';
import path from 'node:path';

import { RpcHandlerError } from '@atlas/messaging';

/** True when `candidate` is `folder` itself or lies below it; both must be absolute and normalised. */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function outside(requested: string, folder: string): RpcHandlerError {
  return new RpcHandlerError(
    'BAD_REQUEST',
    `The path "${requested}" is outside the import folder ${folder}; name a file, folder or pattern inside it.`,
    { path: requested, importFolder: folder },
  );
}

/**
 * Checks a requested path against the import folder, lexically first (`..`, absolute paths) and then
 * after following symbolic links, so that a link inside the folder cannot reach a file outside it.
 * Paths that do not exist (glob patterns among them) pass here; their files are checked once listed.
 */
export async function checkInsideImportFolder(folder: string, requested: string): Promise<void> {
  const root = await realpath(folder);
  const lexical = path.resolve(root, requested);
  if (path.isAbsolute(requested) || !isInsideFolder(root, lexical)) throw outside(requested, folder);
  const resolved = await realpath(lexical).catch(() => undefined);
  if (resolved !== undefined && !isInsideFolder(root, resolved)) throw outside(requested, folder);
}

/** Rejects the request when any listed file resolves, through symbolic links, outside the import folder. */
export async function checkFilesInsideImportFolder(
  folder: string,
  requested: string,
  files: readonly string[],
): Promise<void> {
  const root = await realpath(folder);
  for (const file of files) {
    if (!isInsideFolder(root, await realpath(file))) throw outside(requested, folder);
  }
}
