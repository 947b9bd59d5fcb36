// Failure messages and stack traces travel as an encoded payload (so the payload codec
// encrypts them) instead of in clear in the Failure proto: a decline reason or a validation
// message may quote personal data. Loaded by path, in the worker, the clients and inside the
// workflow sandbox, so it imports nothing but @temporalio/common.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
