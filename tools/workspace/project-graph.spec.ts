import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface GraphFile {
  graph: {
    nodes: Record<string, { type: string; data: { root: string; tags?: string[] } }>;
    dependencies: Record<string, Array<{ source: string; target: string }>>;
  };
}

const root = path.join(__dirname, '..', '..');

function readProjectGraph(): GraphFile['graph'] {
  const directory = mkdtempSync(path.join(tmpdir(), 'atlas-graph-'));
  try {
    const file = path.join(directory, 'graph.json');
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'nx'), ['graph', `--file=${file}`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (result.status !== 0) throw new Error(`nx graph failed:\n${result.stderr}${result.stdout}`);
    return (JSON.parse(readFileSync(file, 'utf8')) as GraphFile).graph;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('project graph', () => {
  const graph = readProjectGraph();
  const projects = Object.entries(graph.nodes);

  it('tags every project with its type and scope', () => {
    for (const [name, node] of projects) {
      const tags = node.data.tags ?? [];
      expect({ name, type: tags.some((tag) => tag.startsWith('type:')) }).toEqual({ name, type: true });
      expect({ name, scope: tags.some((tag) => tag.startsWith('scope:')) }).toEqual({ name, scope: true });
    }
  });

  it('has no library that depends on an application', () => {
    const applications = new Set(projects.filter(([, node]) => node.type === 'app').map(([name]) => name));
    const offending = projects
      .filter(([, node]) => node.type === 'lib')
      .flatMap(([name]) => graph.dependencies[name] ?? [])
      .filter((dependency) => applications.has(dependency.target))
      .map((dependency) => `${dependency.source} -> ${dependency.target}`);
    expect(offending).toEqual([]);
  });
});
