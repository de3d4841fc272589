"""OpenID Connect sign-in (issue 12); the client is in ``integrations.oidc.client``.

This package's top level stays light: the command line imports ``SignInError`` on every start.
"""

from integrations.oidc.errors import SignInError

__all__ = ["SignInError"]
