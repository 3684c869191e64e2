import type { APIRoute } from 'astro';
import { productPricesHandler } from '../../../../../server/api/handlers.ts';

export const prerender = false;

export const GET: APIRoute = ({ request, params }) => productPricesHandler(request, params.sku);
