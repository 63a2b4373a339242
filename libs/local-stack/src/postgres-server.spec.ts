import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { serverDataDirectory } from './postgres-server';

describe('serverDataDirectory', () => {
  let privateParent: string;

  beforeAll(() => {
    privateParent = mkdtempSync(path.join(tmpdir(), 'atlas-private-'));
    chmodSync(privateParent, 0o700);
  });

  afterAll(() => rmSync(privateParent, { recursive: true, force: true }));

  it('keeps the preferred folder when the server runs as the current user', () => {
    const preferred = path.join(privateParent, 'stack', 'postgres');
    expect(serverDataDirectory(preferred, {})).toBe(preferred);
  });

  it('moves out of a folder the server account cannot reach', () => {
    const preferred = path.join(privateParent, 'stack', 'postgres');
    const chosen = serverDataDirectory(preferred, { uid: 101 });
    expect(chosen.startsWith('/var/tmp/atlas-verify/')).toBe(true);
    expect(serverDataDirectory(preferred, { uid: 101 })).toBe(chosen);
  });

  it('keeps a folder every user can traverse', () => {
    const preferred = path.join(tmpdir(), 'atlas-shared', 'postgres');
    expect(serverDataDirectory(preferred, { uid: 101 })).toBe(preferred);
  });
});
