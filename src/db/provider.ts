// The one place that tells SQLite from PostgreSQL: by the DATABASE_URL's scheme.
// Domain code never asks; the db/ modules that must differ (client, migrations,
// text search) dispatch on this.
export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}
