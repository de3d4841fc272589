"""Text to speech for "Lees voor" and spoken alerts (issue 16); see ``pyttsx3_speech``."""

from integrations.speech.pyttsx3_speech import Pyttsx3Speech

__all__ = ["Pyttsx3Speech"]
