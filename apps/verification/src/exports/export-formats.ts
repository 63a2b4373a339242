import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

import type { CanonicalWorkSummary, ExportFormat } from '@atlas/contracts';

import { toCslItem } from './csl-item';
import { worksToCsv } from './csv';

// BibTeX output keeps accented letters as UTF-8 rather than LaTeX escapes; biber and modern BibTeX read it.
plugins.config.get('@bibtex').format.asciiOnly = false;

/** Media type of each export format. */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  csljson: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Renders works in a citation format: BibTeX, RIS and CSL-JSON through citation-js, CSV directly. */
export function renderWorks(works: readonly CanonicalWorkSummary[], format: ExportFormat): string {
  if (format === 'csv') return worksToCsv(works);
  const cite = new Cite(works.map(toCslItem));
  if (format === 'csljson') return cite.format('data', { format: 'text' });
  return cite.format(format, { format: 'text' });
}
