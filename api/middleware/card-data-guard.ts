// Refuses any request that carries something that looks like a card number, in the body,
// the query or the Idempotency-Key. It runs before anything stores or logs the request.
import type { RequestHandler } from 'express';
import { containsCardNumber, findCardNumber } from '../../domain/card-number';
import { invalidRequest } from '../errors';

export const cardDataGuard: RequestHandler = (req, _res, next) => {
  const key = req.get('idempotency-key');
  const param =
    findCardNumber(req.body) ?? findCardNumber(req.query) ?? (key && containsCardNumber(key) ? 'Idempotency-Key' : undefined);
  if (param) {
    next(
      invalidRequest(
        'raw_card_data_not_allowed',
        'Raw card numbers are not accepted. Send a payment method token (e.g. "pm_card_visa") instead.',
        param,
      ),
    );
    return;
  }
  next();
};
