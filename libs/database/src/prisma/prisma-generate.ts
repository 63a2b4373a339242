import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { DatabaseError, DatabaseErrorCode } from '../errors';

/** Options of `generatePrismaClient`. */
export interface GeneratePrismaClientOptions {
  /** Path of the schema.prisma file. */
  schemaPath: string;
  /** Directory holding `node_modules/.bin/prisma`; the working directory by default. */
  workspaceRoot?: string;
}

/**
 * Runs `prisma generate` for one schema and resolves with its output.
 *
 * The CLI downloads the native schema engine before generating unless PRISMA_SCHEMA_ENGINE_BINARY
 * names an existing file, and generating itself only uses the WASM parts of the package; so the
 * variable points at the CLI's own entry file, which always exists.
 */
export async function generatePrismaClient(options: GeneratePrismaClientOptions): Promise<string> {
  const root = options.workspaceRoot ?? process.cwd();
  const cli = path.join(root, 'node_modules', '.bin', 'prisma');
  if (!existsSync(cli)) {
    throw new DatabaseError(
      DatabaseErrorCode.PrismaGenerateFailed,
      `Prisma CLI not found at ${cli}; run npm install.`,
    );
  }
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? cli,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  return runCli(cli, ['generate', '--schema', options.schemaPath], root, env);
}

function runCli(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(
        new DatabaseError(DatabaseErrorCode.PrismaGenerateFailed, `Failed to start ${cli}`, { cause: error }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      reject(
        new DatabaseError(
          DatabaseErrorCode.PrismaGenerateFailed,
          `prisma generate --schema ${args[2]} exited with code ${code}:\n${output}`,
        ),
      );
    });
  });
}
