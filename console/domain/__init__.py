"""The domain: entities, value objects and policies of the contact centre.

Standard library only. No I/O, no clock reads (a moment is always passed in), no Qt. Everything
here is a plain value or a pure function, so it is safe to use from any thread.
"""
