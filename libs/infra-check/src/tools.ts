import { spawnSync } from 'node:child_process';

/** A command-line tool the checks run, and how to get it on a Debian machine. */
export interface CheckTool {
  executable: string;
  /** Debian package that provides a recent enough version, installed with apt-get when missing. */
  debianPackage?: string;
  /** Installation advice for the error raised when the tool is missing. */
  installHint: string;
}

/** `promtool` from Debian's prometheus package (2.42 on bookworm). */
export const PROMTOOL: CheckTool = {
  executable: 'promtool',
  debianPackage: 'prometheus',
  installHint: 'Install the Debian package "prometheus" (apt-get install -y prometheus).',
};

/** `nats-server`, which the local stack also installs. */
export const NATS_SERVER: CheckTool = {
  executable: 'nats-server',
  debianPackage: 'nats-server',
  installHint: 'Install the Debian package "nats-server" (apt-get install -y nats-server).',
};

// Debian's kubernetes-client package ships kubectl 1.20, whose built-in kustomize (v2) does not
// understand the `labels` and `patches` fields these overlays use, so it is not offered here.
/** `kubectl` 1.27 or newer, for `kubectl kustomize` (kustomize 5). */
export const KUBECTL: CheckTool = {
  executable: 'kubectl',
  installHint:
    'kubectl 1.27 or newer is needed to render the overlays (kubectl kustomize, kustomize 5). ' +
    "Debian's kubernetes-client package (kubectl 1.20) is too old; install kubectl from the " +
    'Kubernetes release packages (pkgs.k8s.io) or the Google Cloud SDK apt repository.',
};

/** Error thrown when a tool the checks need is missing or fails. */
export class CheckToolError extends Error {
  override readonly name = 'CheckToolError';

  constructor(
    readonly code: 'INFRA_CHECK_ERR_TOOL_MISSING' | 'INFRA_CHECK_ERR_TOOL_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function findExecutable(name: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

function aptInstall(debianPackage: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', debianPackage],
  ]) {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env });
    if (result.status !== 0) {
      throw new CheckToolError(
        'INFRA_CHECK_ERR_TOOL_FAILED',
        `apt-get ${args.join(' ')} failed: ${result.stderr || result.error?.message}`,
        { cause: result.error },
      );
    }
  }
}

/**
 * Returns the path of a tool, installing its Debian package with apt-get when it is missing and
 * this process runs as root; otherwise throws an error with installation advice.
 */
export function ensureTool(tool: CheckTool): string {
  const existing = findExecutable(tool.executable);
  if (existing) return existing;

  if (tool.debianPackage && process.getuid?.() === 0) {
    aptInstall(tool.debianPackage);
    const installed = findExecutable(tool.executable);
    if (installed) return installed;
  }
  throw new CheckToolError(
    'INFRA_CHECK_ERR_TOOL_MISSING',
    `${tool.executable} is not installed. ${tool.installHint}`,
  );
}

/** Runs a tool and returns its standard output; throws with its output when it exits non-zero. */
export function runTool(
  path: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const result = spawnSync(path, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    throw new CheckToolError(
      'INFRA_CHECK_ERR_TOOL_FAILED',
      `${path} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}${result.stdout}`,
      { cause: result.error },
    );
  }
  return result.stdout;
}
