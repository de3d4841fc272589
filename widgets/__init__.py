"""Qt widgets of the console: main window, item models, dialogs.

GUI thread only. Widgets talk to services (``console.services``) and show domain values; they
never reach the store or an adapter. Async work is spawned on the service's ``TaskGroup``, which
keeps the task and reports its failure to the user.
"""
