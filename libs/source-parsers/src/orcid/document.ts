import type { RecordUnit } from '../model/record-unit';
import { parseFailure, RejectionCode } from '../model/parse-outcome';
import { asObject } from '../text/clean-text';
import { parseOrcidPerson } from './person';
import type { OrcidNode } from './values';
import { child, children, keyOrAttribute, orcidFromPath, orcidValue } from './values';
import { parseOrcidWork } from './work';

/**
 * Splits an ORCID API document into records. The document is v2 or v3.0 JSON, or XML parsed by
 * `parseXml` and unwrapped from its root element. A full record gives its person and one work per
 * works group, and a works list one work per group, taken from the first summary because that is
 * the one ORCID displays. A bulk response gives each work, a search result each iD, and a person
 * section its profile.
 */
export function orcidDocumentUnits(document: OrcidNode): RecordUnit[] {
  const owner =
    orcidFromPath(keyOrAttribute(document, 'path')) ??
    orcidFromPath(orcidValue(child(document, 'orcid-identifier')?.path));

  if (document['credit-name'] !== undefined && document['orcid-identifier'] !== undefined) {
    return [
      {
        raw: document,
        parse: () => parseOrcidPerson(owner, { name: { 'credit-name': document['credit-name'] } }),
      },
    ];
  }
  if (document.person || document['activities-summary'] || document.works)
    return recordUnits(document, owner);
  if (document.group !== undefined) return groupUnits(document, owner);
  if (document.bulk !== undefined) return bulkUnits(document);
  if (
    document.result !== undefined ||
    document['num-found'] !== undefined ||
    document['@_num-found'] !== undefined
  ) {
    return searchUnits(document);
  }
  if (document.name !== undefined || document['other-names'] !== undefined) {
    return [
      {
        raw: document,
        parse: () => parseOrcidPerson(owner ?? orcidValue(child(document, 'name')?.path), document),
      },
    ];
  }
  if (keyOrAttribute(document, 'put-code') !== undefined)
    return [{ raw: document, parse: () => parseOrcidWork(document, owner) }];
  return [
    { raw: document, parse: () => parseFailure(RejectionCode.unknownRecord, 'not a known ORCID document') },
  ];
}

function recordUnits(document: OrcidNode, owner: string | undefined): RecordUnit[] {
  const person = child(document, 'person') ?? {};
  const activities = child(document, 'activities-summary') ?? (document.works ? document : undefined);
  const units: RecordUnit[] = [];
  if (document.person) {
    units.push({
      raw: { 'orcid-identifier': document['orcid-identifier'] ?? null, person },
      parse: () => parseOrcidPerson(owner, person, activities),
    });
  }
  return [...units, ...groupUnits(child(activities, 'works') ?? {}, owner)];
}

// NOTE: a work summary lists no contributors, so its work has no authors; the owner iD is only in
// the source id (`<orcid>/work/<put-code>`).
function groupUnits(works: OrcidNode, owner: string | undefined): RecordUnit[] {
  return children(works, 'group').map((group) => {
    const summary = children(group, 'work-summary')[0];
    return {
      raw: group,
      parse: () =>
        summary
          ? parseOrcidWork(summary, owner)
          : parseFailure(RejectionCode.missingField, 'ORCID works group has no work summary'),
    };
  });
}

function bulkUnits(document: OrcidNode): RecordUnit[] {
  return children(document, 'bulk').map((entry) => {
    const work = child(entry, 'work');
    if (work) return { raw: work, parse: () => parseOrcidWork(work) };
    const error = asObject(entry.error);
    const message =
      orcidValue(error?.['developer-message']) ?? orcidValue(error?.['user-message']) ?? 'no message';
    return {
      raw: entry,
      parse: () =>
        parseFailure(RejectionCode.sourceError, `ORCID returned an error for this work: ${message}`),
    };
  });
}

function searchUnits(document: OrcidNode): RecordUnit[] {
  return children(document, 'result').map((result) => {
    const orcid = orcidValue(child(result, 'orcid-identifier')?.path);
    return { raw: result, parse: () => parseOrcidPerson(orcid, {}) };
  });
}
