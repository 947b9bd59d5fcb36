// The Stripe adapter's own errors, apart from the mappers so amounts.ts can use them too.
import { PspRequestError } from '../../domain/psp-gateway';

/** Stripe answered with something the gateway contract cannot express. */
export class UnmappableStripeResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableStripeResponseError';
  }
}

/** The refusal's code, as the merchant sees it on a failed payment or a refused request. */
export const AMOUNT_NOT_SUPPORTED = 'amount_not_supported';

/**
 * An amount Stripe's API cannot carry exactly (KWD 1.005: Stripe wants thousandths ending in 0).
 * Refused before anything is sent, so it is final like a refusal from Stripe itself: the
 * payment activities turn it into the non-retryable `PspRequestRejected`.
 */
export class StripeAmountNotSupportedError extends PspRequestError {
  constructor(
    message: string,
    /** The request field at fault, as holdfast's gateway (and API) names it. */
    readonly param: string,
  ) {
    super(message, AMOUNT_NOT_SUPPORTED);
    this.name = 'StripeAmountNotSupportedError';
  }
}

/** Stripe sent an amount that is not a whole number of holdfast's minor units (ISK 50050: 500.50 krónur). */
export class UnmappableStripeAmountError extends UnmappableStripeResponseError {
  readonly code = AMOUNT_NOT_SUPPORTED;
  constructor(
    message: string,
    /** The Stripe object's field that carried it. */
    readonly param: string,
  ) {
    super(message);
    this.name = 'UnmappableStripeAmountError';
  }
}
