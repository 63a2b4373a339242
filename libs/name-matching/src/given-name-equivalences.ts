import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Given names that name the same person (nickname ↔ given name, spelling variants), from S2AND's
 * name-pair list (allenai/S2AND `data/s2and_name_tuples.txt`, ODC-BY), shipped in `assets/`.
 */
export class GivenNameEquivalences {
  private readonly pairs = new Map<string, Set<string>>();

  /** Builds the table from `a,b` lines; pairs apply both ways. */
  constructor(lines: Iterable<string>) {
    for (const line of lines) {
      const [left, right] = line.trim().split(',');
      if (!left || !right) continue;
      this.link(left, right);
      this.link(right, left);
    }
  }

  private link(from: string, to: string): void {
    const known = this.pairs.get(from) ?? new Set<string>();
    known.add(to);
    this.pairs.set(from, known);
  }

  /** Whether two folded given names are listed as equivalent. */
  areEquivalent(left: string, right: string): boolean {
    return this.pairs.get(left)?.has(right) ?? false;
  }

  /** Folded names listed as equivalent to one given name. */
  equivalentsOf(name: string): ReadonlySet<string> {
    return this.pairs.get(name) ?? new Set();
  }

  /** Number of names with at least one equivalent. */
  get size(): number {
    return this.pairs.size;
  }
}

let shipped: GivenNameEquivalences | undefined;

/** The shipped S2AND list, read once on first use. */
export function defaultGivenNameEquivalences(): GivenNameEquivalences {
  if (!shipped) {
    // NOTE: read next to the sources; a bundler that moves this file must copy `assets/` too.
    const file = join(__dirname, '..', 'assets', 's2and_name_tuples.txt.gz');
    shipped = new GivenNameEquivalences(gunzipSync(readFileSync(file)).toString('utf8').split('\n'));
  }
  return shipped;
}
