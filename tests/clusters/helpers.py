"""Helpers of the clusters tests."""

from rest_framework.authtoken.models import Token


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}
