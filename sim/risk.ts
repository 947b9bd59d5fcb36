// The simulated risk service. Filled in by the risk check.
import { Router } from 'express';
import type { SimContext } from './context';

export function riskService(_context: SimContext): Router {
  return Router();
}
