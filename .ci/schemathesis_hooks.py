"""Schemathesis hooks for the conformance runs in `.ci/openapi`.

A multipart/form-data part is text: the part `true` is the string "true", and a JSON object
sent as a part of a text member is the text of that object. So schemathesis's negative
multipart bodies (a string member turned into a boolean or an object) reach the server as
valid text, and a correct server accepts them. Those cases are left out; negative JSON bodies
and parameters, and positive multipart bodies, all still run. Malformed multipart bodies are
covered byte by byte in tests/raw_http.rs.
"""

import schemathesis
from schemathesis.core.parameters import ParameterLocation


@schemathesis.hook
def filter_case(context, case):
    negative_body = case.meta is not None and case.meta.is_negative_at(ParameterLocation.BODY)
    return not (negative_body and case.media_type == "multipart/form-data")
