"""A client generated from the served OpenAPI document parses real answers.

    client_check.py BASE_URL OPENAPI_JSON MODELS_PY

MODELS_PY is what datamodel-code-generator wrote from OPENAPI_JSON (pydantic
models, extra fields forbidden). Every operation is called on the real server
at BASE_URL, for success and its main failures; each answer must have a
status the document lists for that operation, the headers it declares, and a
body that the generated model for that status parses. Exits 1 on the first
answer that does not.
"""

import importlib.util
import json
import sys
import urllib.error
import urllib.request
import uuid

BASE, DOC_PATH, MODELS_PATH = sys.argv[1:4]
DOC = json.load(open(DOC_PATH, encoding="utf-8"))
_spec = importlib.util.spec_from_file_location("api_models", MODELS_PATH)
MODELS = importlib.util.module_from_spec(_spec)
sys.modules["api_models"] = MODELS  # pydantic resolves generic models through it
_spec.loader.exec_module(MODELS)

KEY = {"X-API-Key": "pk_demo", "Origin": "http://localhost:8080"}
PROPERTY = "a99c4590-9475-404e-bcbd-6cba2e2b5e16"
STORAGE = "47fa29c4-738a-42dc-bcb3-6dba1ee7e38e"
LISTING = (
    "/v1/search/storage/{storageInfoId}/property/{propertyInfoId}/user-type/{taxUserTypeInfoId}"
    "/storageGroup/{storageGroupInfoId}/period/{paymentPeriod}/price/list"
)
checked = []


def call(method, path, template, body=None, headers=None, raw=None, expect=None):
    """Sends one request, checks its answer against the document, returns (status, json)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    all_headers = dict(KEY if headers is None else headers)
    if data is not None and "Content-Type" not in all_headers:
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, answer_headers, text = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, text = error.code, error.headers, error.read()
    where = f"{method} {path} -> {status}"
    if expect is not None and status != expect:
        fail(f"{where}: expected {expect}; body {text[:300]!r}")
    if not answer_headers.get("Content-Type", "").startswith("application/json"):
        fail(f"{where}: content type {answer_headers.get('Content-Type')!r}")
    payload = json.loads(text)
    if template is None:
        # An undocumented path: the fallback answers the generic failure.
        model, declared = MODELS.Failure, {}
    else:
        operation = DOC["paths"][template][method.lower()]
        response = operation["responses"].get(str(status))
        if response is None:
            fail(f"{where}: status not documented for {method} {template}")
        if "$ref" in response:
            response = DOC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        schema = response["content"]["application/json"]["schema"]
        model = getattr(MODELS, schema["$ref"].rsplit("/", 1)[1])
        declared = response.get("headers", {})
    # The document's headers are all always sent (utoipa cannot mark them required).
    for name in declared:
        if name not in answer_headers:
            fail(f"{where}: header {name} missing")
    try:
        model.model_validate(payload)
    except Exception as error:  # pydantic.ValidationError, reported whole
        fail(f"{where}: the generated {model.__name__} does not parse the answer:\n{error}\n{payload}")
    checked.append(f"{where} ({model.__name__})")
    return status, payload


def fail(message):
    print(f"client_check: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    call("GET", "/healthz", "/healthz", expect=200)

    # Catalogue.
    template = "/v1/properties/{propertyInfoId}"
    _, details = call("GET", f"/v1/properties/{PROPERTY}", template, expect=200)
    details = details["data"]
    call("GET", "/v1/properties/no-such-property", template, expect=404)
    call("GET", f"/v1/properties/{PROPERTY}", template, headers={}, expect=401)
    call("GET", f"/v1/properties/{PROPERTY}", template, headers={"X-API-Key": "pk_nope"}, expect=401)
    call("GET", f"/v1/properties/{PROPERTY}", template,
         headers={"X-API-Key": "pk_demo", "Origin": "https://evil.example"}, expect=403)
    call("GET", "/v1/no/such/endpoint", None, expect=404)
    # Not UTF-8 once percent-decoded: the envelope, not axum's plain text.
    call("GET", "/v1/properties/%FF", template, expect=400)
    call("GET", "/v1/booking/%C3/activity-quotation/preview",
         "/v1/booking/{bookingId}/activity-quotation/preview", expect=400)

    tenant_type = details["tenantTypes"][0]["id"]
    listing_path = (f"/v1/search/storage/{STORAGE}/property/{PROPERTY}/user-type/{tenant_type}"
                    "/storageGroup/{group}/period/{period}/price/list")
    _, listing = call("GET", listing_path.format(group=0, period="MONTHLY"), LISTING, expect=200)
    call("GET", listing_path.format(group="x", period="MONTHLY"), LISTING, expect=400)
    call("GET", listing_path.format(group=0, period="WEEKLY"), LISTING, expect=400)
    call("GET", listing_path.format(group=987654, period="MONTHLY"), LISTING, expect=404)

    # A selection the catalogue offers, for quotes, bookings and the waiting list.
    size, variant = next(
        (size, variant)
        for data in listing["data"]["propertySizePriceData"]
        for size in data["sizes"]
        for category in size["storageCategory"]
        for variant in category["price"]
        if variant["rentalPrice"] and variant["availableSpaceForRent"] > 0
    )
    selection = {
        "propertyInfoId": PROPERTY, "storageInfoId": STORAGE,
        "storageSpaceSizeInfoId": size["storageSpaceSizeInfoId"], "priceId": variant["id"],
        "mode": "RENT", "taxUserTypeInfoId": tenant_type, "paymentPeriod": "MONTHLY",
        "moveInDate": details["earliestMoveInDate"],
        "insurancePlanId": details["insurancePlans"][0]["id"] if details["insurancePlans"] else None,
        "addOns": [], "promoCode": None,
    }

    _, quote = call("POST", "/v1/quotes", "/v1/quotes", selection, expect=200)
    call("POST", "/v1/quotes", "/v1/quotes", {**selection, "priceId": "nope"}, expect=422)
    call("POST", "/v1/quotes", "/v1/quotes", raw=b"{not json", expect=400)
    call("POST", "/v1/quotes", "/v1/quotes", raw=b"{}", headers={**KEY, "Content-Type": "text/plain"},
         expect=415)
    call("POST", "/v1/quotes", "/v1/quotes", raw=b" " * 20000, expect=413)

    tenant = {
        "firstName": "Giada", "lastName": "Rossi", "email": "giada@example.fr",
        "phoneNumber": "+33 111120000", "address": "2400 Rue des Chalets", "city": "Toulouse",
        "postalCode": "31000", "countryISOCode2": "FR",
    }
    booking = {**selection, "tenant": tenant, "termsAccepted": True,
               "expectedDueAtMoveIn": quote["data"]["quote"]["dueAtMoveIn"],
               "attribution": {"utmSource": "newsletter"}}
    key = str(uuid.uuid4())
    with_key = {**KEY, "Idempotency-Key": key}
    _, booked = call("POST", "/v1/bookings", "/v1/bookings", booking, headers=with_key, expect=201)
    call("POST", "/v1/bookings", "/v1/bookings", booking, headers=with_key, expect=201)
    call("POST", "/v1/bookings", "/v1/bookings", {**booking, "termsAccepted": False},
         headers=with_key, expect=422)
    call("POST", "/v1/bookings", "/v1/bookings", {**booking, "expectedDueAtMoveIn": "0.01"},
         headers={**KEY, "Idempotency-Key": str(uuid.uuid4())}, expect=409)
    call("POST", "/v1/bookings", "/v1/bookings", booking, expect=400)
    call("POST", "/v1/bookings", "/v1/bookings", booking,
         headers={**KEY, "Idempotency-Key": '""'}, expect=400)
    call("POST", "/v1/bookings", "/v1/bookings", {**booking, "tenant": {**tenant, "postalCode": "3100"}},
         headers={**KEY, "Idempotency-Key": str(uuid.uuid4())}, expect=422)

    template = "/v1/booking/{bookingId}/activity-quotation/preview"
    booking_id = booked["data"]["id"]
    call("GET", f"/v1/booking/{booking_id}/activity-quotation/preview", template, expect=200)
    call("GET", "/v1/booking/no-such-booking/activity-quotation/preview", template, expect=404)

    contact = {"firstName": "Giada", "lastName": "Rossi", "email": "giada@example.fr"}
    waiting = {**selection, "contact": contact}
    call("POST", "/v1/waiting-list", "/v1/waiting-list", waiting, expect=201)
    call("POST", "/v1/waiting-list", "/v1/waiting-list",
         {**waiting, "contact": {**contact, "email": "nope"}}, expect=422)
    call("POST", "/v1/waiting-list", "/v1/waiting-list", raw=b"[", expect=400)
    call("POST", "/v1/waiting-list", "/v1/waiting-list", raw=b"{}",
         headers={**KEY, "Content-Type": "text/plain"}, expect=415)

    for line in checked:
        print(f"  ok  {line}")
    print(f"client_check: {len(checked)} answers parsed by the generated client")


if __name__ == "__main__":
    main()
