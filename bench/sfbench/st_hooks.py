"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS=sfbench.st_hooks).

Publishing returns an edit key once; editing and unpublishing need it as a bearer token. The
stateful phase chains publish -> patch/delete by the pattern id (links), and this provider
supplies the key that the publish of that id returned, so those calls can succeed. Calls for
ids we hold no key for go without one (and must be refused with 401/403/404).
"""
import threading

import schemathesis

KEYS = {}
_lock = threading.Lock()


@schemathesis.hook
def after_call(context, case, response):
    if case.method.upper() == "POST" and case.path.endswith("/patterns") and response.status_code == 201:
        try:
            body = response.json()
        except ValueError:
            return
        if isinstance(body, dict) and isinstance(body.get("id"), str) and isinstance(body.get("edit_key"), str):
            with _lock:
                KEYS[body["id"]] = body["edit_key"]


@schemathesis.auth().apply_to(method=["PATCH", "DELETE"], path_regex=r"/patterns/\{id\}$")
class EditKey:
    def get(self, case, context):
        pid = (case.path_parameters or {}).get("id")
        with _lock:
            return KEYS.get(pid) if isinstance(pid, str) else None

    def set(self, case, data, context):
        if data:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
