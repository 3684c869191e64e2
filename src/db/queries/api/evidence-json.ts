/** Flag evidence is stored as JSON text; a row that does not parse is shown raw rather than failing the request. */
export function parseApiEvidence(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparsed: text };
  }
}
