"""No Dutch text goes straight into a Qt text setter: every one passes through the translator.

An AST scan of ``widgets/``: a string literal (or an f-string with words in it) handed to a
Qt call that shows text (``setText``, ``setWindowTitle``, ``QLabel(...)``, ``addItem`` …) fails
the test with its file and line. Text must arrive through ``self.tr(...)``,
``QCoreApplication.translate(...)`` or a ``QT_TRANSLATE_NOOP`` table translated at use.
Key names ("Ctrl+K", "F9"), punctuation and file-type filters are not words to translate.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

WIDGETS = Path(__file__).resolve().parent.parent / "widgets"

SETTERS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setAccessibleName",
    "setAccessibleDescription",
    "setPlaceholderText",
    "setStatusTip",
    "setWhatsThis",
    "setTitle",
    "setTabText",
    "setTabToolTip",
    "addTab",
    "insertTab",
    "addItem",
    "addItems",
    "insertItem",
    "addMenu",
    "addSection",
    "addButton",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "setLabelText",
    "setPlainText",
    "setHtml",
    "showMessage",
    "addRow",
    "setInformativeText",
    "setDetailedText",
    "setWindowIconText",
    "show_info",
    "show_error",
    "notify",
    "addAction",
    "getSaveFileName",
    "getOpenFileName",
    "getExistingDirectory",
    "information",
    "warning",
    "critical",
    "question",
}
CONSTRUCTORS = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QRadioButton",
    "QCheckBox",
    "QAction",
    "QGroupBox",
    "QMessageBox",
    "QMenu",
    "QFileDialog",
    "QDockWidget",
    "QListWidgetItem",
    "QTableWidgetItem",
    "DomainError",
}
TRANSLATORS = {"tr", "translate", "QT_TRANSLATE_NOOP", "_tr"}
# Not words: key names ("Ctrl+Shift+P", "F9", "Esc"), default file names and file filters.
KEYS = re.compile(r"(?:(?:Ctrl|Alt|Shift|Meta)\+)+\w*|\bF\d{1,2}\b|\b(?:Esc|Enter|Return|Tab)\b")
NOT_WORDS = re.compile(r"^(?:[\w.-]+\.\w{2,4}|[A-Z]+ \(\*\.\w+\)|#[0-9a-fA-F]{3,8})$")


def _words(node: ast.AST) -> str | None:
    """The literal words in ``node`` when it is a str literal or an f-string with words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _words(node.left) or _words(node.right)
    elif isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    else:
        return None
    text = text.strip()
    if NOT_WORDS.match(text) or not re.search(r"[A-Za-zÀ-ÿ]{2,}", KEYS.sub("", text)):
        return None
    return text


def untranslated_literals(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename)
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SETTERS and name not in CONSTRUCTORS:
            continue
        candidates = [*node.args, *(k.value for k in node.keywords if k.arg in {"text", "title"})]
        for arg in candidates:
            # A list or tuple of header labels counts element by element.
            elements = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
            for element in elements:
                words = _words(element)
                if words is not None:
                    found.append(f"{filename}:{element.lineno}: {name}({words!r})")
    return found


def test_no_dutch_literal_reaches_a_qt_text_setter_untranslated() -> None:
    found: list[str] = []
    for path in sorted(WIDGETS.glob("*.py")):
        found += untranslated_literals(path.read_text(encoding="utf-8"), path.name)
    assert not found, "Dutch text shown without tr():\n" + "\n".join(found)


def test_the_scan_catches_a_bare_literal_and_lets_translated_ones_pass() -> None:
    """The scan itself can fail: a bare literal, an f-string and a header list are found."""
    bad = (
        "label.setText('Opgeslagen')\n"
        "QPushButton(f'Bel {name} terug')\n"
        "table.setHorizontalHeaderLabels(['Naam', self.tr('Soort')])\n"
        "QMessageBox.warning(self, 'Let op', self.tr('x'))\n"
    )
    assert len(untranslated_literals(bad, "bad.py")) == 4
    good = (
        "label.setText(self.tr('Opgeslagen'))\n"
        "QPushButton(QCoreApplication.translate('ctx', 'Bel {name}').format(name=n))\n"
        "action.setShortcut('Ctrl+K')\n"
        "button.setText(f'{label} ({native})')\n"
        "self.setToolTip('F9')\n"
    )
    assert untranslated_literals(good, "good.py") == []
