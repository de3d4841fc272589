"""Adapters to outside systems, one subpackage or module each, implementing ``console.ports``.

No Qt here; network I/O is async; blocking libraries (keyring, TTS) run in an executor.
"""
