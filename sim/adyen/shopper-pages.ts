// The pages an Adyen shopper visits: the 3-D Secure challenge. Filled in by the Adyen face.
import { Router } from 'express';
import type { SimContext } from '../context';

export function adyenShopperPages(_context: SimContext): Router {
  return Router();
}
