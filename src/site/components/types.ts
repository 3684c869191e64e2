/** Shared prop types of small components (kept in .ts so plain TypeScript can import them). */
export interface Crumb {
  label: string;
  href?: string;
}
