import type { APIRoute } from 'astro';
import { orderHandler, ordersHandler } from '../../../../server/api/handlers.ts';

export const prerender = false;

// A rest parameter so an order number containing "/" (sent as %2F) still reaches the handler;
// "/api/orders/" with nothing after it is the list.
export const GET: APIRoute = ({ request, params }) =>
  params.order_no === undefined ? ordersHandler(request) : orderHandler(request, params.order_no);
