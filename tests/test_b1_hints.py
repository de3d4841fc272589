"""Live plain-Dutch (B1) hints under the text boxes people read (issue 16, N13).

Typed with real key events into the real dialogs: an officialese sentence gets a hint naming
the word and its plain alternative a short pause after typing; plain text clears it; every key
lands in the box (the hint never blocks or eats typing). Also: every box a resident or
colleague reads has the hint row under it.
"""

from __future__ import annotations

from PySide6.QtTest import QTest

from console.channels import ReplyKind
from tests.helpers import running_app, until
from widgets.conversation import ReplyDialog
from widgets.dialogs import CloseDialog, NoteDialog
from widgets.text_tools import TextTools

OFFICIALESE = "Derhalve verzoeken wij u het formulier te retourneren."
PLAIN = "Wij sturen u het formulier. Stuur het terug voor vrijdag."


def _tools_of(dialog) -> TextTools:
    found = dialog.findChildren(TextTools)
    assert len(found) == 1, "the box has no hint row under it"
    return found[0]


def test_typing_officialese_shows_the_word_and_its_plain_alternative_and_plain_text_clears_it(
    qloop,
):
    async def scenario():
        dialog = CloseDialog()
        dialog.show()
        tools = _tools_of(dialog)
        assert tools.box is dialog.note
        dialog.note.setFocus()
        QTest.keyClicks(dialog.note, OFFICIALESE)
        typed = dialog.note.toPlainText()  # every key landed before any check ran
        await until(lambda: tools.hint.text(), what="the hint appears")
        hint = tools.hint.text()
        dialog.note.selectAll()
        QTest.keyClicks(dialog.note, PLAIN)
        await until(lambda: not tools.hint.text(), what="the hint clears")
        text = dialog.note.toPlainText()
        dialog.reject()
        dialog.deleteLater()
        return typed, hint, text

    typed, hint, text = qloop.run_until_complete(scenario())
    assert typed == OFFICIALESE
    assert "'Derhalve' is ambtelijk; schrijf liever: daarom." in hint
    assert "'verzoeken' is ambtelijk; schrijf liever: vragen." in hint
    assert hint.startswith("Taalniveau:")
    assert text == PLAIN


def test_every_box_a_resident_or_colleague_reads_has_the_hint_row(qloop, tmp_path, clock):
    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            guide = app.call_panel.guide
            checked = {
                "transfer summary: what": guide.what,
                "transfer summary: tried": guide.tried,
            }
            note = NoteDialog(window)
            checked["note"] = note.editor
            reply = ReplyDialog(
                app.intake, "x", ReplyKind.ANSWER, to="", subject="", text="", parent=window
            )
            checked["reply to a resident"] = reply.body
            dialog = app.callback_ui.open_callback_dialog()
            await app.callbacks.tasks.drain()
            checked["callback note question"] = dialog.summary
            checked["callback note: reason to differ"] = dialog.picker.override
            boxes = {
                name: any(t.box is box for t in window.findChildren(TextTools))
                for name, box in checked.items()
            }
            dialog.reject()
            note.deleteLater()
            reply.deleteLater()
            return boxes

    boxes = qloop.run_until_complete(scenario())
    assert all(boxes.values()), boxes
