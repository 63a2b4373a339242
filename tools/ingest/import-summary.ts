import type { ImportRunReport } from '@atlas/ingest-import';

/** Formats a run's report as the text summary the CLI prints. */
export function formatSummary(report: ImportRunReport): string {
  const { counts } = report;
  const lines = [
    `Import run ${report.id}: ${report.status}`,
    `  files      ${report.files.length} (${report.files.filter((file) => file.status === 'done').length} done)`,
    `  inserted   ${counts.inserted}`,
    `  updated    ${counts.updated}`,
    `  unchanged  ${counts.unchanged}`,
    `  removed    ${counts.removed}`,
    `  rejected   ${counts.rejected}`,
  ];
  if (report.failure) lines.push(`  failure    ${report.failure}`);
  if (report.rejections.length > 0) {
    lines.push(`First rejections (of ${counts.rejected}):`);
    for (const rejection of report.rejections.slice(0, 20)) {
      const where = [
        rejection.line !== undefined ? `line ${rejection.line}` : undefined,
        rejection.index !== undefined ? `record ${rejection.index}` : undefined,
        rejection.recordId,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${rejection.file}${where ? ` (${where})` : ''}: [${rejection.code}] ${rejection.reason}`);
    }
  }
  return lines.join('\n');
}
