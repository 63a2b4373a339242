/**
 * Surname particles that sources keep, drop, capitalise or glue to the surname at will
 * (`van der Aalst`, `Van Der Aalst`, `Aalst, W. van der`, `Vanderaalst`).
 */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'des',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'van',
  'von',
  'vom',
  'zu',
  'ter',
  'ten',
  'le',
  'la',
  'les',
  'y',
  'e',
  'bin',
  'ben',
  'al',
  'el',
]);

/** Whether a folded token is a surname particle. */
export function isParticle(token: string): boolean {
  return SURNAME_PARTICLES.has(token);
}
