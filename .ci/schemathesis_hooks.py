"""Schemathesis hooks for the conformance runs in `.ci/openapi`.

A multipart/form-data part and a form-urlencoded value are text: the part `true` is the
string "true", a JSON object sent for a text member is the text of that object, and one
`scope=a` pair is a list of one. So schemathesis's negative form bodies (a string member
turned into a boolean or an object, a list member turned into a string) reach the server as
valid input, and a correct server accepts them. Those cases are left out; negative JSON
bodies and parameters, and positive form bodies, all still run. Malformed multipart bodies
are covered byte by byte in tests/raw_http.rs, wrong form values in tests/features.rs.

An XML body is text too: `<quantity>2</quantity>` is the number 2 to a member that is a
number and the text "2" to one that is a text, and a list with no element is the empty list
(an empty list has no other form in XML), so schemathesis's negative XML bodies (a number
turned into a string, a required list left out) are valid documents, and a correct server
accepts them. They are left out; positive XML bodies still run, and wrong XML values are
checked in tests/feature_wire/xml.rs.

A raw body (`application/octet-stream`, `image/png`: the spec's `bytes`) is any bytes at all,
so no negative raw body exists; schemathesis's (a JSON object sent as `image/png`) are left
out too.

A query list joined into one value (`explode: false`, space- or pipe-delimited) writes the
empty list and a list of one empty element the same way (`levels=`); schemathesis generates
the first as valid and the second as invalid, so negative cases sending such an empty value
are left out. Joined lists' elements are checked in tests/features.rs.
"""

import schemathesis
from schemathesis.core.parameters import ParameterLocation


@schemathesis.hook
def filter_case(context, case):
    negative_body = case.meta is not None and case.meta.is_negative_at(ParameterLocation.BODY)
    forms = ("multipart/form-data", "application/x-www-form-urlencoded")
    if negative_body and (case.media_type in forms or is_xml(case.media_type) or is_raw(case.media_type)):
        return False
    negative_query = case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY)
    return not (negative_query and empty_joined_list(case))


def empty_joined_list(case):
    """Whether the case sends `name=` for a query list that travels joined."""
    joined = {
        p.get("name")
        for p in case.operation.definition.raw.get("parameters", [])
        if p.get("in") == "query" and p.get("explode") is False
    }
    return any(case.query.get(name) in ("", []) for name in joined if case.query)


def is_xml(media_type):
    """Whether a body in `media_type` is XML (`text/xml`, `application/xml`, `+xml`)."""
    essence = (media_type or "").split(";")[0].strip().lower()
    return essence in ("text/xml", "application/xml") or essence.endswith("+xml")


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
