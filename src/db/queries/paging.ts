/**
 * Page sizes of the paged lists. They live in a module because Astro hoists getStaticPaths
 * out of the page's frontmatter, where frontmatter constants are not in scope.
 */
export const ORDERS_PER_PAGE = 100;
export const PRODUCTS_PER_PAGE = 200;
export const FLAGS_PER_PAGE = 100;
/** Orders listed on an agency or supplier page (the rest are reachable through search). */
export const PARTY_ORDER_LIMIT = 200;
/** Listings shown on a supplier page, most bought first. */
export const SUPPLIER_PRODUCT_LIMIT = 100;
/** Purchases and flags each in the Atom feed of a page (render/atom.ts); versioned pages hash as many. */
export const FEED_ENTRY_LIMIT = 50;
