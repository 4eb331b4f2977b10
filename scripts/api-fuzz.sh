#!/usr/bin/env bash
# The OpenAPI document against the server it describes, on loopback with a
# fresh SQLite file:
#  1. schemathesis, driven by the served /openapi.json, checks that every
#     answer is documented (status, content type, headers, body schema),
#     that nothing answers 5xx, and that data the document forbids is
#     refused; deterministic generation and a bounded number of examples,
#     so that a run is repeatable and takes a minute or two;
#  2. a client generated from the document (datamodel-code-generator's
#     pydantic models) parses a real answer of every operation, success and
#     the main failures (tests/api-fuzz/client_check.py).
# Exits non-zero on any finding. `scripts/setup.sh` installs the tools in .venv/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

venv="$ROOT/.venv"
for tool in schemathesis datamodel-codegen; do
  [ -x "$venv/bin/$tool" ] || { echo "api-fuzz: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

cargo build --locked -p booking-api
api_bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/booking-api"

source "$ROOT/scripts/serve-api.sh"
# Thousands of writes from one address: far above the per-client limit a
# real client meets, so that the fuzzer reaches the handlers.
serve_api "$api_bin" --bookings-per-minute 1000000 --booking-burst 1000000 \
  --sign-ins-per-minute 1000000 --sign-in-burst 1000000 --sign-ins-per-address-per-minute 1000000

work="$(mktemp -d)"
trap 'rm -rf "$work"; kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; rm -rf "$api_work"' EXIT

# The operator's API needs a secret key: one made for this run, handed to
# schemathesis through the environment and its config file, never as a
# process argument.
API_FUZZ_SECRET_KEY="$("$api_bin" keys create --label api-fuzz --database "sqlite:$api_work/api.sqlite" | grep -o 'sk_[A-Za-z0-9_-]*' | head -n1)"
[ -n "$API_FUZZ_SECRET_KEY" ] || { echo "api-fuzz: could not create a secret key" >&2; exit 1; }
export API_FUZZ_SECRET_KEY
cat >"$work/schemathesis.toml" <<'TOML'
headers = { "X-API-Key" = "pk_demo", "Origin" = "http://localhost:8080" }

[[operations]]
include-path-regex = "^/admin/"
headers = { "Authorization" = "Bearer ${API_FUZZ_SECRET_KEY}" }
TOML

echo "==> schemathesis $("$venv/bin/schemathesis" --version | awk '{print $NF}') against $API_BASE/openapi.json"
# The key and an allowed Origin as a browser sends them; the security
# scheme is still exercised (ignored_auth sends requests without the key).
timeout "${API_FUZZ_TIMEOUT:-600}" "$venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$API_BASE/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,missing_required_header,ignored_auth \
  --phases examples,coverage,fuzzing \
  --max-examples "${API_FUZZ_EXAMPLES:-50}" \
  --generation-deterministic \
  --workers 1 \
  --request-timeout 10 \
  --suppress-health-check too_slow,filter_too_much \
  --no-color

echo "==> a client generated from the document parses the server's answers"
curl -fsS "$API_BASE/openapi.json" -o "$work/openapi.json"
"$venv/bin/datamodel-codegen" --input "$work/openapi.json" --input-file-type openapi \
  --output "$work/api_models.py" --output-model-type pydantic_v2.BaseModel \
  --use-annotated --field-constraints --disable-timestamp --extra-fields forbid --formatters black 2>/dev/null
"$venv/bin/python" tests/api-fuzz/client_check.py "$API_BASE" "$work/openapi.json" "$work/api_models.py"
