// The simulated Adyen Checkout API (v72). Filled in by the Adyen face.
import { Router } from 'express';
import type { SimContext } from '../context';

export function adyenApi(_context: SimContext): Router {
  return Router();
}
