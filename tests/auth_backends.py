"""Test-only authentication backend (config/test_settings.py).

Django's test client logs in with ``authenticate(**credentials)``, without a
request, and django-axes refuses calls without one. Here such calls get a stand-in
request from 127.0.0.1, so ``client.login()`` still works and a username locked
from that address is still refused. Calls with a request behave exactly as axes'.
"""

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class AxesTestClientBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
        return super().authenticate(request, username=username, password=password, **kwargs)
