"""The organisation the console serves: desks, colleagues and partner organisations.

An immutable snapshot with lookups by id; built by an ``OrganisationSource`` adapter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from console.domain.model import Colleague, Desk, Owner, OwnerKind, PartnerOrganisation


@dataclass(frozen=True)
class Organisation:
    name: str
    desks: tuple[Desk, ...] = ()
    colleagues: tuple[Colleague, ...] = ()
    partners: tuple[PartnerOrganisation, ...] = ()
    _desk_index: dict[str, Desk] = field(default_factory=dict, repr=False, compare=False)
    _colleague_index: dict[str, Colleague] = field(default_factory=dict, repr=False, compare=False)
    _partner_index: dict[str, PartnerOrganisation] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._desk_index.update({d.id: d for d in self.desks})
        self._colleague_index.update({c.id: c for c in self.colleagues})
        self._partner_index.update({p.id: p for p in self.partners})

    def desk(self, desk_id: str) -> Desk | None:
        return self._desk_index.get(desk_id)

    def colleague(self, colleague_id: str) -> Colleague | None:
        return self._colleague_index.get(colleague_id)

    def partner(self, partner_id: str) -> PartnerOrganisation | None:
        return self._partner_index.get(partner_id)

    def members(self, desk_id: str) -> Iterable[Colleague]:
        return (c for c in self.colleagues if c.desk_id == desk_id)

    def owner_name(self, owner: Owner) -> str:
        """The name to show for an owner; an unknown id shows as itself, never as empty."""
        if owner.kind is OwnerKind.COLLEAGUE:
            found = self.colleague(owner.id)
            return found.name if found else owner.id
        desk = self.desk(owner.id)
        return desk.name if desk else owner.id

    def actor_name(self, actor_id: str) -> str:
        colleague = self.colleague(actor_id)
        if colleague:
            return colleague.name
        desk = self.desk(actor_id)
        return desk.name if desk else actor_id
