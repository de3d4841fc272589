"""The callback note dialog: who calls back, can they make it (N2), and the note itself.

GUI thread only. ``TargetPicker`` is a type-ahead over colleagues and desks with an
``AvailabilityCard`` that shows the service's check and verdict; the dialog adds the resident's
details and saves through ``CallbackService``. Keyboard-first: Enter picks the first match,
F4 takes the advice, Ctrl+Enter saves, Esc closes. What is typed is saved as a draft in the store
(a moment after each change, and at once on closing), so it survives closing and a restart.
All outside text (out-of-office messages, names) is shown as plain text. The dialog opens with
``open()``; its async work runs in the service's task group.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.availability import Verdict, VerdictKind, last_day_of
from console.domain.callbacks import SUMMARY_MAX_LENGTH, CallbackDraft, CallbackNote
from console.domain.errors import DomainError
from console.domain.model import Owner, OwnerKind
from console.services.callbacks import (
    AvailabilityCheck,
    CallbackFieldErrors,
    CallbackService,
    DuplicateNotes,
    Target,
)
from widgets import callback_texts as words
from widgets import texts
from widgets.i18n import render, show
from widgets.text_tools import TextTools
from widgets.ui_op import message_for, run_op

OWNER_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex

CARD_STYLE = """
#availabilityCard { background: #f7f9fc; border: 1px solid #c5cfdd; border-radius: 4px; }
#cardTitle { font-size: 13pt; font-weight: bold; }
#absenceMessage { background: #ffffff; border-left: 3px solid #8a4b00; padding: 4px;
                  color: #333333; }
#verdict { padding: 6px; border-radius: 3px; }
#verdict[kind="can_call_back"] { background: #e6f4ea; color: #0b5b26; }
#verdict[kind="route_to_replacement"], #verdict[kind="route_to_desk"]
    { background: #fff4e0; color: #6b3a00; }
#verdict[kind="failure"] { background: #fde7e9; color: #7a0012; }
.fieldError { color: #b00020; }
"""


def is_ctrl_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _error_label() -> QLabel:
    label = _plain(QLabel())
    label.setProperty("class", "fieldError")
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class TargetListModel(QAbstractListModel):
    """Every colleague and desk as "name — desk"; the completer filters it as the user types."""

    def __init__(self, targets: list[Target], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._targets = list(targets)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._targets)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._targets)):
            return None
        target = self._targets[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return target.label
        if role == OWNER_ROLE:
            return f"{target.owner.kind.value}:{target.owner.id}"
        return None

    def target_at(self, row: int) -> Target:
        return self._targets[row]


def owner_from_role(value: str) -> Owner:
    kind, _, ident = value.partition(":")
    return Owner(OwnerKind(kind), ident)


def _clock(moment: datetime, service: CallbackService) -> str:
    return service.calendar.local(moment).strftime("%H:%M")


class AvailabilityCard(QFrame):
    """Presence, out-of-office, free time up to the deadline, replacement, desk hours, verdict."""

    def __init__(self, service: CallbackService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("availabilityCard")
        self.setMinimumWidth(340)
        self.title = _plain(QLabel())
        self.title.setObjectName("cardTitle")
        self.presence = _plain(QLabel())
        self.absence = _plain(QLabel())
        self.absence_message = _plain(QLabel())
        self.absence_message.setObjectName("absenceMessage")
        self.free = _plain(QLabel())
        self.replacement = _plain(QLabel())
        self.desk = _plain(QLabel())
        self.verdict = _plain(QLabel())
        self.verdict.setObjectName("verdict")
        self.hint = _plain(QLabel())
        # Which source answered and how fresh its answer is (issue 13): a cached answer is
        # up to a minute old, and the agent must know what the advice rests on.
        self.source = _plain(QLabel())
        self.source.setObjectName("availabilitySource")
        self.source.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        for label in (
            self.title,
            self.presence,
            self.absence,
            self.absence_message,
            self.free,
            self.replacement,
            self.desk,
            self.verdict,
            self.hint,
            self.source,
        ):
            layout.addWidget(label)
        layout.addStretch(1)
        self.show_message(words.CHOOSE_TARGET)

    def _reset(self) -> None:
        for label in (
            self.presence,
            self.absence,
            self.absence_message,
            self.free,
            self.replacement,
            self.desk,
            self.verdict,
            self.hint,
            self.source,
        ):
            label.clear()
            label.hide()

    def show_message(self, text: str) -> None:
        self._reset()
        self.title.setText(self.tr("Bereikbaarheid"))
        self.presence.setText(text)
        self.presence.show()

    def show_failure(self, text: str) -> None:
        self._reset()
        self.title.setText(self.tr("Bereikbaarheid onbekend"))
        self._set_verdict(text, "failure")

    def _set_verdict(self, text: str, kind: str) -> None:
        self.verdict.setText(text)
        self.verdict.setProperty("kind", kind)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.show()

    def show_check(self, check: AvailabilityCheck) -> None:
        self._reset()
        service = self._service
        now = check.now
        self.title.setText(check.target_name)
        deadline_text = texts.moment(check.deadline, now)
        if check.colleague is not None and check.availability is not None:
            self.presence.setText(
                words.PRESENCE_NOW.format(presence=texts.PRESENCE[check.availability.presence])
            )
            self.presence.show()
            self._show_source(check)
        elif check.colleague is not None:
            # The source gave no answer (see below).
            self.presence.setText(self.tr("Status: onbekend"))
            self.presence.show()
        if check.absence is not None:
            last = last_day_of(check.absence, service.calendar)
            started = check.absence.start <= now
            first = service.calendar.local(check.absence.start).date()
            self.absence.setText(
                self.tr("Afwezig tot en met {last}").format(last=texts.day(last))
                if started
                else self.tr("Afwezig vanaf {first} tot en met {last}").format(
                    first=texts.day(first), last=texts.day(last)
                )
            )
            self.absence.show()
            if check.absence_message:
                self.absence_message.setText(
                    self.tr("Afwezigheidsbericht: {message}").format(message=check.absence_message)
                )
                self.absence_message.show()
        if check.colleague is not None and check.availability is not None:
            slots = [s for s in check.free_slots if s.length >= timedelta(minutes=15)]
            if slots:
                shown = ", ".join(
                    f"{texts.moment(s.start, now).rsplit(' ', 1)[0]} "
                    f"{_clock(s.start, service)}–{_clock(s.end, service)}"
                    for s in slots[:4]
                )
                more = self.tr(" (en nog {n})").format(n=len(slots) - 4) if len(slots) > 4 else ""
                self.free.setText(
                    self.tr("Vrij in de agenda tot {deadline}: {slots}{more}").format(
                        deadline=deadline_text, slots=shown, more=more
                    )
                )
            else:
                self.free.setText(
                    self.tr("Geen vrije tijd in de agenda tot {deadline}.").format(
                        deadline=deadline_text
                    )
                )
            self.free.show()
        if check.replacement is not None:
            self.replacement.setText(
                self.tr("Vervanger: {name}").format(name=check.replacement.name)
            )
            self.replacement.show()
        desk = check.desk
        if check.desk_open_now:
            today = service.calendar.local(now)
            closing = [
                end
                for start, end in desk.opening_hours.get(today.weekday(), ())
                if start <= today.time() < end
            ]
            until = (
                self.tr(" tot {clock}").format(clock=closing[0].strftime("%H:%M"))
                if closing
                else ""
            )
            self.desk.setText(
                self.tr("{desk}: nu open{until}.").format(desk=desk.name, until=until)
            )
        elif check.desk_next_opening is not None:
            self.desk.setText(
                self.tr("{desk}: gesloten, weer open {moment}.").format(
                    desk=desk.name, moment=texts.moment(check.desk_next_opening, now)
                )
            )
        else:
            self.desk.setText(self.tr("{desk}: gesloten.").format(desk=desk.name))
        self.desk.show()
        if check.verdict is None:
            self._set_verdict(show(check.failure), "failure")
            return
        verdict = check.verdict
        self._set_verdict(
            f"{words.VERDICT_TITLE[verdict.kind]}\n{_reason(verdict)}\n"
            + self.tr("Uiterlijk terugbellen: {deadline}.").format(deadline=deadline_text),
            verdict.kind.value,
        )
        if verdict.kind is not VerdictKind.CAN_CALL_BACK:
            name = service.target_name(verdict.target)
            self.hint.setText(
                self.tr("Druk op F4 om de notitie naar {name} te sturen.").format(name=name)
            )
            self.hint.show()

    def _show_source(self, check: AvailabilityCheck) -> None:
        facts = check.availability
        if facts is None or not facts.source:
            return
        text = self.tr("Bron: {source}").format(source=facts.source)
        if facts.as_of is not None:
            text += self.tr(", bijgewerkt om {clock}").format(
                clock=_clock(facts.as_of, self._service)
            )
        self.source.setText(text)
        self.source.show()


class TargetPicker(QObject):
    """Type-ahead target search, availability card and override reason (dialog building block).

    Not a widget itself: the dialog lays out its widgets. ``target`` is the chosen owner;
    ``check`` the availability check for it (None while checking or when it failed).
    """

    checked = Signal()  # a check finished (or failed) for the current target
    changed = Signal()

    def __init__(self, service: CallbackService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.target: Owner | None = None
        self.check: AvailabilityCheck | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(words.PLACEHOLDER_TARGET)
        self.edit.setAccessibleName(self.tr("Wie belt terug"))
        # Model and completer live and die with the line edit they serve (not with this
        # helper object), so the completer's popup never outlives its widget.
        self.model = TargetListModel(service.targets(), self.edit)
        self.completer = QCompleter(self.model, self.edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.edit.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._on_completer_activated)
        # Installed after the completer's own filter, so it runs first: the first Enter picks
        # the top match instead of only closing the list.
        self.completer.popup().installEventFilter(self)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.error = _error_label()
        self.card = AvailabilityCard(service)
        self.override = QLineEdit()
        self.override.setPlaceholderText(words.PLACEHOLDER_OVERRIDE)
        self.override.setAccessibleName(self.tr("Reden om af te wijken van het advies"))
        self.override.textChanged.connect(lambda _t: self.changed.emit())
        self.override_error = _error_label()
        self.override_hint = _plain(QLabel(words.OVERRIDE_NEEDED))
        self.override_hint.hide()

    # -- choosing ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not self.completer.popup().currentIndex().isValid()
        ):
            first = self.completer.completionModel().index(0, 0)
            if first.isValid():
                self.completer.popup().hide()
                self._on_completer_activated(first)
                return True
        return super().eventFilter(watched, event)

    def _on_completer_activated(self, index: QModelIndex) -> None:
        value = index.data(OWNER_ROLE)
        if value:
            self.set_target(owner_from_role(value))

    def _on_edit_return_pressed(self) -> None:
        popup = self.completer.popup()
        if popup.isVisible():
            if not popup.currentIndex().isValid():  # nothing highlighted: the top match
                first = self.completer.completionModel().index(0, 0)
                if first.isValid():
                    popup.hide()
                    self._on_completer_activated(first)
            return  # otherwise the completer handles Enter itself
        matches = self._service.targets(self.edit.text())
        if matches and (self.target is None or self.edit.text() != self._label(self.target)):
            self.set_target(matches[0].owner)
        elif not matches:
            self.show_error(self.tr("Niemand gevonden met deze naam. Typ een deel van een naam."))

    def _on_edit_text_edited(self, _text: str) -> None:
        self.error.hide()
        self.changed.emit()

    def _label(self, owner: Owner) -> str:
        found = [t for t in self._service.targets() if t.owner == owner]
        return found[0].label if found else owner.id

    def set_target(self, owner: Owner, *, check: bool = True) -> None:
        self.target = owner
        self.check = None
        self.error.hide()
        self.edit.setText(self._label(owner))
        self.completer.popup().hide()
        self._update_override()
        self.changed.emit()
        if check:
            self.card.show_message(words.CHECKING)
            self._service.tasks.spawn(
                self._run_check(owner), what="bereikbaarheid", latest=f"check-{id(self)}"
            )

    async def _run_check(self, owner: Owner) -> None:
        try:
            result = await self._service.check(owner)
        except DomainError as exc:
            if owner == self.target:
                self.show_error(message_for(exc))
                self.card.show_failure(message_for(exc))
                self.checked.emit()
            return
        if owner != self.target:
            return
        self.check = result
        self.card.show_check(result)
        self._update_override()
        self.checked.emit()

    def accept_advice(self) -> bool:
        """Take the verdict's suggestion (one keystroke: F4); False when there is none."""
        if self.check is None or self.check.verdict is None:
            return False
        if self.check.verdict.target == self.target:
            return False
        self.set_target(self.check.verdict.target)
        return True

    def needs_override(self) -> bool:
        if self.target is None:
            return False
        if self.check is None:
            return True  # still checking, or the check failed
        return self.check.verdict is None or self.check.verdict.target != self.target

    def _update_override(self) -> None:
        needed = self.needs_override() and self.check is not None
        self.override_hint.setVisible(needed)
        self.override.setEnabled(self.target is not None)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def show_override_error(self, text: str) -> None:
        self.override_error.setText(text)
        self.override_error.show()
        self.override.setFocus()


class CallbackNoteDialog(QDialog):
    """See the module docstring. ``note_saved`` carries the saved note."""

    note_saved = Signal(object)  # CallbackNote
    restored = Signal()  # the draft or the prefill is in the fields

    def __init__(
        self,
        service: CallbackService,
        *,
        prefill: CallbackDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._prefill = prefill or CallbackDraft()
        self._filling = False
        self._confirm_duplicates = False
        self._saving = False
        self.saved_note: CallbackNote | None = None
        self.setWindowTitle(words.DIALOG_TITLE)
        self.setStyleSheet(CARD_STYLE)

        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(words.PLACEHOLDER_PHONE)
        self.phone2 = QLineEdit()
        self.email = QLineEdit()
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(110)
        self.summary.setMaximumHeight(220)
        self.counter = QLabel()
        self.best_time = QLineEdit()
        self.best_time.setPlaceholderText(words.PLACEHOLDER_BEST_TIME)
        self.picker = TargetPicker(service, self)
        self.errors: dict[str, QLabel] = {
            key: _error_label()
            for key in ("resident_name", "phone", "phone2", "email", "summary", "best_time")
        }
        self.errors["target"] = self.picker.error
        self.errors["override_reason"] = self.picker.override_error
        self.notice = _plain(QLabel())
        self.notice.hide()
        self.duplicates = _plain(QLabel())
        self.duplicates.setStyleSheet("background: #fff4e0; color: #6b3a00; padding: 4px;")
        self.duplicates.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(text: str, widget: QWidget, error: QLabel) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)

        row(words.LABEL_NAME, self.name, self.errors["resident_name"])
        row(words.LABEL_PHONE, self.phone, self.errors["phone"])
        row(words.LABEL_PHONE2, self.phone2, self.errors["phone2"])
        row(words.LABEL_EMAIL, self.email, self.errors["email"])
        summary_box = QVBoxLayout()
        summary_box.setSpacing(1)
        summary_box.addWidget(self.summary)
        summary_box.addWidget(TextTools(self.summary))  # issue 16: B1 hints, "Lees voor"
        summary_box.addWidget(self.counter)
        summary_box.addWidget(self.errors["summary"])
        summary_label = QLabel(words.LABEL_SUMMARY)
        summary_label.setBuddy(self.summary)
        form.addRow(summary_label, summary_box)
        row(words.LABEL_BEST_TIME, self.best_time, self.errors["best_time"])
        row(words.LABEL_TARGET, self.picker.edit, self.picker.error)
        override_box = QVBoxLayout()
        override_box.setSpacing(1)
        override_box.addWidget(self.picker.override)
        override_box.addWidget(TextTools(self.picker.override))  # issue 16: B1 hints
        override_box.addWidget(self.picker.override_hint)
        override_box.addWidget(self.picker.override_error)
        override_label = QLabel(words.LABEL_OVERRIDE)
        override_label.setBuddy(self.picker.override)
        form.addRow(override_label, override_box)

        self.save_button = QPushButton(words.BUTTON_SAVE)
        self.advice_button = QPushButton(words.BUTTON_ADVICE)
        self.cancel_button = QPushButton(words.BUTTON_CANCEL)
        for button in (self.save_button, self.advice_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.advice_button.clicked.connect(self.picker.accept_advice)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.advice_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.duplicates)
        left.addWidget(self.notice)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.picker.card, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.resize(1000, 600)

        self._autosave = QTimer(self, singleShot=True, interval=400)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        for edit in (self.name, self.phone, self.phone2, self.email, self.best_time):
            edit.textChanged.connect(self._on_field_changed)
        self.summary.textChanged.connect(self._on_field_changed)
        self.picker.changed.connect(self._on_field_changed)
        self.picker.checked.connect(self._on_picker_checked)
        self.summary.installEventFilter(self)
        self._on_summary_changed()

    # -- filling ----------------------------------------------------------------------------

    async def restore(self) -> None:
        """Fill the fields: the saved draft for this item if there is one, else the prefill."""
        try:
            draft = await self._service.load_draft(self._prefill.source_interaction_id)
        except Exception as exc:
            self._show_notice(message_for(exc))
            draft = None
        if draft is not None and not draft.is_empty:
            self.fill(draft)
            self._show_notice(words.DRAFT_RESTORED)
        else:
            self.fill(self._prefill)
        self.restored.emit()

    def fill(self, draft: CallbackDraft) -> None:
        self._filling = True
        try:
            self._prefill = draft
            self.name.setText(draft.resident_name)
            self.phone.setText(draft.phone)
            self.phone2.setText(draft.phone2)
            self.email.setText(draft.email)
            self.summary.setPlainText(draft.summary)
            self.best_time.setText(draft.best_time)
            self.picker.override.setText(draft.override_reason)
            if draft.target is not None:
                self.picker.set_target(draft.target)
        finally:
            self._filling = False
        first_empty = next(
            (w for w in (self.name, self.phone) if not w.text().strip()),
            self.summary if not draft.summary.strip() else self.picker.edit,
        )
        first_empty.setFocus()

    def draft(self) -> CallbackDraft:
        target = self.picker.target
        return CallbackDraft(
            resident_name=self.name.text(),
            phone=self.phone.text(),
            phone2=self.phone2.text(),
            email=self.email.text(),
            summary=self.summary.toPlainText(),
            best_time=self.best_time.text(),
            target_kind=target.kind.value if target else "",
            target_id=target.id if target else "",
            override_reason=self.picker.override.text(),
            resident_id=self._prefill.resident_id,
            source_interaction_id=self._prefill.source_interaction_id,
        )

    # -- events -----------------------------------------------------------------------------

    def _on_field_changed(self, *_args: object) -> None:
        self._on_summary_changed()
        self._confirm_duplicates = False
        if not self._filling and not self._saving:
            self._autosave.start()

    def _on_summary_changed(self) -> None:
        length = len(self.summary.toPlainText().strip())
        self.counter.setText(
            self.tr("{length} van {limit} tekens").format(length=length, limit=SUMMARY_MAX_LENGTH)
        )
        self.counter.setStyleSheet("color: #b00020;" if length > SUMMARY_MAX_LENGTH else "")

    def _on_autosave_timeout(self) -> None:
        self._service.tasks.spawn(
            self._service.save_draft(self.draft()), what="concept bewaren", latest="callback-draft"
        )

    def _on_picker_checked(self) -> None:
        self.advice_button.setEnabled(
            self.picker.check is not None
            and self.picker.check.verdict is not None
            and self.picker.check.verdict.target != self.picker.target
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary and event.type() == QEvent.Type.KeyPress:
            if self._handle_key(event):  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if is_ctrl_enter(event):
            self.save()
            return True
        if event.key() == Qt.Key.Key_F4:
            self.picker.accept_advice()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # plain Enter never closes the dialog (it picks a target in the search)
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close without saving the note; what was typed stays as a draft."""
        self._autosave.stop()
        if not self._saving:
            self._service.tasks.spawn(
                self._service.save_draft(self.draft()),
                what="concept bewaren",
                latest="callback-draft",
            )
        super().reject()

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving:
            return
        run_op(
            self._service.tasks,
            self._save(),
            what="terugbelnotitie opslaan",
            busy=[self.save_button],
        )

    async def _save(self) -> None:
        self._saving = True
        self._autosave.stop()
        for label in self.errors.values():
            label.hide()
        draft = self.draft()
        check = self.picker.check if self.picker.target == draft.target else None
        try:
            note = await self._service.create(
                draft, check=check, confirm_duplicates=self._confirm_duplicates
            )
        except CallbackFieldErrors as exc:
            self._saving = False
            self.show_errors(exc.errors)
            return
        except DuplicateNotes as exc:
            self._saving = False
            self._confirm_duplicates = True
            lines = [
                self.tr("• {name}: {summary} — bij {assignee}, uiterlijk {deadline}").format(
                    name=n.resident_name,
                    summary=n.summary[:60],
                    assignee=self._service.target_name(n.assignee),
                    deadline=texts.moment(n.deadline, self._service.clock.now()),
                )
                for n in exc.notes[:3]
            ]
            self.duplicates.setText("\n".join([words.DUPLICATES_FOUND, *lines]))
            self.duplicates.show()
            return
        except Exception as exc:
            self._saving = False
            self._show_notice(message_for(exc))
            raise
        self.saved_note = note
        self.note_saved.emit(note)
        self.done(QDialog.DialogCode.Accepted)

    def show_errors(self, errors: dict[str, str]) -> None:
        first: QWidget | None = None
        focus = {
            "resident_name": self.name,
            "phone": self.phone,
            "phone2": self.phone2,
            "email": self.email,
            "summary": self.summary,
            "best_time": self.best_time,
            "target": self.picker.edit,
            "override_reason": self.picker.override,
        }
        for key, text in errors.items():
            label = self.errors.get(key)
            if label is None:
                continue
            label.setText(show(text))  # Dutch source or a Sentence: the active language
            label.show()
            first = first or focus[key]
        if first is not None:
            first.setFocus()

    def error_text(self, field: str) -> str:
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()


def _reason(verdict: Verdict) -> str:
    """The verdict's sentence in the active language (Dutch when it carries no data)."""
    return render(verdict.reason_text) if verdict.reason_text is not None else verdict.reason
