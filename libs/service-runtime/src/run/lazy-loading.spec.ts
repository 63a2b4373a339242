import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

describe('@atlas/service-runtime entry', () => {
  it('loads no instrumented module before telemetry starts', () => {
    // A separate process, because Jest's module registry does not use Node's require cache.
    const script = [
      "require('./libs/service-runtime/src/index.ts');",
      'const loaded = Object.keys(require.cache).filter((file) => /node_modules\\/(fastify|pg|ioredis)\\//.test(file));',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['-e', script], {
      cwd: root,
      encoding: 'utf8',
    });

    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
