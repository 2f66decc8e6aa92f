"""Every example in every exported OpenAPI document validates against its own schema.

usage: openapi_examples.py DOCUMENT...

Request and response examples are checked against their media type's schema, parameter
examples against the parameter's schema, with the dialect of the document's version
(OpenAPI 3.0's `nullable`, or JSON Schema 2020-12 for 3.1). XML examples are XML text, not
JSON, and are skipped. An example of a stream of items (`x-specgen-items`) is the body's text:
each JSON line, or each event's `data`, is checked against the item's schema. Prints how many examples each document holds; exits 1 on any failure.
"""

import json
import sys

from openapi_schema_validator import OAS30Validator, OAS31Validator


def examples(document):
    """(where, schema, value) for every example in the document."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            at = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                if "example" in parameter:
                    yield f"{at} parameter {parameter['name']}", parameter["schema"], parameter["example"]
            body = operation.get("requestBody", {})
            for media, content in body.get("content", {}).items():
                for name, example in content.get("examples", {}).items():
                    yield f"{at} request {media} {name}", content["schema"], example["value"]
            for status, response in operation["responses"].items():
                for media, content in response.get("content", {}).items():
                    if "xml" in media:
                        continue
                    for name, example in content.get("examples", {}).items():
                        where = f"{at} {status} {media} {name}"
                        if "x-specgen-items" in content:
                            item = content["x-specgen-items"]
                            for i, value in enumerate(stream_items(media, example["value"])):
                                yield f"{where} item {i}", item, value
                        else:
                            yield where, content["schema"], example["value"]


def stream_items(media, text):
    """The items of a streamed body's text: JSON lines, or the `data` of each event (JSON,
    or the text itself where it is not JSON, for a string item)."""
    if not media.startswith("text/event-stream"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    items = []
    for block in text.split("\n\n"):
        data = [line[len("data: "):] for line in block.split("\n") if line.startswith("data: ")]
        if data:
            joined = "\n".join(data)
            try:
                items.append(json.loads(joined))
            except ValueError:
                items.append(joined)
    return items


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
        validator_class = OAS31Validator if document["openapi"].startswith("3.1") else OAS30Validator
        count = 0
        for where, schema, value in examples(document):
            count += 1
            # `#/components/...` references resolve against the root of the schema, so the
            # components ride along beside it (an unknown keyword to the validator).
            validator = validator_class({**schema, "components": document["components"]})
            for error in validator.iter_errors(value):
                failed += 1
                print(f"{path}: {where}: {error.message} at {list(error.absolute_path)}")
        print(f"{path}: {count} example(s) checked")
    if failed:
        print(f"{failed} example(s) do not fit their schema")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
