import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';

import { glob, isDynamicPattern } from 'tinyglobby';

import { IMPORT_ERROR_CODES, ImportError } from '../errors';

/** A file an import reads. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  size: number;
}

/** Extensions of the files a folder contributes; files named one by one are read whatever their name. */
const SOURCE_FILE_PATTERN = '**/*.{json,jsonl,ndjson,xml,atom}{,.gz}';

/**
 * Expands files, folders and glob patterns into a sorted list of distinct files. Folders contribute
 * their JSON and XML files (gzip-compressed or not) at any depth; `exclude` patterns remove files.
 */
export async function resolveInputFiles(
  inputs: readonly string[],
  options: { cwd?: string; exclude?: readonly string[] } = {},
): Promise<InputFile[]> {
  const cwd = options.cwd ?? process.cwd();
  if (inputs.length === 0)
    throw new ImportError(IMPORT_ERROR_CODES.noInputs, 'No input file, folder or pattern given.');
  const found = new Set<string>();
  for (const input of inputs) {
    for (const file of await expandInput(input, cwd, options.exclude ?? [])) found.add(file);
  }
  const files = [...found].sort();
  return Promise.all(files.map(async (file) => ({ path: file, size: (await stat(file)).size })));
}

async function expandInput(input: string, cwd: string, exclude: readonly string[]): Promise<string[]> {
  if (isDynamicPattern(input)) {
    return glob(input, { cwd, absolute: true, onlyFiles: true, ignore: [...exclude] });
  }
  const absolute = path.resolve(cwd, input);
  const info = await stat(absolute).catch((error: unknown) => {
    throw new ImportError(IMPORT_ERROR_CODES.inputMissing, `Input ${input} does not exist.`, {
      cause: error,
    });
  });
  if (!info.isDirectory()) return [absolute];
  return glob(SOURCE_FILE_PATTERN, { cwd: absolute, absolute: true, onlyFiles: true, ignore: [...exclude] });
}

/** Key of an import's inputs and settings, under which a restarted import finds its unfinished run. */
export function inputKey(
  files: readonly InputFile[],
  format: string,
  completeFor: readonly string[],
): string {
  const described = JSON.stringify({
    files: files.map((file) => file.path),
    format,
    completeFor: [...completeFor].sort(),
  });
  return createHash('sha256').update(described).digest('hex');
}
