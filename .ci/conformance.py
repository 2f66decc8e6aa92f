"""Schemathesis against the generated mock server, one run per service.

usage: conformance.py MOCK_SERVER_BINARY DOCUMENT...
       conformance.py --documents DIR FEATURE_MOCKS_BINARY DOCUMENT...

Starts the mock server on a free loopback port, accepting one token, and runs schemathesis
for each exported document, reading the document from the server itself
(`/<service>/openapi.json`). Every check runs (not a server error, status code, content type,
response headers and response schema conformance, negative data rejected, positive data
accepted, ignored auth, ...), with a fixed seed and a bounded number of examples, so a run is
repeatable. Prints how many cases each run tried; exits 1 if any run found a failure.
"""

import base64
import json
import os
import pathlib
import re
import subprocess
import sys
from urllib.parse import urlparse

TOKEN = "conformance-token"
SEED = os.environ.get("CONFORMANCE_SEED", "1")
MAX_EXAMPLES = os.environ.get("CONFORMANCE_EXAMPLES", "100")
HERE = pathlib.Path(__file__).resolve().parent


def credential(document):
    """The header carrying TOKEN, as the document's security scheme says (none without)."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    # A service's one scheme is `auth`; of several, the first sent in a header.
    in_header = [
        s for s in schemes.values()
        if s["type"] in ("http", "oauth2", "openIdConnect") or s.get("in") == "header"
    ]
    scheme = schemes.get("auth") or next(iter(in_header), None)
    if scheme is None:
        return None
    header = scheme.get("x-specgen-header", "Authorization")
    if scheme["type"] == "apiKey":
        header = scheme["name"]
        prefix = scheme.get("x-specgen-prefix")
    elif scheme["type"] == "http" and scheme["scheme"].lower() == "basic":
        return header, "Basic " + base64.b64encode(f"user:{TOKEN}".encode()).decode()
    elif scheme["type"] == "http":
        prefix = "Bearer" if scheme["scheme"].lower() == "bearer" else scheme["scheme"]
    else:
        prefix = scheme.get("x-specgen-prefix", "Bearer")
    return header, f"{prefix} {TOKEN}" if prefix else TOKEN


def start(binary, extra):
    server = subprocess.Popen(
        [binary, "--addr", "127.0.0.1:0", "--token", TOKEN, *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    first = server.stdout.readline()
    found = re.search(r"listening on (http://\S+)", first)
    if not found:
        server.kill()
        sys.exit(f"the mock server did not start: {first!r}")
    return server, found.group(1)


def run(origin, path):
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    service = pathlib.Path(path).name.removesuffix(".openapi.json")
    # A document without servers is served at the root of its service.
    servers = document.get("servers") or [{"url": "/"}]
    base = urlparse(servers[0]["url"]).path.rstrip("/")
    header = credential(document)
    command = [
        str(pathlib.Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{origin}/{service}/openapi.json",
        "--url", f"{origin}/{service}{base}",
        *(["--header", f"{header[0]}: {header[1]}"] if header else []),
        "--checks", "all",
        "--seed", SEED,
        "--max-examples", MAX_EXAMPLES,
        "--generation-database", "none",
        "--workers", "1",
        "--no-color",
    ]
    env = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks", PYTHONPATH=str(HERE))
    # Schemathesis keeps a crash cache in its working directory: the run's own folder, not
    # the repository.
    workdir = pathlib.Path(path).parent
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=workdir)
    counts = re.search(r"^\s*(\d+) generated.*$", result.stdout, re.MULTILINE)
    summary = counts.group(0).strip() if counts else "no count printed"
    if result.returncode == 0:
        print(f"{service}: {summary}")
        return True
    print(result.stdout)
    print(result.stderr, file=sys.stderr)
    print(f"{service}: FAILED ({summary})")
    return False


def main(arguments):
    extra = []
    if arguments[0] == "--documents":
        extra, arguments = arguments[:2], arguments[2:]
    binary, paths = arguments[0], arguments[1:]
    server, origin = start(binary, extra)
    try:
        results = [run(origin, path) for path in paths]
    finally:
        server.terminate()
        server.wait()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
