import type { Client } from 'pg';

/** What each provisioning step needs: an admin connection to the target database and a change log. */
export interface ProvisioningContext {
  /** Superuser connection to the database being provisioned. */
  client: Client;
  /** Name of the database being provisioned. */
  database: string;
  /** One line per change made; empty when the database already matched. */
  changes: string[];
}

/** Quotes an identifier for SQL text. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
