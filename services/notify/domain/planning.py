"""From one notice to its deliveries: who receives it (by the route's roles), through which
channel, with which message, and a clear failure where someone cannot be reached. Pure: the
application loads the directory entries first (`Directory`), this module decides."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from services.notify.domain import templates
from services.notify.domain.model import (
    CHANNEL_ZH,
    UNKNOWN_RECIPIENT,
    Channel,
    Contact,
    Delivery,
    Message,
    Via,
)
from services.notify.domain.notices import Notice
from services.notify.domain.routing import (
    DEFAULT_ROUTES,
    DIRECTOR,
    FINANCE,
    REP,
    ROLE_ZH,
    SUPERVISOR,
    Route,
    finance_for_region,
)

NO_MESSAGE = Message("text", "", "")


@dataclass(frozen=True)
class Directory:
    """What the directory holds about the people one notice concerns: everyone it names (for
    their names and addresses), its supervisor, and the finance people who may cover it."""

    contacts: Mapping[str, Contact | None]
    supervisor_id: str = ""
    finance: Sequence[Contact] = field(default_factory=tuple)

    def contact(self, person_id: str) -> Contact | None:
        return self.contacts.get(person_id)

    def name(self, person_id: str) -> str:
        """The person's name, or their id when the directory does not know it."""
        found = self.contact(person_id) if person_id else None
        return found.name if found and found.name else person_id


def supervisor_of(notice: Notice, rep: Contact | None) -> str:
    """The supervisor the event names, else the rep's supervisor in the directory."""
    return notice.people.get(SUPERVISOR) or (rep.supervisor_id if rep else "")


def recipients(notice: Notice, route: Route, directory: Directory) -> list[tuple[str, str]]:
    """(person id, role) for each role on the route, each person once (the first role that
    names them)."""
    found: dict[str, str] = {}
    for role in route.roles:
        for person_id in _people_in(role, notice, directory):
            if person_id:
                found.setdefault(person_id, role)
    return list(found.items())


def _people_in(role: str, notice: Notice, directory: Directory) -> list[str]:
    if role == SUPERVISOR:
        return [directory.supervisor_id]
    if role == FINANCE:
        if notice.finance_ids:
            return list(notice.finance_ids)
        covering = finance_for_region(list(directory.finance), notice.region_code)
        return [c.person_id for c in covering]
    if role in (REP, DIRECTOR):  # only as the event names them (the director: an escalation)
        return [notice.people.get(role, "")]
    return []


def deliveries(notice: Notice, route: Route, directory: Directory, now: datetime) -> list[Delivery]:
    """One delivery per recipient and per group robot; when nobody can receive it at all, one
    failure to `unknown` that says whom it looked for."""
    planned = [] if route.muted else personal(notice, route, directory, now)
    planned += robots(notice, route, directory, now)
    if not planned and not route.muted:
        planned.append(nobody(notice, route, now))
    return planned


def personal(notice: Notice, route: Route, directory: Directory, now: datetime) -> list[Delivery]:
    planned = []
    for person_id, role in recipients(notice, route, directory):
        person = directory.contact(person_id)
        channel = route.channel_for(person)
        message = templates.render(notice.facts, role, directory.name)
        address = person.address(channel) if person else ""
        d = _delivery(notice, person_id, role, channel, message, address, now)
        # An unknown person or a missing channel id is a clear failure in the log, sent after
        # all if the person arrives soon (the application revives it).
        if person is None:
            d.await_contact(f"收件人 {person_id} 不在通讯录中", now)
        elif not address:
            d.await_contact(
                f"收件人 {person_id}({person.name})未绑定{CHANNEL_ZH[channel]}账号", now
            )
        planned.append(d)
    return planned


def robots(notice: Notice, route: Route, directory: Directory, now: datetime) -> list[Delivery]:
    planned = []
    for channel, address, secret in route.robots():
        message = templates.render_for_group(notice.facts, directory.name)
        d = _delivery(notice, robot_recipient(channel, address), templates.GROUP, channel,
                      message, address, now)  # fmt: skip
        d.via, d.robot_secret = Via.ROBOT, secret
        planned.append(d)
    return planned


def nobody(notice: Notice, route: Route, now: datetime) -> Delivery:
    role = route.roles[0] if route.roles else ""
    d = _delivery(notice, UNKNOWN_RECIPIENT, role, route.channel_for(None), NO_MESSAGE, "", now)
    roles = "、".join(ROLE_ZH.get(r, r) for r in route.roles)
    region = f"(区域 {notice.region_code})" if notice.region_code else ""
    d.undeliverable(f"找不到可接收此通知的{roles}{region}", now)
    return d


def malformed(
    event_id: str, event_type: str, tenant_id: str, error: str, now: datetime
) -> Delivery:
    """An event notify cannot read: a failure to `unknown`, on the channel its type would
    have used."""
    route = DEFAULT_ROUTES.get(event_type)
    channel = route.channel_for(None) if route else Channel.WECOM
    d = Delivery.planned(event_id=event_id, event_type=event_type, tenant_id=tenant_id,
                         recipient_id=UNKNOWN_RECIPIENT, role="", channel=channel,
                         message=NO_MESSAGE, address="", now=now)  # fmt: skip
    d.undeliverable(error, now)
    return d


def robot_recipient(channel: Channel, address: str) -> str:
    # The robot key / access token is a credential: the log shows a short digest of it.
    return f"robot:{channel.value}:{hashlib.sha256(address.encode()).hexdigest()[:10]}"


def _delivery(notice: Notice, recipient_id: str, role: str, channel: Channel, message: Message,
              address: str, now: datetime) -> Delivery:  # fmt: skip
    return Delivery.planned(
        event_id=notice.event_id, event_type=notice.event_type, tenant_id=notice.tenant_id,
        recipient_id=recipient_id, role=role, channel=channel, message=message, address=address,
        now=now, origin_at=notice.origin_at, event_at=notice.event_at,
    )  # fmt: skip
