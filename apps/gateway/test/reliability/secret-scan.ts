/** A value that must never be logged, with what it is, for the report. */
export interface WatchedSecret {
  kind: string;
  value: string;
}

/** Lists the spellings a leaked value takes in a log line: as is, URL-encoded, and escaped inside a JSON string. */
function spellings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

/** Returns the kind of every watched secret that occurs in the logs in one of its spellings, in order. */
export function findSecrets(logs: string, secrets: readonly WatchedSecret[]): string[] {
  return secrets
    .filter((secret) => spellings(secret.value).some((spelling) => logs.includes(spelling)))
    .map((secret) => secret.kind);
}
