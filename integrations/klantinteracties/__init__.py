"""Adapter for the VNG Klantinteracties API (Open Klant 2.x): the shared system of record.

``client`` speaks HTTP (one long-lived ``httpx.AsyncClient``, retries, pagination), ``mapping``
turns our domain values into API bodies and back (and checks the spec's limits before sending),
``adapter`` implements the ``InteractionRemote`` port on top of both. No Qt here.
"""
