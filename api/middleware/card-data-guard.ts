// Refuses any request that carries something that looks like a card number, in the body,
// the query or the Idempotency-Key. It runs before anything stores or logs the request.
// The key is refused only when it *is* a card number: a UUID's digit groups can pass Luhn.
import type { RequestHandler } from 'express';
import { findCardNumber, isCardNumber } from '../../domain/card-number';
import { invalidRequest } from '../errors';

export const cardDataGuard: RequestHandler = (req, _res, next) => {
  const key = req.get('idempotency-key');
  const param =
    findCardNumber(req.body) ?? findCardNumber(req.query) ?? (key && isCardNumber(key) ? 'Idempotency-Key' : undefined);
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
