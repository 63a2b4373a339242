// Gives every test run the stack's URLs: those in the environment win, otherwise the local stack is
// started (or reused) through the same code that `npm test` and `npm start` use.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL) return;

  const root = path.join(__dirname, '..', '..');
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['tools/stack/stack-cli.ts', 'env', '--json'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (result.status !== 0)
    throw new Error('Failed to start the local stack for the tests; see the output above.');
  Object.assign(process.env, JSON.parse(result.stdout));
};
