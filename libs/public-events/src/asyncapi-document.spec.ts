import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Parser } from '@asyncapi/parser';

import { PUBLIC_EVENTS } from '@atlas/contracts';

import { buildAsyncApiDocument } from './asyncapi-document';
import { PUBLIC_EVENT_FILES, renderPublicEventFiles } from './generated-files';

const root = path.resolve(__dirname, '..', '..', '..');

describe('AsyncAPI document', () => {
  it('validates with the AsyncAPI parser', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(buildAsyncApiDocument()));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);

    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.channels().length).toBe(PUBLIC_EVENTS.length);
  });

  it('lists every public subject with its version', () => {
    const document = buildAsyncApiDocument();
    const messages = Object.values(document.components.messages) as {
      name: string;
      'x-atlas-event': { version: number };
    }[];

    expect(messages.map((message) => message.name).sort()).toEqual(
      PUBLIC_EVENTS.map((event) => event.subject).sort(),
    );
    for (const event of PUBLIC_EVENTS) {
      const message = messages.find((candidate) => candidate.name === event.subject);
      expect(message?.['x-atlas-event'].version).toBe(event.version);
    }
  });

  it.each(Object.entries(PUBLIC_EVENT_FILES))('keeps %s in sync', (key, relativePath) => {
    const expected = renderPublicEventFiles()[key as keyof typeof PUBLIC_EVENT_FILES];
    const checkedIn = readFileSync(path.join(root, relativePath), 'utf8');

    // Run `npx nx run public-events:generate` after changing a public contract.
    expect(checkedIn).toBe(expected);
  });
});
