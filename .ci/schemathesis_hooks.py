"""Schemathesis hooks for the conformance runs in `.ci/openapi`.

A multipart/form-data part and a form-urlencoded value are text: the part `true` is the
string "true", a JSON object sent for a text member is the text of that object, and one
`scope=a` pair is a list of one. So schemathesis's negative form bodies (a string member
turned into a boolean or an object, a list member turned into a string) reach the server as
valid input, and a correct server accepts them. Those cases are left out; negative JSON
bodies and parameters, and positive form bodies, all still run. Malformed multipart bodies
are covered byte by byte in tests/raw_http.rs, wrong form values in tests/features.rs.

A raw body (`application/octet-stream`, `image/png`: the spec's `bytes`) is any bytes at all,
so no negative raw body exists; schemathesis's (a JSON object sent as `image/png`) are left
out too.
"""

import schemathesis
from schemathesis.core.parameters import ParameterLocation


@schemathesis.hook
def filter_case(context, case):
    negative_body = case.meta is not None and case.meta.is_negative_at(ParameterLocation.BODY)
    forms = ("multipart/form-data", "application/x-www-form-urlencoded")
    return not (negative_body and (case.media_type in forms or is_raw(case.media_type)))


def is_raw(media_type):
    """Whether a body in `media_type` is raw bytes (not JSON, a form, text or XML)."""
    essence = (media_type or "").split(";")[0].strip().lower()
    kind, _, subtype = essence.partition("/")
    structured = (
        subtype in ("json", "xml", "x-www-form-urlencoded", "form-data")
        or subtype.endswith(("+json", "+xml"))
        or kind == "text"
    )
    return not structured
