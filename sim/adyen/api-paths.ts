// Where the Adyen library sends each API's calls, as paths under the face's host: the library
// builds https://pal-test.adyen.com/pal/servlet/Payout/v68/… and
// https://ca-test.adyen.com/ca/services/DisputeService/v30/…, and holdfast's HTTP client swaps
// the origin for the simulator's, keeping the path.

/** Payout API v68. */
export const PAYOUT_API_PATH = '/pal/servlet/Payout/v68';
/** Disputes API v30. */
export const DISPUTE_SERVICE_PATH = '/ca/services/DisputeService/v30';
