import type { APIRoute } from 'astro';
import { ordersHandler } from '../../../server/api/handlers.ts';

// On demand: the API answers from the published database at request time (DESIGN §9).
export const prerender = false;

export const GET: APIRoute = ({ request }) => ordersHandler(request);
