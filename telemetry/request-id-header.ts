// The Temporal header that carries the id of the API request behind a workflow start, update
// or signal to the worker, whose log lines for that workflow name it. Workflow-safe: the
// workflow interceptors import it into the bundle.
export const REQUEST_ID_HEADER = 'holdfast-request-id';
