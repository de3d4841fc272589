"""Use cases of the console: async, Qt-free, over the ports in ``console.ports``."""
