"""Verifies a PenguinMails webhook in Python (standard library only). Use the RAW request body bytes."""
import base64
import hashlib
import hmac
import time


def verify_penguin_signature(raw_body: bytes, header: str, secret: str) -> bool:
    """X-PenguinMails-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the whole secret string>."""
    expected = "sha256=" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header or "")


def verify_standard_webhook(raw_body: bytes, headers: dict, secret: str, tolerance_seconds: int = 300) -> bool:
    """Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, key = base64 part after "whsec_"."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    # refuse replays: a timestamp (seconds) further than the tolerance from now, or not a number at all
    if not msg_id or not timestamp or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s) for s in headers.get("webhook-signature", "").split(" "))

# Flask:
#   @app.post("/webhooks/penguinmails")
#   def receive():
#       if not verify_penguin_signature(request.get_data(), request.headers.get("X-PenguinMails-Signature"), SECRET):
#           return "Invalid signature", 401
#       event = request.get_json()
#       return "OK", 200
