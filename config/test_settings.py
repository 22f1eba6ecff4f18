"""Settings for the test suite: the same as the default, with a fast password hasher."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the finders (no collectstatic needed in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Login protection stays on. Django's test client logs in without a request, which
# axes refuses: the first backend gives such calls a stand-in request (see
# tests/auth_backends.py) and behaves as axes' own otherwise.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.AxesTestClientBackend",
    *[b for b in AUTHENTICATION_BACKENDS if not b.startswith("axes.")],  # noqa: F405
]
# Throttling is on but out of the suite's way; tests/security/test_login_protection.py
# lowers the rates to prove it. Each test process counts in its own memory, never in
# a Redis shared with other workers or runs.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/min",
        "user": "100000/min",
        "auth-token": "100000/min",
    },
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
