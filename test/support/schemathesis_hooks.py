# A check schemathesis runs beside its own in test/integration/openapi-fuzz.test.ts: a
# schema-valid request refused with a status the operation lists under `x-refused-by-rule`
# must be refused by one of those rules (its error code, and its param where the rule names
# one). positive_data_acceptance lets those statuses through per operation; this check keeps
# them honest, so a refusal the document does not explain still fails the run.
import re
import uuid

import schemathesis


@schemathesis.check
def refusal_follows_a_documented_rule(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    rules = case.operation.definition.raw.get("x-refused-by-rule") or []
    if response.status_code not in {rule["status"] for rule in rules}:
        return None
    try:
        error = response.json()["error"]
    except Exception:
        raise AssertionError(f"{response.status_code} without the error body")
    code, param = error.get("code"), error.get("param") or ""
    for rule in rules:
        if rule["status"] == response.status_code and rule["code"] == code:
            if "param" not in rule or re.search(rule["param"], param):
                return None
    raise AssertionError(
        f"A schema-valid request was refused with {response.status_code} {code} (param: {param or 'none'}), "
        "which no x-refused-by-rule entry of this operation names: make the schema exact or document the rule"
    )


@schemathesis.hook
def before_call(context, case, kwargs):
    """A fresh Idempotency-Key for every well-formed request.

    The document says a key is unique per request, which no JSON Schema can express, so the
    generator reuses its favourite keys ("0") and most schema-valid POSTs would be answered
    422 idempotency_key_reused (a rule the document lists) instead of reaching the handler.
    Malformed keys (negative mode) are sent as generated.
    """
    meta = case.meta
    headers = case.headers or {}
    if meta is None or not meta.generation.mode.is_positive or "Idempotency-Key" not in headers:
        return
    headers["Idempotency-Key"] = str(uuid.uuid4())
