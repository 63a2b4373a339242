import { realpath } from 'node:fs/promises';

import type { NatsConnection } from '@nats-io/nats-core';
import type { Pool } from 'pg';
import type { Static } from 'typebox';

import { GetImportRunRpc, StartImportRpc } from '@atlas/contracts';
import type { Actor } from '@atlas/contracts';
import { IMPORT_ERROR_CODES, ImportError, loadRunReport, resolveInputFiles } from '@atlas/ingest-import';
import { RpcHandlerError, rpcHandler } from '@atlas/messaging';

import { checkFilesInsideImportFolder, checkInsideImportFolder } from '../domain/import-folder';
import { parserFormat } from '../domain/import-formats';
import type { ImportJobs } from '../domain/import-jobs';
import { spoolUpload } from '../domain/upload-spool';
import { toImportRunView } from './import-run.view';

/** What the import operations use. */
export interface ImportHandlerDeps {
  pool(): Pool;
  nats(): Promise<NatsConnection>;
  jobs(): ImportJobs;
  importDir?: string;
  uploadSpoolDir?: string;
}

type StartImportRequest = Static<typeof StartImportRpc.request>;

function requireOperator(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'system') {
    throw new RpcHandlerError(
      'FORBIDDEN',
      `Imports are run by administrators; the actor's role is ${actor.role}.`,
    );
  }
}

/** Lists the files a path names inside the import folder, following links no further than the folder. */
async function filesInImportFolder(importDir: string | undefined, requested: string): Promise<string[]> {
  if (!importDir) {
    throw new RpcHandlerError(
      'UNAVAILABLE',
      'No import folder is configured (ATLAS_IMPORT_DIR); imports by path are off.',
    );
  }
  await checkInsideImportFolder(importDir, requested);
  const files = await resolveInputFiles([requested], { cwd: await realpath(importDir) }).catch(
    (error: unknown) => {
      if (error instanceof ImportError && error.code === IMPORT_ERROR_CODES.inputMissing) {
        throw new RpcHandlerError(
          'NOT_FOUND',
          `The path "${requested}" does not exist in the import folder.`,
          {
            path: requested,
          },
        );
      }
      throw error;
    },
  );
  if (files.length === 0) {
    throw new RpcHandlerError(
      'BAD_REQUEST',
      `The path "${requested}" matches no file in the import folder.`,
      {
        path: requested,
      },
    );
  }
  const paths = files.map((file) => file.path);
  await checkFilesInsideImportFolder(importDir, requested, paths);
  return Promise.all(paths.map((file) => realpath(file)));
}

async function startImport(deps: ImportHandlerDeps, request: StartImportRequest): Promise<string> {
  requireOperator(request.actor);
  const format = parserFormat(request.format);
  const base = {
    ...(format ? { format } : {}),
    ...(request.actor.accountId ? { requestedBy: request.actor.accountId } : {}),
  };
  if (request.input.kind === 'path') {
    const files = await filesInImportFolder(deps.importDir, request.input.path);
    return deps.jobs().start({ inputs: files, ...base });
  }
  const upload = await spoolUpload(await deps.nats(), request.input.reference, deps.uploadSpoolDir);
  try {
    return await deps.jobs().start({ inputs: [upload.file], ...base }, upload.remove);
  } catch (error) {
    await upload.remove();
    throw error;
  }
}

/** Builds the handlers of `startImport` and `getImportRun`. */
export function importHandlers(deps: ImportHandlerDeps) {
  return [
    rpcHandler(StartImportRpc, async (request) => ({ importRunId: await startImport(deps, request) })),
    rpcHandler(GetImportRunRpc, async (request) => {
      requireOperator(request.actor);
      const report = await loadRunReport(deps.pool(), request.importRunId);
      if (!report) throw new RpcHandlerError('NOT_FOUND', `No import run has id ${request.importRunId}.`);
      return toImportRunView(report, deps.importDir);
    }),
  ];
}
