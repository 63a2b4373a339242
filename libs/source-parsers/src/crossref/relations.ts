import type { UpdateKind, WorkRelation } from '@atlas/contracts';
import { UPDATE_KINDS, WORK_RELATION_TYPES } from '@atlas/contracts';

import { normalizeDoi } from '../identifiers/doi';
import { dropUndefined } from '../model/work-builder';
import { asArray, asObject, cleanText } from '../text/clean-text';
import { partialDateFromParts } from '../text/dates';

type Json = Record<string, unknown>;

/** Reads Crossref's `relation` object and its `update-to` notices (corrections, retractions...). */
export function crossrefRelations(raw: Json): WorkRelation[] {
  return [...statedRelations(raw), ...updateNotices(raw)].slice(0, 200);
}

function statedRelations(raw: Json): WorkRelation[] {
  const relations: WorkRelation[] = [];
  for (const [name, targets] of Object.entries(asObject(raw.relation) ?? {})) {
    const type = (WORK_RELATION_TYPES as readonly string[]).includes(name)
      ? (name as WorkRelation['type'])
      : 'other';
    for (const target of asArray(targets).map(asObject)) {
      const relation = relationTarget(target?.['id-type'], target?.id);
      if (relation) relations.push({ type, ...relation });
    }
  }
  return relations;
}

function updateNotices(raw: Json): WorkRelation[] {
  return asArray(raw['update-to'])
    .map(asObject)
    .map((update) => {
      const doi = normalizeDoi(update?.DOI);
      if (!doi) return undefined;
      const parts = asArray(asObject(update?.updated)?.['date-parts'])[0];
      const date = Array.isArray(parts) ? partialDateFromParts(parts[0], parts[1], parts[2]) : undefined;
      return dropUndefined({
        type: 'updates' as const,
        updateKind: updateKind(update?.type),
        idType: 'doi' as const,
        id: doi,
        date: date?.date,
      });
    })
    .filter((relation) => relation !== undefined);
}

function relationTarget(idType: unknown, id: unknown): Pick<WorkRelation, 'idType' | 'id'> | undefined {
  if (idType === 'doi') {
    const doi = normalizeDoi(id);
    return doi ? { idType: 'doi', id: doi } : undefined;
  }
  const text = cleanText(id, 2048);
  if (!text) return undefined;
  if (idType === 'uri') return { idType: 'url', id: text };
  if (idType === 'arxiv') return { idType: 'arxiv', id: text };
  return { idType: 'other', id: text };
}

function updateKind(type: unknown): UpdateKind {
  const kind = typeof type === 'string' ? type.toLowerCase().replace(/_/g, '-') : '';
  return (UPDATE_KINDS as readonly string[]).includes(kind) ? (kind as UpdateKind) : 'other';
}
