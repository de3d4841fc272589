"""Visible focus for everyone, and the high-contrast theme (Beeld → Hoog contrast).

GUI thread only. The themes are application-wide style sheets (they reach every dialog too),
read from ``resources/themes``. The focus rule is always on: a keyboard user must see where
the focus is in the default theme as well.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QApplication

FOCUS = """
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QAbstractItemView:focus { border: 2px solid #1f5fa8; }
QPushButton:focus, QToolButton:focus {
    border: 2px solid #1f5fa8; border-radius: 3px; padding: 3px 6px;
}
QRadioButton:focus, QCheckBox:focus { color: #1f5fa8; text-decoration: underline; }
"""


def high_contrast_sheet() -> str:
    return (resources.files("resources") / "themes" / "high_contrast.qss").read_text("utf-8")


def apply_theme(*, high_contrast: bool) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    app.setStyleSheet(FOCUS + (high_contrast_sheet() if high_contrast else ""))
