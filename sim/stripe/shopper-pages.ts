// The pages a Stripe shopper visits: the 3-D Secure challenge. Filled in by the Stripe face.
import { Router } from 'express';
import type { SimContext } from '../context';

export function stripeShopperPages(_context: SimContext): Router {
  return Router();
}
