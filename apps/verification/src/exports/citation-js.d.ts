// The citation-js packages ship no type declarations; these cover the calls the exports make.
declare module '@citation-js/core' {
  /** A set of citations that can be rendered in any registered output format. */
  export class Cite {
    constructor(data: unknown);
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): { format: Record<string, unknown> } };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
