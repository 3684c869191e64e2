/** An SQL identifier (a table or column name) quoted for SQLite: in double quotes, inner ones doubled. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
