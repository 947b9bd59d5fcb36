// Assertions on the typed client's answers (openapi-fetch's { data, error, response }): the
// status is checked, then the body comes back typed as the OpenAPI document says it is.
import assert from 'node:assert/strict';

interface TypedAnswer<Data, Refusal> {
  data?: Data;
  error?: Refusal;
  response: Response;
}

/** The answer's body, which must have come with `status` (a 2xx); else the test fails showing what came. */
export function answered<Data, Refusal>(answer: TypedAnswer<Data, Refusal>, status: number): Data {
  assert.equal(answer.response.status, status, JSON.stringify(answer.error ?? answer.data));
  assert.ok(answer.data !== undefined, `${status} came without a body`);
  return answer.data;
}

/** The refusal's body, which must have come with `status` (a 4xx or 5xx); else the test fails showing what came. */
export function refused<Data, Refusal>(answer: TypedAnswer<Data, Refusal>, status: number): Refusal {
  assert.equal(answer.response.status, status, JSON.stringify(answer.data ?? answer.error));
  assert.ok(answer.error !== undefined, `${status} came without a body`);
  return answer.error;
}

/** The params of an operation on one object: `client.GET('/v1/payments/{id}', withId(id))`. */
export const withId = (id: string) => ({ params: { path: { id } } });
