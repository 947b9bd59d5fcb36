// Express's simple query parser leaves `metadata[order]=6735` as a parameter named
// `metadata[order]`; OpenAPI's deepObject style (what the typed client sends) means one
// object parameter `metadata` holding `{ order: '6735' }`. This gathers the bracketed names
// into that object, so one zod schema checks them and a refusal names `metadata[order]`.

/**
 * The query with every `name[key]` parameter moved into one object under `name`. A key is
 * what lies between the first `[` and the last `]`, so a key holding brackets survives. A
 * query that also has a plain `name` is left as it is, for the schema to refuse.
 */
export function gatherDeepObject(query: Record<string, unknown>, name: string): Record<string, unknown> {
  const prefix = `${name}[`;
  const isMember = (parameter: string) => parameter.startsWith(prefix) && parameter.endsWith(']');
  const entries = Object.entries(query);
  if (name in query || !entries.some(([parameter]) => isMember(parameter))) return query;
  return {
    ...Object.fromEntries(entries.filter(([parameter]) => !isMember(parameter))),
    // fromEntries defines own properties: a `__proto__` key stays a key, not a prototype.
    [name]: Object.fromEntries(
      entries.filter(([parameter]) => isMember(parameter)).map(([parameter, value]) => [parameter.slice(prefix.length, -1), value]),
    ),
  };
}
