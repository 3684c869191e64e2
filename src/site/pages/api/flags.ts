import type { APIRoute } from 'astro';
import { flagsHandler } from '../../../server/api/handlers.ts';

export const prerender = false;

export const GET: APIRoute = ({ request }) => flagsHandler(request);
