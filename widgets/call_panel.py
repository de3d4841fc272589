"""Placeholder."""


def install_call_panel(window, calls, transfers):
    return None
