"""kcc-console: the desktop agent console for a municipal contact centre (KCC).

The layers are described in ARCHITECTURE.md: ``console.domain`` (pure rules),
``console.services`` (async use cases over ``console.ports``), adapters in ``integrations`` and
``offline_cache``, Qt in ``widgets``, and ``console.app`` as the one composition root.
"""

__version__ = "0.1.0"
