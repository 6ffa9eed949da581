"""The bad-input table of every Gateway call: what is sent, as whom, the status it must
answer, the fields an INVALID_ARGUMENT must name, and what must not have been written.

Every call the gateway serves needs entries here (the sweep fails otherwise), so a new call
joins the sweep when it is implemented (calls declared in gateway.proto ahead of their
implementation must answer UNIMPLEMENTED until then). Entries build their request from the
`World` the sweep sets up (a tenant, its people, a lead, a rule, a photo), so they can name
things that exist. `defect` marks an entry that fails today because of the owning service;
it is run as a strict xfail, so the fix turns it green and the mark must then go.

Besides these hand-written entries, `generic_entries` derives four per call from the
descriptor: no token, a truncated message, a string field that is not UTF-8, and an enum
number no name has.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import grpc
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from devstack.frontend import storefront_jpeg, visit_card
from sales.assignment.v1 import assignment_pb2 as a
from sales.common.v1 import org_pb2
from sales.common.v1 import types_pb2 as t
from sales.events.v1 import erp_events_pb2 as erp
from sales.gateway.v1 import gateway_pb2 as gw
from sales.media.v1 import media_pb2 as m
from sales.notify.v1 import notify_pb2 as n
from sales.scoring.v1 import orders_pb2 as so
from sales.scoring.v1 import scoring_pb2 as s
from sales.visits.v1 import approvals_pb2 as ap
from sales.visits.v1 import batches_pb2 as vb
from sales.visits.v1 import cards_pb2 as v
from sales.visits.v1 import catalogue_pb2 as vcat
from sales.visits.v1 import commitments_pb2 as vc
from sales.visits.v1 import first_visits_pb2 as vf
from sales.visits.v1 import history_pb2 as vh
from sales.visits.v1 import plans_pb2 as vp
from sales.visits.v1 import ratings_pb2 as ra
from sales.visits.v1 import returns_pb2 as rt
from sales.visits.v1 import settings_pb2 as vs
from sales.visits.v1 import sheets_pb2 as vsh
from sales.visits.v1 import stock_pb2 as st
from sales.visits.v1 import stores_pb2 as vst
from services.scoring.domain.orders import MAX_BATCH as MAX_ORDERS

GATEWAY = gw.DESCRIPTOR.services_by_name["Gateway"]
M = TypeVar("M", bound=Message)
IA = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
DENIED = grpc.StatusCode.PERMISSION_DENIED
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
OK = grpc.StatusCode.OK
HUGE = "x" * 100_000  # over the gateway's ceiling: refused at the door
LONG = "长" * 3_000  # under it: the owning service's own limit must refuse it
FULL_WIDTH_PHONE = "1380013800０"  # the last digit full-width: `\d` takes it
JPEG_SOI = b"\xff\xd8\xff"
STOREFRONT = storefront_jpeg((320, 240))  # a real photo, for entries whose fault is elsewhere


@dataclass
class World:
    """What exists before the sweep runs; filled in by the sweep's fixture."""

    tenant: str
    supervisor: str
    rep: str
    other_rep: str  # a rep of another team
    lead_id: str  # assigned to `rep`
    rule_id: str
    rule_version: int
    photo_id: str
    visit_id: str  # a visit `rep` submitted
    other_tenant_photo_id: str  # `rep`'s id in another tenant uploaded this one
    store_id: str  # a store `rep` owns
    other_tenant_store_id: str  # a store of `rep`'s id in the other tenant
    commitment_id: str  # the open commitment of `visit_id`


@dataclass(frozen=True)
class Bad:
    call: str
    label: str
    build: Callable[[World], Message | bytes | list]  # a list is a stream's parts
    expect: grpc.StatusCode
    fields: frozenset[str] = frozenset()  # must be among the violations named
    as_: str = "admin"  # admin | rep | supervisor | other_rep | finance | none | bad-token
    written: Callable[[World, object], str] | None = None  # the key that must stay absent
    defect: str = ""  # why it fails today, and whose it is

    @property
    def id(self) -> str:
        return f"{self.call}-{self.label}"


def bad(call, label, build, expect, *fields, **kw) -> Bad:
    return Bad(call, label, build, expect, frozenset(fields), **kw)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


# --- requests that are right, for entries to spoil -----------------------------------------


def changed(message: M, **changes) -> M:
    """`message` with fields replaced: a list replaces a repeated field, a message is copied
    in, a callable is applied to the message (for nested or appended parts)."""
    for key, value in changes.items():
        if callable(value):
            value(message)
        elif isinstance(value, list):
            del getattr(message, key)[:]
            getattr(message, key).extend(value)
        elif isinstance(value, Message):
            getattr(message, key).CopyFrom(value)
        else:
            setattr(message, key, value)
    return message


def person(pid: str = "", **changes) -> org_pb2.Person:
    good = org_pb2.Person(
        person_id=pid or unique("sweep"), name="周业务", roles=[t.ROLE_REP],
        region_codes=["330100"], customer_types=[t.CUSTOMER_TYPE_KA], capacity=3,
        status=t.PERSON_STATUS_ACTIVE, wecom_userid="wx-sweep", phone="13800138000",
    )  # fmt: skip
    return changed(good, **changes)


def upsert(**changes) -> gw.UpsertPersonRequest:
    return gw.UpsertPersonRequest(person=person(**changes))


def lead(**changes) -> a.CreateLeadRequest:
    good = a.CreateLeadRequest(
        external_id=unique("sweep"), channel="exhibition", customer_type=t.CUSTOMER_TYPE_KA,
        region_code="330106", urgency=t.URGENCY_RED, customer_name="世纪联华(文三路店)",
        contact_name="陈经理", phone="13912345678", address="浙江省杭州市西湖区文三路 100 号",
        location=t.GeoPoint(latitude=30.28, longitude=120.13, datum=t.DATUM_GCJ02),
    )  # fmt: skip
    return changed(good, **changes)


def rule(**changes) -> a.UpsertRuleRequest:
    good = a.Rule(rule_id=unique("sweep"), name="扫描规则", priority=50, enabled=False,
                  strategy="least_loaded", match=a.RuleMatch(channels=["referral"]))  # fmt: skip
    return a.UpsertRuleRequest(rule=changed(good, **changes))


def card(w: World, **changes) -> v.SubmitVisitRequest:
    good = visit_card(w.rep, w.store_id, 30.28, 120.13, [w.photo_id])
    return changed(good, **changes)


def photos(*photo_ids: str) -> list[v.CardPhoto]:
    return [v.CardPhoto(photo_id=p, slot=v.PHOTO_SLOT_STOREFRONT) for p in photo_ids]


def upload(w: World, data: bytes = b"", **meta_changes) -> list[m.UploadPhotoRequest]:
    meta = m.PhotoMeta(photo_id=str(uuid.uuid4()), rep_id=w.rep, visit_id=str(uuid.uuid4()),
                       kind=m.PHOTO_KIND_STOREFRONT, filename="storefront.jpg")  # fmt: skip
    parts = [m.UploadPhotoRequest(meta=changed(meta, **meta_changes))]
    if data:
        parts.append(m.UploadPhotoRequest(chunk=data))
    return parts


def route(**changes) -> n.UpsertRouteRequest:
    good = n.Route(event_type="lead.reclaimed", roles=[t.ROLE_REP], channel=n.ROUTE_CHANNEL_WECOM)
    return n.UpsertRouteRequest(route=changed(good, **changes))


def far_future(stamp) -> None:
    stamp.seconds = 10**12  # year ~33,658: outside google.protobuf.Timestamp


# --- what must stay unwritten (the sweep looks each one up after the refusal) ---------------


def keyed(kind: str, get: Callable[[object], str]) -> Callable[[World, object], str]:
    return lambda _w, request: f"{kind}:{get(request)}"


person_id_of = keyed("person", lambda r: r.person.person_id)
external_id_of = keyed("lead", lambda r: r.external_id)
rule_id_of = keyed("rule", lambda r: r.rule.rule_id)
visit_id_of = keyed("visit", lambda r: r.visit_id)
photo_id_of = keyed("photo", lambda parts: parts[0].meta.photo_id)
route_of = keyed("route", lambda r: r.route.event_type)
commitment_of = keyed("commitment", lambda r: r.commitment_id)
settings_of = keyed("settings", lambda _r: "")
field_settings_of = keyed("field_settings", lambda _r: "")


# --- the table --------------------------------------------------------------------------------

PEOPLE = [
    bad("UpsertPerson", "unknown-role", lambda w: upsert(roles=[99]), IA, "person.roles[0]",
        written=person_id_of),
    bad("UpsertPerson", "unknown-status", lambda w: upsert(status=9), IA, "person.status",
        written=person_id_of),
    bad("UpsertPerson", "unknown-customer-type", lambda w: upsert(customer_types=[7]), IA,
        "person.customer_types[0]", written=person_id_of),
    bad("UpsertPerson", "unknown-channel", lambda w: upsert(preferred_channel=5), IA,
        "person.preferred_channel", written=person_id_of),
    bad("UpsertPerson", "unknown-province", lambda w: upsert(region_codes=["990100"]), IA,
        "person.region_codes[0]", written=person_id_of),
    bad("UpsertPerson", "full-width-region", lambda w: upsert(region_codes=["３３０１００"]), IA,
        "person.region_codes[0]", written=person_id_of),
    bad("UpsertPerson", "full-width-phone", lambda w: upsert(phone=FULL_WIDTH_PHONE), IA,
        "person.phone", written=person_id_of),
    bad("UpsertPerson", "missing-supervisor", lambda w: upsert(supervisor_id="nobody"), IA,
        "person.supervisor_id", written=person_id_of),
    bad("UpsertPerson", "self-supervisor", lambda w: upsert(pid="me-1", supervisor_id="me-1"),
        IA, "person.supervisor_id", written=person_id_of),
    bad("UpsertPerson", "huge-name", lambda w: upsert(name=HUGE), IA, "person.name",
        written=person_id_of),
    bad("UpsertPerson", "long-name", lambda w: upsert(name=LONG), IA, "person.name",
        written=person_id_of),
    bad("UpsertPerson", "nul-in-id", lambda w: upsert(pid="rep\x00x"), IA, "person.person_id",
        written=person_id_of),
    bad("UpsertPerson", "20000-regions", lambda w: upsert(region_codes=["330100"] * 20_000), IA,
        "person.region_codes", written=person_id_of),
    bad("UpsertPerson", "101-regions", lambda w: upsert(region_codes=["330100"] * 101), IA,
        "person.region_codes", written=person_id_of),
    bad("UpsertPerson", "long-wecom-id", lambda w: upsert(wecom_userid="w" * 100), IA,
        "person.wecom_userid", written=person_id_of),
    bad("UpsertPerson", "as-rep", lambda w: upsert(), DENIED, as_="rep", written=person_id_of),
    bad("GetPerson", "empty-id", lambda w: gw.GetPersonRequest(), IA, "person_id"),
    bad("GetPerson", "huge-id", lambda w: gw.GetPersonRequest(person_id=HUGE), IA, "person_id"),
    bad("GetPerson", "unknown", lambda w: gw.GetPersonRequest(person_id="nobody"), NOT_FOUND),
    bad("GetPerson", "other-team", lambda w: gw.GetPersonRequest(person_id=w.other_rep), DENIED,
        as_="rep"),
    bad("WhoAmI", "empty-subject", lambda w: gw.WhoAmIRequest(), UNAUTHENTICATED,
        as_="bad-token"),
]  # fmt: skip

LEADS = [
    bad("CreateLead", "huge-name", lambda w: lead(customer_name=HUGE), IA, "customer_name",
        written=external_id_of),
    bad("CreateLead", "long-name", lambda w: lead(customer_name="店" * 101), IA, "customer_name",
        written=external_id_of),
    bad("CreateLead", "huge-address", lambda w: lead(address=HUGE), IA, "address",
        written=external_id_of),
    bad("CreateLead", "long-address", lambda w: lead(address=LONG), IA, "address",
        written=external_id_of),
    bad("CreateLead", "long-contact", lambda w: lead(contact_name="王" * 51), IA, "contact_name",
        written=external_id_of),
    bad("CreateLead", "long-store-id", lambda w: lead(store_id="s" * 65), IA, "store_id",
        written=external_id_of),
    bad("CreateLead", "full-width-phone", lambda w: lead(phone=FULL_WIDTH_PHONE), IA, "phone",
        written=external_id_of),
    bad("CreateLead", "unknown-customer-type", lambda w: lead(customer_type=9), IA,
        "customer_type", written=external_id_of),
    bad("CreateLead", "unknown-urgency", lambda w: lead(urgency=9), IA, "urgency",
        written=external_id_of),
    bad("CreateLead", "nan-latitude",
        lambda w: lead(location=t.GeoPoint(latitude=float("nan"), longitude=120.1,
                                           datum=t.DATUM_WGS84)),
        IA, "location.latitude", written=external_id_of),
    bad("CreateLead", "as-rep", lambda w: lead(), DENIED, as_="rep", written=external_id_of),
    bad("GetLead", "empty-id", lambda w: a.GetLeadRequest(), IA, "lead_id"),
    bad("GetLead", "huge-id", lambda w: a.GetLeadRequest(lead_id=HUGE), IA, "lead_id"),
    bad("GetLead", "long-unknown-id", lambda w: a.GetLeadRequest(lead_id="x" * 4000), NOT_FOUND),
    bad("GetLead", "other-reps-lead", lambda w: a.GetLeadRequest(lead_id=w.lead_id), NOT_FOUND,
        as_="other_rep"),
    bad("ListLeads", "unknown-status", lambda w: a.ListLeadsRequest(status=9), IA, "status"),
    bad("ListLeads", "negative-page",
        lambda w: a.ListLeadsRequest(page=t.PageRequest(page_size=-1)), IA, "page.page_size"),
    bad("ListLeads", "huge-page",
        lambda w: a.ListLeadsRequest(page=t.PageRequest(page_size=100_000)), IA,
        "page.page_size"),
    bad("ListLeads", "garbage-token",
        lambda w: a.ListLeadsRequest(page=t.PageRequest(page_token="!!!")), IA,
        "page.page_token"),
    bad("ListLeads", "supervisor-without-rep", lambda w: a.ListLeadsRequest(), IA, "rep_id",
        as_="supervisor"),
    bad("ListLeads", "other-team", lambda w: a.ListLeadsRequest(rep_id=w.other_rep), DENIED,
        as_="supervisor"),
    bad("ImportLeads", "empty-file", lambda w: a.ImportLeadsRequest(filename="a.csv"), IA,
        "content"),
    bad("ImportLeads", "wrong-kind",
        lambda w: a.ImportLeadsRequest(filename="a.exe", content=b"MZ"), IA, "filename"),
    bad("ImportLeads", "not-xlsx",
        lambda w: a.ImportLeadsRequest(filename="a.xlsx", content=b"PK\x03\x04oops"), IA,
        "content"),
    bad("ImportLeads", "cr-only-lines",
        lambda w: a.ImportLeadsRequest(filename="a.csv", content=(
            b"external_id,channel\rx1,exhibition\r")),
        IA, "content"),
    bad("ImportLeads", "huge-cell",
        lambda w: a.ImportLeadsRequest(filename="a.csv", content=(
            "external_id,channel\n" + "y" * 200_000 + ",exhibition\n").encode()),
        IA, "content"),
    bad("ImportLeads", "as-rep", lambda w: a.ImportLeadsRequest(filename="a.csv", content=b"x"),
        DENIED, as_="rep"),
    bad("AcceptLead", "empty-id", lambda w: a.RespondToLeadRequest(), IA, "lead_id", as_="rep"),
    bad("AcceptLead", "unknown", lambda w: a.RespondToLeadRequest(lead_id="nope"), NOT_FOUND,
        as_="rep"),
    bad("AcceptLead", "as-admin", lambda w: a.RespondToLeadRequest(lead_id=w.lead_id), DENIED),
    bad("DeclineLead", "no-reason", lambda w: a.RespondToLeadRequest(lead_id=w.lead_id), IA,
        "reason", as_="rep"),
    bad("DeclineLead", "huge-reason",
        lambda w: a.RespondToLeadRequest(lead_id=w.lead_id, reason=HUGE), IA, "reason",
        as_="rep"),
    bad("DeclineLead", "long-reason",
        lambda w: a.RespondToLeadRequest(lead_id=w.lead_id, reason=LONG), IA, "reason",
        as_="rep"),
    bad("DeclineLead", "someone-elses-lead",
        lambda w: a.RespondToLeadRequest(lead_id=w.lead_id, reason="太远"), PRECONDITION,
        as_="other_rep"),
    bad("GetLeadHistory", "empty-id", lambda w: a.GetLeadRequest(), IA, "lead_id"),
    bad("GetLeadHistory", "unknown", lambda w: a.GetLeadRequest(lead_id="nope"), NOT_FOUND),
    bad("StaleLeadReport", "negative-days",
        lambda w: a.StaleLeadReportRequest(min_idle_days=-1), IA, "min_idle_days"),
    bad("StaleLeadReport", "as-rep", lambda w: a.StaleLeadReportRequest(), DENIED, as_="rep"),
]  # fmt: skip

RULES = [
    bad("UpsertRule", "huge-name", lambda w: rule(name=HUGE), IA, "rule.name",
        written=rule_id_of),
    bad("UpsertRule", "long-name", lambda w: rule(name=LONG), IA, "rule.name",
        written=rule_id_of),
    bad("UpsertRule", "20000-regions",
        lambda w: rule(match=a.RuleMatch(region_codes=["330100"] * 20_000)), IA,
        "rule.match.region_codes", written=rule_id_of),
    bad("UpsertRule", "900-regions",
        lambda w: rule(match=a.RuleMatch(region_codes=["330100"] * 900)), IA,
        "rule.match.region_codes", written=rule_id_of),
    bad("UpsertRule", "101-regions",
        lambda w: rule(match=a.RuleMatch(region_codes=["330100"] * 101)), IA,
        "rule.match.region_codes", written=rule_id_of),
    bad("UpsertRule", "full-width-region",
        lambda w: rule(match=a.RuleMatch(region_codes=["３３０１００"])), IA,
        "rule.match.region_codes[0]", written=rule_id_of),
    bad("UpsertRule", "unknown-urgency", lambda w: rule(match=a.RuleMatch(urgencies=[8])), IA,
        "rule.match.urgencies[0]", written=rule_id_of),
    bad("UpsertRule", "as-rep", lambda w: rule(), DENIED, as_="rep", written=rule_id_of),
    bad("ListRules", "as-rep", lambda w: a.ListRulesRequest(), DENIED, as_="rep"),
    bad("DeleteRule", "unknown", lambda w: a.DeleteRuleRequest(rule_id="nope", expected_version=1),
        NOT_FOUND),
    bad("DeleteRule", "stale-version",
        lambda w: a.DeleteRuleRequest(rule_id=w.rule_id, expected_version=w.rule_version + 5),
        PRECONDITION),
    bad("DeleteRule", "empty-id", lambda w: a.DeleteRuleRequest(), IA, "rule_id"),
    bad("DeleteRule", "as-supervisor",
        lambda w: a.DeleteRuleRequest(rule_id=w.rule_id, expected_version=w.rule_version),
        DENIED, as_="supervisor"),
    bad("DryRunAssignment", "bad-region", lambda w: lead(region_code="990100"), IA,
        "region_code"),
    bad("DryRunAssignment", "as-rep", lambda w: lead(), DENIED, as_="rep"),
    bad("GetAssignmentSettings", "as-rep", lambda w: a.GetSettingsRequest(), DENIED, as_="rep"),
    bad("UpdateAssignmentSettings", "sla-too-short",
        lambda w: a.AssignmentSettings(sla_red_seconds=30), IA, "sla_red_seconds",
        written=settings_of),
    bad("UpdateAssignmentSettings", "negative-stale-days",
        lambda w: a.AssignmentSettings(stale_days=-3), IA, "stale_days", written=settings_of),
    bad("UpdateAssignmentSettings", "as-supervisor",
        lambda w: a.AssignmentSettings(sla_red_seconds=600), DENIED, as_="supervisor",
        written=settings_of),
]  # fmt: skip

VISITS_AND_PHOTOS = [
    bad("UploadPhoto", "no-meta", lambda w: [m.UploadPhotoRequest(chunk=JPEG_SOI)], IA, "meta",
        as_="rep"),
    bad("UploadPhoto", "for-another-rep", lambda w: upload(w, JPEG_SOI, rep_id=w.other_rep),
        DENIED, as_="rep", written=photo_id_of),
    bad("UploadPhoto", "taken-in-year-33658",
        lambda w: upload(w, JPEG_SOI, taken_at=lambda meta: far_future(meta.taken_at)), IA,
        "meta.taken_at", as_="rep", written=photo_id_of),
    bad("UploadPhoto", "three-bytes-of-jpeg", lambda w: upload(w, JPEG_SOI), IA, "chunk",
        as_="rep", written=photo_id_of),
    bad("UploadPhoto", "nul-and-dots-in-filename",
        lambda w: upload(w, STOREFRONT, filename="../../etc/\x00passwd.jpg"), IA,
        "meta.filename", as_="rep", written=photo_id_of),
    bad("UploadPhoto", "negative-nanos",
        lambda w: upload(w, STOREFRONT, taken_at=lambda meta: setattr(meta.taken_at, "nanos", -1)),
        IA, "meta.taken_at", as_="rep", written=photo_id_of),
    bad("UploadPhoto", "meta-only", lambda w: upload(w), IA, as_="rep", written=photo_id_of),
    bad("SubmitVisit", "check-in-in-year-33658",
        lambda w: card(w, check_in=lambda c: far_future(c.check_in.at)), IA, "check_in.at",
        as_="rep", written=visit_id_of),
    bad("SubmitVisit", "check-in-at-the-end-of-time",
        lambda w: card(w, check_in=lambda c: setattr(c.check_in.at, "seconds", 253_402_300_799)),
        IA, "check_in.at", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "negative-nanos",
        lambda w: card(w, check_out=lambda c: setattr(c.check_out.at, "nanos", -5)), IA,
        "check_out.at", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "same-commitment-twice",
        lambda w: card(w, commitments=lambda c: c.commitments.append(c.commitments[0])), IA,
        "commitments[1].commitment_id", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "10000-photos", lambda w: card(w, photos=photos(*["p"] * 10_000)), IA,
        "photos", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "photos-that-do-not-exist",
        lambda w: card(w, photos=photos(str(uuid.uuid4()))), IA, "photos[0].photo_id",
        as_="rep", written=visit_id_of),
    bad("SubmitVisit", "another-tenants-photo",
        lambda w: card(w, photos=photos(w.other_tenant_photo_id)), IA, "photos[0].photo_id",
        as_="rep", written=visit_id_of),
    bad("SubmitVisit", "a-store-that-does-not-exist", lambda w: card(w, store_id="store-none"),
        IA, "store_id", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "a-commitment-that-does-not-exist",
        lambda w: card(w, commitment_updates=[v.CommitmentUpdateInput(
            commitment_id=str(uuid.uuid4()), status=vc.COMMITMENT_STATUS_DONE)]),
        IA, "commitment_updates[0].commitment_id", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "an-unknown-sku",
        lambda w: card(w, samples=[v.SampleLine(sku="SKU-NONE", quantity=1)]), IA,
        "samples[0].sku", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "no-check-out-and-a-made-up-demand",
        lambda w: card(w, check_out=lambda c: c.ClearField("check_out"), core_demand="gossip"),
        IA, "check_out", "core_demand", as_="rep", written=visit_id_of),
    bad("SubmitVisit", "huge-notes", lambda w: card(w, notes=HUGE), IA, "notes", as_="rep",
        written=visit_id_of),
    bad("SubmitVisit", "long-notes", lambda w: card(w, notes=LONG), IA, "notes", as_="rep",
        written=visit_id_of),
    bad("SubmitVisit", "for-another-rep", lambda w: card(w, rep_id=w.other_rep), DENIED,
        as_="rep", written=visit_id_of),
    bad("GetVisit", "empty-id", lambda w: _visit(""), IA, "visit_id"),
    bad("GetVisit", "unknown", lambda w: _visit(str(uuid.uuid4())), NOT_FOUND),
    bad("GetVisit", "huge-id", lambda w: _visit(HUGE), IA, "visit_id"),
    bad("GetVisit", "another-reps-visit", lambda w: _visit(w.visit_id), NOT_FOUND,
        as_="other_rep"),
    bad("StartVisit", "no-store", lambda w: v.StartVisitRequest(), IA, "store_id", as_="rep"),
    bad("StartVisit", "unknown-store", lambda w: v.StartVisitRequest(store_id="store-none"),
        NOT_FOUND, as_="rep"),
    bad("StartVisit", "for-another-rep",
        lambda w: v.StartVisitRequest(store_id=w.store_id, rep_id=w.other_rep), DENIED,
        as_="rep"),
    bad("ListVisits", "huge-page", lambda w: v.ListVisitsRequest(page=t.PageRequest(page_size=5000)),
        IA, "page.page_size", as_="rep"),
    bad("ListVisits", "forged-token",
        lambda w: v.ListVisitsRequest(page=t.PageRequest(page_token="bm9wZQ")), IA,
        "page.page_token", as_="rep"),
    bad("ListVisits", "another-teams-rep", lambda w: v.ListVisitsRequest(rep_id=w.other_rep),
        DENIED, as_="supervisor"),
]  # fmt: skip

COMMITMENTS_AND_BATCHES = [
    bad("UpdateCommitment", "nothing", lambda w: vc.UpdateCommitmentRequest(), IA, "request_id",
        "commitment_id", "update.status", as_="rep"),
    bad("UpdateCommitment", "cancelled-without-a-note",
        lambda w: closing(w.commitment_id, vc.COMMITMENT_STATUS_CANCELLED, ""), IA,
        "update.note", as_="rep", written=commitment_of),
    bad("UpdateCommitment", "long-note",
        lambda w: closing(w.commitment_id, vc.COMMITMENT_STATUS_DONE, LONG), IA, "update.note",
        as_="rep", written=commitment_of),
    bad("UpdateCommitment", "reopened", lambda w: closing(w.commitment_id, vc.COMMITMENT_STATUS_OPEN,
        ""), IA, "update.status", as_="rep", written=commitment_of),
    bad("UpdateCommitment", "another-reps", lambda w: closing(w.commitment_id,
        vc.COMMITMENT_STATUS_DONE, ""), NOT_FOUND, as_="other_rep", written=commitment_of),
    bad("UpdateCommitment", "unknown", lambda w: closing(str(uuid.uuid4()),
        vc.COMMITMENT_STATUS_DONE, ""), NOT_FOUND, as_="rep"),
    bad("ListCommitments", "negative-page",
        lambda w: vc.ListCommitmentsRequest(page=t.PageRequest(page_size=-1)), IA,
        "page.page_size", as_="rep"),
    bad("ListCommitments", "forged-token",
        lambda w: vc.ListCommitmentsRequest(page=t.PageRequest(page_token="eA")), IA,
        "page.page_token", as_="rep"),
    bad("ListCommitments", "another-teams-rep",
        lambda w: vc.ListCommitmentsRequest(rep_id=w.other_rep), DENIED, as_="supervisor"),
    bad("SyncOfflineBatch", "empty", lambda w: vb.SyncBatchRequest(), IA, "items", as_="rep"),
    bad("SyncOfflineBatch", "201-items", lambda w: vb.SyncBatchRequest(
        items=[vb.BatchItem(card=card(w)) for _ in range(201)]), IA, "items", as_="rep"),
    bad("SyncOfflineBatch", "for-another-rep",
        lambda w: vb.SyncBatchRequest(rep_id=w.other_rep, items=[vb.BatchItem(card=card(w))]),
        DENIED, as_="rep"),
    bad("ImportVisitHistory", "no-import-id", lambda w: history(w, import_id=""), IA,
        "import_id"),
    bad("ImportVisitHistory", "no-cards", lambda w: vh.ImportVisitHistoryRequest(
        import_id="h-empty", chunk=1, chunks=1), IA, "cards"),
    bad("ImportVisitHistory", "card-without-photos", lambda w: history(w, photos=[]), IA,
        "cards[0].card.photos"),
    bad("ImportVisitHistory", "as-rep", lambda w: history(w), DENIED, as_="rep"),
]  # fmt: skip


def history(w: World, import_id: str = "h-1", **changes) -> vh.ImportVisitHistoryRequest:
    """One earlier card (a rep of the tenant at one of their stores) in an import of one."""
    return vh.ImportVisitHistoryRequest(import_id=import_id, chunk=1, chunks=1,
                                        cards=[vh.HistoricalCard(card=card(w, **changes))])  # fmt: skip


def closing(commitment_id: str, status: int, note: str) -> vc.UpdateCommitmentRequest:
    return vc.UpdateCommitmentRequest(commitment_id=commitment_id, status=status, note=note,
                                      request_id=str(uuid.uuid4()))  # fmt: skip


def _visit(visit_id: str) -> v.GetVisitRequest:
    return v.GetVisitRequest(visit_id=visit_id)


FIGURES_AND_DELIVERIES = [
    bad("GetRepStats", "unknown-rep", lambda w: s.GetRepStatsRequest(rep_id="nobody"),
        NOT_FOUND),
    bad("GetRepStats", "other-team", lambda w: s.GetRepStatsRequest(rep_id=w.other_rep), DENIED,
        as_="rep"),
    bad("GetRepStats", "huge-id", lambda w: s.GetRepStatsRequest(rep_id=HUGE), IA, "rep_id"),
    bad("ListDeliveries", "unknown-status", lambda w: n.ListDeliveriesRequest(status=9), IA,
        "status"),
    bad("ListDeliveries", "negative-page",
        lambda w: n.ListDeliveriesRequest(page=t.PageRequest(page_size=-5)), IA,
        "page.page_size"),
    bad("ListDeliveries", "garbage-token",
        lambda w: n.ListDeliveriesRequest(page=t.PageRequest(page_token="%%")), IA,
        "page.page_token"),
    bad("ListDeliveries", "other-team", lambda w: n.ListDeliveriesRequest(recipient_id=w.other_rep),
        DENIED, as_="rep"),
    bad("ListDeadLetters", "huge-page",
        lambda w: n.ListDeadLettersRequest(page=t.PageRequest(page_size=10_000)), IA,
        "page.page_size"),
    bad("ListDeadLetters", "as-rep", lambda w: n.ListDeadLettersRequest(), DENIED, as_="rep"),
    bad("ReplayDeadLetters", "nothing-named", lambda w: n.ReplayDeadLettersRequest(), IA,
        "delivery_ids"),
    bad("ReplayDeadLetters", "20000-ids",
        lambda w: n.ReplayDeadLettersRequest(delivery_ids=["d"] * 20_000), IA, "delivery_ids"),
    bad("ReplayDeadLetters", "as-rep", lambda w: n.ReplayDeadLettersRequest(all=True), DENIED,
        as_="rep"),
    bad("UpsertNotifyRoute", "unknown-event", lambda w: route(event_type="lead.exploded"), IA,
        "route.event_type"),
    bad("UpsertNotifyRoute", "unknown-role", lambda w: route(roles=[77]), IA, "route.roles[0]",
        written=route_of),
    bad("UpsertNotifyRoute", "unknown-channel", lambda w: route(channel=9), IA, "route.channel",
        written=route_of),
    bad("UpsertNotifyRoute", "chinese-robot-key", lambda w: route(wecom_robot_key="机器人密钥"),
        IA, "route.wecom_robot_key", written=route_of),
    bad("UpsertNotifyRoute", "as-rep", lambda w: route(), DENIED, as_="rep", written=route_of),
    bad("ListNotifyRoutes", "as-rep", lambda w: n.ListRoutesRequest(), DENIED, as_="rep"),
]  # fmt: skip


def stores(**changes) -> vs.StoreSettings:
    good = vs.StoreSettings(first_visit_limit_days=3, max_plan_items=20,
                            visit_every_days=vs.VisitFrequency(ka_days=7, bc_days=14,
                                                               convenience_days=28))  # fmt: skip
    return changed(good, **changes)


def visits_settings(version: int = 999, **changes) -> vs.UpdateSettingsRequest:
    return vs.UpdateSettingsRequest(settings=vs.VisitsSettings(stores=stores(**changes)),
                                    expected_version=version)  # fmt: skip


# --- stores, the catalogue, plans and first visits (visits-a) ---------------------------------
# Every refusal here must leave the tenant's visits data as it was ("visits:": the counts of
# its stores, products, plans, settings and events).

visits_data = lambda w, body: "visits:"  # noqa: E731


def store(w: World, **changes) -> vst.Store:
    good = vst.Store(
        name="世纪联华(学院路店)", address="杭州市西湖区学院路 77 号", region_code="330106",
        location=t.GeoPoint(latitude=30.2741, longitude=120.1301, datum=t.DATUM_GCJ02),
        customer_class=t.CUSTOMER_TYPE_KA, owner_rep_id=w.rep,
    )  # fmt: skip
    return changed(good, **changes)


def register(w: World, **changes) -> vst.RegisterStoreRequest:
    return vst.RegisterStoreRequest(store=store(w, **changes))


def update_store(w: World, paths: list[str], version: int = 1, **facts):
    request = vst.UpdateStoreRequest(store_id=w.store_id, expected_version=version,
                                     store=vst.Store(**facts))  # fmt: skip
    request.update_mask.paths.extend(paths)
    return request


def sheet(filename: str, content: bytes) -> vsh.ImportSheetRequest:
    return vsh.ImportSheetRequest(filename=filename, content=content)


STORES_CSV = ("外部编号,门店名称,地址,纬度,经度,坐标系,区域编码,客户类型,负责业务员\n"
              "ERP-S1,美宜佳便利店(文三路店),杭州市西湖区文三路 1 号,30.2784,120.1237,高德,"
              "330106,便利店,{rep}\n")  # fmt: skip
PRODUCTS_CSV = "商品编码,商品名称,规格,单位,单价(元)\nSKU-S1,农夫山泉 550ml,550ml×24,箱,38.50\n"
CR_ONLY_HUGE = ("外部编号,门店名称\r" + "E1," + "x" * 300_000 + "\r").encode()
AHEAD = "2099-01-01"  # far more than a week ahead
PAST = "2000-01-01"


def plan_edit(kind, **fields):
    return lambda w: kind(**{k: (w.store_id if v == "{store}" else v) for k, v in fields.items()})


STORES_AND_PLANS = [
    bad("RegisterStore", "nothing", lambda w: vst.RegisterStoreRequest(), IA, "store.name",
        "store.location", "store.region_code", "store.customer_class", "store.owner_rep_id",
        written=visits_data),
    bad("RegisterStore", "point-without-datum",
        lambda w: register(w, location=t.GeoPoint(latitude=999, longitude=120)), IA,
        "store.location", "store.location.datum", written=visits_data),
    bad("RegisterStore", "id-not-a-uuid", lambda w: register(w, store_id="../../etc"), IA,
        "store.store_id", written=visits_data),
    bad("RegisterStore", "unknown-owner", lambda w: register(w, owner_rep_id="nobody"), IA,
        "store.owner_rep_id", written=visits_data),
    bad("RegisterStore", "long-name-full-width-phone",
        lambda w: register(w, name="联" * 1000, phone="１３８００１３８０００"), IA, "store.name",
        "store.phone", written=visits_data),
    bad("RegisterStore", "as-rep", lambda w: register(w), DENIED, as_="rep", written=visits_data),
    bad("UpdateStore", "no-mask", lambda w: update_store(w, []), IA, "update_mask",
        written=visits_data),
    bad("UpdateStore", "unknown-path", lambda w: update_store(w, ["version"]), IA, "update_mask",
        written=visits_data),
    bad("UpdateStore", "no-version", lambda w: update_store(w, ["name"], 0, name="x"), IA,
        "expected_version", written=visits_data),
    bad("UpdateStore", "bad-region", lambda w: update_store(w, ["region_code"], region_code="33010"),
        IA, "store.region_code", written=visits_data),
    bad("UpdateStore", "stale-version", lambda w: update_store(w, ["name"], 7, name="x"),
        PRECONDITION, written=visits_data),
    bad("UpdateStore", "unknown-store",
        lambda w: changed(update_store(w, ["name"], name="x"), store_id="nope"), NOT_FOUND,
        written=visits_data),
    bad("UpdateStore", "another-teams-store", lambda w: update_store(w, ["name"], name="x"),
        NOT_FOUND, as_="supervisor-far", written=visits_data),
    bad("UpdateStore", "as-rep", lambda w: update_store(w, ["name"], name="x"), DENIED, as_="rep",
        written=visits_data),
    bad("GetStore", "no-id", lambda w: vst.GetStoreRequest(), IA, "store_id"),
    bad("GetStore", "unknown", lambda w: vst.GetStoreRequest(store_id="nope"), NOT_FOUND),
    bad("GetStore", "another-reps", lambda w: vst.GetStoreRequest(store_id=w.store_id), NOT_FOUND,
        as_="other_rep"),
    bad("ListStores", "page-too-big",
        lambda w: vst.ListStoresRequest(page=t.PageRequest(page_size=500)), IA, "page.page_size"),
    bad("ListStores", "bad-token",
        lambda w: vst.ListStoresRequest(page=t.PageRequest(page_token="!!")), IA,
        "page.page_token"),
    bad("ListStores", "bad-filters",
        lambda w: vst.ListStoresRequest(region_code="12", name_query="联" * 40), IA,
        "region_code", "name_query"),
    bad("ListStores", "a-rep-asks-for-others",
        lambda w: vst.ListStoresRequest(owner_rep_ids=[w.other_rep]), DENIED, as_="rep"),
    bad("ImportStores", "txt", lambda w: sheet("stores.txt", b"a"), IA, "filename",
        written=visits_data),
    bad("ImportStores", "empty", lambda w: sheet("stores.csv", b""), IA, "content",
        written=visits_data),
    bad("ImportStores", "cr-only-huge-cell", lambda w: sheet("s.csv", CR_ONLY_HUGE), IA,
        "content", written=visits_data),
    bad("ImportStores", "missing-column",
        lambda w: sheet("s.csv", STORES_CSV.replace("负责业务员", "备注").format(rep=w.rep).encode()),
        IA, "content", written=visits_data),
    bad("ImportStores", "not-xlsx", lambda w: sheet("s.xlsx", b"PK\x03\x04junk"), IA, "content",
        written=visits_data),
    bad("ImportStores", "as-supervisor", lambda w: sheet("s.csv", b"a"), DENIED,
        as_="supervisor", written=visits_data),
    bad("ImportProducts", "doc", lambda w: sheet("p.doc", b"a"), IA, "filename",
        written=visits_data),
    bad("ImportProducts", "missing-columns", lambda w: sheet("p.csv", b"sku\nA\n"), IA, "content",
        written=visits_data),
    bad("ImportProducts", "as-rep", lambda w: sheet("p.csv", b"a"), DENIED, as_="rep",
        written=visits_data),
    bad("GetProduct", "no-sku", lambda w: vcat.GetProductRequest(), IA, "sku", as_="rep"),
    bad("GetProduct", "unknown", lambda w: vcat.GetProductRequest(sku="NOPE"), NOT_FOUND, as_="rep"),
    bad("ListProducts", "negative-page",
        lambda w: vcat.ListProductsRequest(page=t.PageRequest(page_size=-1)), IA, "page.page_size",
        as_="rep"),
    bad("GetPlan", "bad-date", lambda w: vp.GetPlanRequest(plan_date="2026-13-01"), IA,
        "plan_date", as_="rep", written=visits_data),
    bad("GetPlan", "far-ahead", lambda w: vp.GetPlanRequest(plan_date=AHEAD), IA, "plan_date",
        as_="rep", written=visits_data),
    bad("GetPlan", "unknown-rep", lambda w: vp.GetPlanRequest(rep_id="nobody"), NOT_FOUND,
        written=visits_data),
    bad("GetPlan", "another-team", lambda w: vp.GetPlanRequest(rep_id=w.other_rep), DENIED,
        as_="supervisor", written=visits_data),
    bad("AddPlanItem", "no-reason", plan_edit(vp.AddPlanItemRequest, store_id="{store}"), IA,
        "reason", as_="rep", written=visits_data),
    bad("AddPlanItem", "no-store", plan_edit(vp.AddPlanItemRequest, reason="顺路"), IA,
        "store_id", as_="rep", written=visits_data),
    bad("AddPlanItem", "unknown-store",
        plan_edit(vp.AddPlanItemRequest, store_id="nope", reason="顺路"), NOT_FOUND, as_="rep",
        written=visits_data),
    bad("AddPlanItem", "another-reps-store",
        plan_edit(vp.AddPlanItemRequest, store_id="{store}", reason="顺路"), PRECONDITION,
        as_="other_rep", written=visits_data),
    bad("AddPlanItem", "a-past-day",
        plan_edit(vp.AddPlanItemRequest, store_id="{store}", reason="补记", plan_date=PAST),
        PRECONDITION, as_="rep", written=visits_data),
    bad("AddPlanItem", "to-another-reps-plan",
        lambda w: vp.AddPlanItemRequest(rep_id=w.rep, store_id=w.store_id, reason="顺路"), DENIED,
        as_="other_rep", written=visits_data),
    bad("DropPlanItem", "no-reason", plan_edit(vp.DropPlanItemRequest, item_id="x"), IA,
        "reason", as_="rep", written=visits_data),
    bad("DropPlanItem", "unknown-item",
        plan_edit(vp.DropPlanItemRequest, item_id="x", reason="关店"), IA, "item_id", as_="rep",
        written=visits_data),
    bad("ReorderPlan", "no-reason", lambda w: vp.ReorderPlanRequest(item_ids=["x"]), IA,
        "reason", as_="rep", written=visits_data),
    bad("ReorderPlan", "negative-version",
        lambda w: vp.ReorderPlanRequest(item_ids=["x"], reason="顺路", expected_version=-1), IA,
        "expected_version", as_="rep", written=visits_data),
    bad("ListPendingVisits", "another-team",
        lambda w: vp.ListPendingVisitsRequest(rep_id=w.other_rep), DENIED, as_="supervisor"),
    bad("ListPendingVisits", "unknown-rep",
        lambda w: vp.ListPendingVisitsRequest(rep_id="nobody"), NOT_FOUND, written=visits_data),
    bad("GetFirstVisitStats", "bad-dates",
        lambda w: vf.FirstVisitStatsRequest(from_date="yesterday", to_date="2026-02-30"), IA,
        "from_date", "to_date"),
    bad("GetFirstVisitStats", "backwards",
        lambda w: vf.FirstVisitStatsRequest(from_date="2026-12-05", to_date="2026-12-01"), IA,
        "from_date"),
    bad("GetFirstVisitStats", "too-long",
        lambda w: vf.FirstVisitStatsRequest(from_date="2024-01-01", to_date="2026-01-01"), IA,
        "to_date"),
    bad("GetFirstVisitStats", "region-digits", lambda w: vf.FirstVisitStatsRequest(region_digits=5),
        IA, "region_digits"),
    bad("GetFirstVisitStats", "a-rep-asks-for-others",
        lambda w: vf.FirstVisitStatsRequest(owner_rep_ids=[w.other_rep]), DENIED, as_="rep"),
]  # fmt: skip

VISITS_SETTINGS = [
    bad("GetVisitsSettings", "empty-subject", lambda w: vs.GetSettingsRequest(), UNAUTHENTICATED,
        as_="bad-token"),
    bad("UpdateVisitsSettings", "no-first-visit-days",
        lambda w: visits_settings(0, first_visit_limit_days=0), IA,
        "settings.stores.first_visit_limit_days", written=visits_data),
    bad("UpdateVisitsSettings", "zero-and-too-many-days",
        lambda w: visits_settings(0, visit_every_days=vs.VisitFrequency(
            ka_days=0, bc_days=400, convenience_days=28)), IA,
        "settings.stores.visit_every_days.ka_days", "settings.stores.visit_every_days.bc_days",
        written=visits_data),
    bad("UpdateVisitsSettings", "negative-version", lambda w: visits_settings(-1), IA,
        "expected_version", written=visits_data),
    bad("UpdateVisitsSettings", "stale-version", lambda w: visits_settings(999), PRECONDITION,
        written=visits_data),
    bad("UpdateVisitsSettings", "as-rep", lambda w: visits_settings(0), DENIED, as_="rep",
        written=visits_data),
]  # fmt: skip


# --- approvals, stock, returns, ratings (visits-b2) -------------------------------------------
# `b2_nothing` keys the tenant's documents in visits-b2's collections: a refused call must
# leave their count as it was.

b2_nothing = keyed("b2", lambda _r: "")


def car(rep: str) -> st.StockLocation:
    return st.StockLocation(kind=st.STOCK_LOCATION_KIND_REP, owner_id=rep)


WAREHOUSE = st.StockLocation(kind=st.STOCK_LOCATION_KIND_WAREHOUSE, owner_id="wh-sweep")


def lines(*pairs: tuple[str, int]) -> list[st.StockLine]:
    return [st.StockLine(sku=sku, quantity=q) for sku, q in pairs]


def receive(**changes) -> st.ReceiveStockRequest:
    good = st.ReceiveStockRequest(operation_id=unique("rcv"), warehouse_id="wh-sweep",
                                  lines=lines(("SWEEP-SKU", 5)))  # fmt: skip
    return changed(good, **changes)


def adjust(**changes) -> st.AdjustStockRequest:
    good = st.AdjustStockRequest(operation_id=unique("adj"), location=WAREHOUSE, note="盘点",
                                 lines=lines(("SWEEP-SKU", -1)))  # fmt: skip
    return changed(good, **changes)


def transfer(w: World, source=WAREHOUSE, to=None, **changes) -> st.TransferStockRequest:
    good = st.TransferStockRequest(operation_id=unique("trf"), to=to or car(w.rep),
                                   lines=lines(("SWEEP-SKU", 1)))  # fmt: skip
    getattr(good, "from").CopyFrom(source)
    return changed(good, **changes)


def returns_query(**changes) -> rt.AnalyseReturnsRequest:
    good = rt.AnalyseReturnsRequest(first_day="2026-11-01", last_day="2026-11-30",
                                    granularity=rt.RETURNS_GRANULARITY_WEEK)  # fmt: skip
    return changed(good, **changes)


B2 = [
    bad("ReceiveStock", "no-operation-id-no-lines", lambda w: receive(operation_id="", lines=[]),
        IA, "operation_id", "lines", written=b2_nothing),
    bad("ReceiveStock", "zero-and-no-sku",
        lambda w: receive(lines=lines(("A", 0), ("", 1))), IA, "lines[0].quantity",
        "lines[1].sku", written=b2_nothing),
    bad("ReceiveStock", "unknown-sku", lambda w: receive(), IA, "lines[0].sku",
        written=b2_nothing),
    bad("ReceiveStock", "long-warehouse-id", lambda w: receive(warehouse_id="w" * 65), IA,
        "target.owner_id", written=b2_nothing),
    bad("ReceiveStock", "as-rep", lambda w: receive(), DENIED, as_="rep", written=b2_nothing),
    bad("AdjustStock", "no-location", lambda w: adjust(location=st.StockLocation()), IA,
        "location.kind", "location.owner_id", written=b2_nothing),
    bad("AdjustStock", "zero-without-reason",
        lambda w: adjust(note="", lines=lines(("SWEEP-SKU", 0))), IA, "lines[0].quantity", "note",
        written=b2_nothing),
    bad("AdjustStock", "as-supervisor", lambda w: adjust(), DENIED, as_="supervisor",
        written=b2_nothing),
    bad("TransferStock", "car-to-car", lambda w: transfer(w, car(w.rep), car(w.other_rep)), IA,
        "target", written=b2_nothing),
    bad("TransferStock", "no-origin", lambda w: transfer(w, st.StockLocation()), IA, "from.kind",
        "from.owner_id", written=b2_nothing),
    bad("TransferStock", "no-operation-id", lambda w: transfer(w, operation_id=""), IA,
        "operation_id", written=b2_nothing),
    bad("TransferStock", "as-rep", lambda w: transfer(w), DENIED, as_="rep", written=b2_nothing),
    bad("TransferStock", "supervisor-to-another-team", lambda w: transfer(w, to=car(w.other_rep)),
        DENIED, as_="supervisor", written=b2_nothing),
    bad("ListStock", "page-too-big", lambda w: st.ListStockRequest(page=t.PageRequest(page_size=500)),
        IA, "page.page_size"),
    bad("ListStock", "bad-page-token",
        lambda w: st.ListStockRequest(page=t.PageRequest(page_token="%%%")), IA, "page.page_token"),
    bad("ListStock", "another-reps-car", lambda w: st.ListStockRequest(location=car(w.other_rep)),
        DENIED, as_="rep"),
    bad("ListStock", "supervisor-without-location", lambda w: st.ListStockRequest(), IA,
        "location", as_="supervisor"),
    bad("ListStockMovements", "no-location", lambda w: st.ListStockMovementsRequest(), IA,
        "location.kind", "location.owner_id"),
    bad("ListStockMovements", "rep-and-a-warehouse",
        lambda w: st.ListStockMovementsRequest(location=WAREHOUSE), DENIED, as_="rep"),
    bad("AnalyseReturns", "dates-and-granularity",
        lambda w: returns_query(first_day="2026-13-01", last_day="2026/12/01",
                                granularity=rt.RETURNS_GRANULARITY_UNSPECIFIED),
        IA, "first_day", "last_day", "granularity"),
    bad("AnalyseReturns", "backwards-reason-region",
        lambda w: returns_query(first_day="2026-12-02", last_day="2026-12-01", reason="lost",
                                region_prefix="33a"), IA, "last_day", "reason", "region_prefix"),
    bad("AnalyseReturns", "full-width-region",
        lambda w: returns_query(region_prefix="３３０１"), IA, "region_prefix"),
    bad("AnalyseReturns", "over-400-days", lambda w: returns_query(first_day="2020-01-01"), IA,
        "last_day"),
    bad("AnalyseReturns", "as-rep", lambda w: returns_query(), DENIED, as_="rep"),
    bad("ExportReturns", "bad-dates", lambda w: returns_query(first_day="x", last_day="y"), IA,
        "first_day", "last_day"),
    bad("ExportReturns", "as-rep", lambda w: returns_query(), DENIED, as_="rep"),
    bad("ListApprovalQueue", "negative-page",
        lambda w: ap.ListApprovalQueueRequest(page=t.PageRequest(page_size=-1)), IA,
        "page.page_size"),
    bad("ListApprovalQueue", "as-rep", lambda w: ap.ListApprovalQueueRequest(), DENIED, as_="rep"),
    bad("ListApprovalQueue", "finance-outside-their-regions",
        lambda w: ap.ListApprovalQueueRequest(region_codes=["330200"]), DENIED, as_="finance"),
    bad("ListRepApprovals", "bad-page-token",
        lambda w: ap.ListRepApprovalsRequest(page=t.PageRequest(page_token="!!")), IA,
        "page.page_token", as_="rep"),
    bad("ListRepApprovals", "another-rep", lambda w: ap.ListRepApprovalsRequest(rep_id=w.other_rep),
        DENIED, as_="rep"),
    bad("GetApproval", "no-id", lambda w: ap.GetApprovalRequest(), IA, "approval_id"),
    bad("GetApproval", "none-such", lambda w: ap.GetApprovalRequest(approval_id="none-such"),
        NOT_FOUND),
    bad("ReviewApproval", "no-id", lambda w: ap.ReviewApprovalRequest(), IA, "approval_id",
        as_="finance", written=b2_nothing),
    bad("ReviewApproval", "as-rep", lambda w: ap.ReviewApprovalRequest(approval_id="a"), DENIED,
        as_="rep"),
    bad("ReviewApproval", "admin-does-not-review",
        lambda w: ap.ReviewApprovalRequest(approval_id="a"), DENIED),
    bad("DecideApproval", "no-decision", lambda w: ap.DecideApprovalRequest(approval_id="a"), IA,
        "decision", as_="finance", written=b2_nothing),
    bad("DecideApproval", "none-such",
        lambda w: ap.DecideApprovalRequest(approval_id="none-such",
                                           decision=ap.APPROVAL_DECISION_APPROVE),
        NOT_FOUND, as_="finance", written=b2_nothing),
    bad("DecideApproval", "as-rep",
        lambda w: ap.DecideApprovalRequest(approval_id="a", decision=ap.APPROVAL_DECISION_APPROVE),
        DENIED, as_="rep"),
    bad("IssueRatingCode", "no-visit-id", lambda w: ra.IssueRatingCodeRequest(), IA, "visit_id",
        as_="rep", written=b2_nothing),
    bad("IssueRatingCode", "as-finance", lambda w: ra.IssueRatingCodeRequest(visit_id=w.visit_id),
        DENIED, as_="finance"),
    bad("IssueRatingCode", "another-reps-visit",
        lambda w: ra.IssueRatingCodeRequest(visit_id=w.visit_id), NOT_FOUND, as_="other_rep",
        written=b2_nothing),
    bad("RateVisit", "forged-token", lambda w: ra.RateVisitRequest(token="x.y.z", stars=5),
        UNAUTHENTICATED, as_="none", written=b2_nothing),
    bad("RateVisit", "no-token-bad-stars", lambda w: ra.RateVisitRequest(stars=9),
        UNAUTHENTICATED, as_="none", written=b2_nothing),
    bad("GetRepSatisfaction", "bad-week", lambda w: ra.GetRepSatisfactionRequest(week="2026-49"),
        IA, "week", as_="rep"),
    bad("GetRepSatisfaction", "another-rep",
        lambda w: ra.GetRepSatisfactionRequest(rep_id=w.other_rep), DENIED, as_="rep"),
]  # fmt: skip

# --- orders, attribution and forecast (scoring orders, S5/S6) ------------------------------

orders_of = keyed("orders", lambda _r: "")  # the tenant's orders and attribution settings


def erp_order(**changes) -> erp.ErpOrderRecorded:
    good = erp.ErpOrderRecorded(order_id=unique("so"), store_external_id="ERP-SWEEP",
                                lines=[erp.OrderLine(sku="SKU-1", quantity=2, amount_fen=5000)],
                                total_fen=5000, currency="CNY")  # fmt: skip
    good.ordered_at.FromJsonString("2026-11-20T02:00:00Z")
    return changed(good, **changes)


def county_question(**changes) -> so.ExplainRegionRevenueRequest:
    good = so.ExplainRegionRevenueRequest(region_code="330782", first_day="2026-11-17",
                                          last_day="2026-11-30")  # fmt: skip
    return changed(good, **changes)


def inputs_forecast(**changes) -> so.ForecastRevenueRequest:
    good = so.ForecastRevenueRequest(
        mode=so.FORECAST_MODE_FROM_INPUTS, simulations=100, horizon_months=3,
        inputs=so.ForecastInputs(new_customers_per_quarter=300, first_order_fen=80_000,
                                 repurchase_cycle_days=21),
    )  # fmt: skip
    return changed(good, **changes)


ORDERS = [
    bad("RecordOrders", "too-many", lambda w: so.RecordOrdersRequest(orders=[erp_order()] * (MAX_ORDERS + 1)),
        IA, "orders", written=orders_of),
    bad("RecordOrders", "as-supervisor", lambda w: so.RecordOrdersRequest(orders=[erp_order()]),
        DENIED, as_="supervisor", written=orders_of),
    bad("ExplainRegionRevenue", "bad-region-and-days",
        lambda w: county_question(region_code="99", first_day="2026-11-31", last_day="yesterday"),
        IA, "region_code", "first_day", "last_day"),
    bad("ExplainRegionRevenue", "backwards", lambda w: county_question(last_day="2026-11-01"), IA,
        "last_day"),
    bad("ExplainRegionRevenue", "longer-than-a-year",
        lambda w: county_question(first_day="2024-01-01"), IA, "last_day"),
    bad("ExplainRegionRevenue", "huge-page",
        lambda w: county_question(page=t.PageRequest(page_size=10_000)), IA, "page.page_size"),
    bad("ExplainRegionRevenue", "garbage-token",
        lambda w: county_question(page=t.PageRequest(page_token="%%")), IA, "page.page_token"),
    bad("ExplainRegionRevenue", "forged-token",
        lambda w: county_question(page=t.PageRequest(page_token="YWJj")), IA, "page.page_token"),
    bad("ExplainRegionRevenue", "as-rep", lambda w: county_question(), DENIED, as_="rep"),
    bad("ForecastRevenue", "no-mode", lambda w: inputs_forecast(mode=so.FORECAST_MODE_UNSPECIFIED),
        IA, "mode"),
    bad("ForecastRevenue", "inputs-missing",
        lambda w: so.ForecastRevenueRequest(mode=so.FORECAST_MODE_FROM_INPUTS), IA, "inputs"),
    bad("ForecastRevenue", "inputs-out-of-range",
        lambda w: inputs_forecast(inputs=so.ForecastInputs(new_customers_per_quarter=-1,
                                  first_order_fen=0, repurchase_cycle_days=0.5, yearly_churn=1.5)),
        IA, "inputs.new_customers_per_quarter", "inputs.first_order_fen",
        "inputs.repurchase_cycle_days", "inputs.yearly_churn"),
    bad("ForecastRevenue", "horizon-simulations-day",
        lambda w: inputs_forecast(horizon_months=25, simulations=5, as_of="2026/12/01"), IA,
        "horizon_months", "simulations", "as_of"),
    bad("ForecastRevenue", "history-without-orders",
        lambda w: so.ForecastRevenueRequest(mode=so.FORECAST_MODE_FROM_HISTORY), PRECONDITION),
    bad("ForecastRevenue", "bad-region",
        lambda w: so.ForecastRevenueRequest(mode=so.FORECAST_MODE_FROM_HISTORY, region_code="3307"),
        IA, "region_code"),
    bad("ForecastRevenue", "as-supervisor", lambda w: inputs_forecast(), DENIED, as_="supervisor"),
    bad("GetAttributionSettings", "as-rep", lambda w: so.GetAttributionSettingsRequest(), DENIED,
        as_="rep"),
    bad("UpdateAttributionSettings", "zero-window", lambda w: so.AttributionSettings(window_days=0),
        IA, "window_days", written=orders_of),
    bad("UpdateAttributionSettings", "half-a-year-plus",
        lambda w: so.AttributionSettings(window_days=181), IA, "window_days", written=orders_of),
    bad("UpdateAttributionSettings", "as-supervisor",
        lambda w: so.AttributionSettings(window_days=7), DENIED, as_="supervisor",
        written=orders_of),
]  # fmt: skip


GOOD_BUT_REFUSED = [
    # ids are the client's, per tenant: another tenant's visit with the same id is not a clash
    bad("SubmitVisit", "visit-id-used-by-another-tenant",
        lambda w: card(w, visit_id=w.visit_id, store_id=w.other_tenant_store_id,
                       photos=photos(w.other_tenant_photo_id)), OK, as_="other_tenant_rep"),
]  # fmt: skip


def field_checks(**changes) -> m.FieldCheckSettings:
    valid = m.FieldCheckSettings(exif_max_distance_m=500, exif_max_age_minutes=120,
                                 store_search_radius_m=300, store_match_min_score=70)  # fmt: skip
    return changed(valid, **changes)


MEDIA = [
    bad("GetPhoto", "no-id", lambda w: m.GetPhotoRequest(), IA, "photo_id", as_="rep"),
    bad("GetPhoto", "another-teams-photo", lambda w: m.GetPhotoRequest(photo_id=w.photo_id),
        NOT_FOUND, as_="other_rep"),
    bad("GetPhoto", "none-such", lambda w: m.GetPhotoRequest(photo_id=str(uuid.uuid4())),
        NOT_FOUND, as_="rep"),
    bad("GetPhotoUrls", "no-id", lambda w: m.GetPhotoUrlsRequest(), IA, "photo_id", as_="rep"),
    bad("GetPhotoUrls", "a-day-long",
        lambda w: m.GetPhotoUrlsRequest(photo_id=w.photo_id, expires_in_seconds=86_400), IA,
        "expires_in_seconds", as_="rep"),
    bad("GetPhotoUrls", "another-teams-photo",
        lambda w: m.GetPhotoUrlsRequest(photo_id=w.photo_id), NOT_FOUND, as_="other_rep"),
    bad("GetFieldCheckSettings", "as-rep", lambda w: m.GetFieldCheckSettingsRequest(), DENIED,
        as_="rep"),
    bad("UpdateFieldCheckSettings", "all-zero", lambda w: m.FieldCheckSettings(), IA,
        "exif_max_distance_m", "exif_max_age_minutes", "store_search_radius_m",
        "store_match_min_score", written=field_settings_of),
    bad("UpdateFieldCheckSettings", "radius-of-a-province",
        lambda w: field_checks(store_search_radius_m=500_000), IA, "store_search_radius_m",
        written=field_settings_of),
    bad("UpdateFieldCheckSettings", "as-supervisor", lambda w: field_checks(), DENIED,
        as_="supervisor", written=field_settings_of),
]  # fmt: skip


# --- scoring (issue 10): PHI, data credit, heatmap, dashboard -------------------------------
def _period(kind=s.PERIOD_KIND_MONTH, date=""):
    return s.PeriodRequest(kind=kind, date=date)


SCORING = [
    bad("GetPhi", "bad-date", lambda w: s.GetPhiRequest(period=_period(date="2026-13-40")), IA,
        "period.date", as_="rep"),
    bad("GetPhi", "other-team-rep", lambda w: s.GetPhiRequest(scope_id=w.other_rep), DENIED,
        as_="rep"),
    bad("GetPhi", "region-as-supervisor",
        lambda w: s.GetPhiRequest(scope=s.SCOPE_KIND_REGION, scope_id="330100"), DENIED,
        as_="supervisor"),
    bad("GetPhi", "bad-region-code",
        lambda w: s.GetPhiRequest(scope=s.SCOPE_KIND_REGION, scope_id="33A"), IA, "scope_id"),
    bad("GetPhi", "team-as-rep", lambda w: s.GetPhiRequest(scope=s.SCOPE_KIND_TEAM), DENIED,
        as_="rep"),
    bad("GetPhiSeries", "no-first-day", lambda w: s.GetPhiSeriesRequest(scope_id=w.rep), IA,
        "first_day", as_="rep"),
    bad("GetPhiSeries", "reversed-range",
        lambda w: s.GetPhiSeriesRequest(first_day="2026-12-02", last_day="2026-11-01"), IA,
        "first_day", as_="rep"),
    bad("GetPhiSeries", "ten-years-of-days",
        lambda w: s.GetPhiSeriesRequest(granularity=s.PERIOD_KIND_DAY, first_day="2016-12-01",
                                        last_day="2026-12-01"), IA, "first_day", as_="rep"),
    bad("GetPhiSeries", "bad-last-day",
        lambda w: s.GetPhiSeriesRequest(first_day="2026-11-01", last_day="2026-11-31"), IA,
        "last_day", as_="rep"),
    bad("GetPhiSeries", "other-team-rep",
        lambda w: s.GetPhiSeriesRequest(scope_id=w.other_rep, first_day="2026-11-01"), DENIED,
        as_="rep"),
    bad("GetPhiSeries", "region-as-supervisor",
        lambda w: s.GetPhiSeriesRequest(scope=s.SCOPE_KIND_REGION, scope_id="330100",
                                        first_day="2026-11-01"), DENIED, as_="supervisor"),
    bad("GetPhiSeries", "bad-region-code",
        lambda w: s.GetPhiSeriesRequest(scope=s.SCOPE_KIND_REGION, scope_id="33A",
                                        first_day="2026-11-01"), IA, "scope_id"),
    bad("GetDataCredit", "bad-month", lambda w: s.GetDataCreditRequest(month="2026/11"), IA,
        "month", as_="rep"),
    bad("GetDataCredit", "another-rep", lambda w: s.GetDataCreditRequest(rep_id=w.other_rep),
        DENIED, as_="rep"),
    bad("ListCreditDeductions", "negative-page",
        lambda w: s.ListCreditDeductionsRequest(page=t.PageRequest(page_size=-1)), IA,
        "page.page_size", as_="rep"),
    bad("ListCreditDeductions", "garbage-token",
        lambda w: s.ListCreditDeductionsRequest(page=t.PageRequest(page_token="%%")), IA,
        "page.page_token", as_="rep"),
    bad("ListPriorityReps", "as-rep", lambda w: s.ListPriorityRepsRequest(), DENIED, as_="rep"),
    bad("ListPriorityReps", "bad-month", lambda w: s.ListPriorityRepsRequest(month="11-2026"),
        IA, "month"),
    bad("GetTeamHeatmap", "as-rep", lambda w: s.GetTeamHeatmapRequest(), DENIED, as_="rep"),
    bad("GetTeamHeatmap", "unknown-team", lambda w: s.GetTeamHeatmapRequest(team_id="no-team"),
        NOT_FOUND),
    bad("GetTeamHeatmap", "no-team", lambda w: s.GetTeamHeatmapRequest(), IA, "team_id"),
    bad("GetRepDashboard", "bad-date", lambda w: s.GetRepDashboardRequest(date="tomorrow"), IA,
        "date", as_="rep"),
    bad("GetRepDashboard", "another-rep",
        lambda w: s.GetRepDashboardRequest(rep_id=w.other_rep), DENIED, as_="rep"),
    bad("ListDashboardRecords", "unknown-figure",
        lambda w: s.ListDashboardRecordsRequest(figure="sales"), IA, "figure", as_="rep"),
    bad("ListDashboardRecords", "huge-page",
        lambda w: s.ListDashboardRecordsRequest(figure="pending_visits",
                                                page=t.PageRequest(page_size=100_000)),
        IA, "page.page_size", as_="rep"),
    bad("RebuildScores", "as-supervisor", lambda w: s.RebuildScoresRequest(), DENIED,
        as_="supervisor"),
    bad("GetScoringSettings", "as-rep", lambda w: s.GetScoringSettingsRequest(), DENIED,
        as_="rep"),
    bad("UpdateScoringSettings", "warning-above-target",
        lambda w: s.UpdateScoringSettingsRequest(thresholds=[s.MetricThresholds(
            metric="lead_response", target_percent=70, warning_percent=80)]),
        IA, "thresholds.lead_response"),
    bad("UpdateScoringSettings", "unknown-metric",
        lambda w: s.UpdateScoringSettingsRequest(thresholds=[s.MetricThresholds(
            metric="revenue", target_percent=70, warning_percent=60)]),
        IA, "thresholds[0].metric"),
    bad("UpdateScoringSettings", "stale-version",
        lambda w: s.UpdateScoringSettingsRequest(expected_version=7), PRECONDITION),
    bad("UpdateScoringSettings", "as-supervisor", lambda w: s.UpdateScoringSettingsRequest(),
        DENIED, as_="supervisor"),
]  # fmt: skip


TABLE: list[Bad] = [*PEOPLE, *LEADS, *RULES, *VISITS_AND_PHOTOS, *COMMITMENTS_AND_BATCHES,
                    *FIGURES_AND_DELIVERIES, *STORES_AND_PLANS, *VISITS_SETTINGS, *B2, *MEDIA,
                    *SCORING, *ORDERS, *GOOD_BUT_REFUSED]  # fmt: skip


# --- a valid request per call, which the fuzz spoils ----------------------------------------

LEADS_CSV = (
    "external_id,channel,customer_type,region_code,urgency,customer_name,phone\n"
    "imp-1,展会,KA,330106,红,华润万家(滨江店),13900000001\n"
).encode()
SEEDS: dict[str, Callable[[World], Message | list]] = {
    "UpsertPerson": lambda w: upsert(),
    "GetPerson": lambda w: gw.GetPersonRequest(person_id=w.rep),
    "WhoAmI": lambda w: gw.WhoAmIRequest(),
    "CreateLead": lambda w: lead(),
    "GetLead": lambda w: a.GetLeadRequest(lead_id=w.lead_id),
    "ListLeads": lambda w: a.ListLeadsRequest(rep_id=w.rep, page=t.PageRequest(page_size=10)),
    "ImportLeads": lambda w: a.ImportLeadsRequest(filename="leads.csv", content=LEADS_CSV),
    "AcceptLead": lambda w: a.RespondToLeadRequest(lead_id=w.lead_id),
    "DeclineLead": lambda w: a.RespondToLeadRequest(lead_id=w.lead_id, reason="距离太远"),
    "GetLeadHistory": lambda w: a.GetLeadRequest(lead_id=w.lead_id),
    "StaleLeadReport": lambda w: a.StaleLeadReportRequest(min_idle_days=1),
    "UpsertRule": lambda w: rule(),
    "ListRules": lambda w: a.ListRulesRequest(),
    "DeleteRule": lambda w: a.DeleteRuleRequest(rule_id=w.rule_id, expected_version=999),
    "DryRunAssignment": lambda w: lead(),
    "GetAssignmentSettings": lambda w: a.GetSettingsRequest(),
    "UpdateAssignmentSettings": lambda w: a.AssignmentSettings(sla_red_seconds=1800),
    "UploadPhoto": lambda w: upload(w, STOREFRONT),
    "SubmitVisit": lambda w: card(w),
    "GetVisit": lambda w: v.GetVisitRequest(visit_id=w.visit_id),
    "StartVisit": lambda w: v.StartVisitRequest(store_id=w.store_id),
    "ListVisits": lambda w: v.ListVisitsRequest(rep_id=w.rep, page=t.PageRequest(page_size=5)),
    "UpdateCommitment": lambda w: closing(w.commitment_id, vc.COMMITMENT_STATUS_OPEN, ""),
    "ListCommitments": lambda w: vc.ListCommitmentsRequest(rep_id=w.rep, only_overdue=True),
    "SyncOfflineBatch": lambda w: vb.SyncBatchRequest(items=[vb.BatchItem(card=card(w))]),
    "ImportVisitHistory": lambda w: history(w, import_id=str(uuid.uuid4())),
    "GetRepStats": lambda w: s.GetRepStatsRequest(rep_id=w.rep),
    "GetPhi": lambda w: s.GetPhiRequest(scope_id=w.rep, period=_period()),
    "GetPhiSeries": lambda w: s.GetPhiSeriesRequest(
        scope_id=w.rep, granularity=s.PERIOD_KIND_WEEK, first_day="2026-10-12"
    ),
    "GetDataCredit": lambda w: s.GetDataCreditRequest(rep_id=w.rep),
    "ListCreditDeductions": lambda w: s.ListCreditDeductionsRequest(rep_id=w.rep),
    "ListPriorityReps": lambda w: s.ListPriorityRepsRequest(),
    "GetTeamHeatmap": lambda w: s.GetTeamHeatmapRequest(team_id="team-hz"),
    "GetRepDashboard": lambda w: s.GetRepDashboardRequest(rep_id=w.rep),
    "ListDashboardRecords": lambda w: s.ListDashboardRecordsRequest(
        rep_id=w.rep, figure="overdue_commitments"
    ),
    "RebuildScores": lambda w: s.RebuildScoresRequest(),
    "GetScoringSettings": lambda w: s.GetScoringSettingsRequest(),
    "UpdateScoringSettings": lambda w: s.UpdateScoringSettingsRequest(),
    "RecordOrders": lambda w: so.RecordOrdersRequest(orders=[erp_order()]),
    "ExplainRegionRevenue": lambda w: county_question(page=t.PageRequest(page_size=5)),
    "ForecastRevenue": lambda w: inputs_forecast(),
    "GetAttributionSettings": lambda w: so.GetAttributionSettingsRequest(),
    "UpdateAttributionSettings": lambda w: so.AttributionSettings(window_days=14),
    "ListDeliveries": lambda w: n.ListDeliveriesRequest(page=t.PageRequest(page_size=5)),
    "ListDeadLetters": lambda w: n.ListDeadLettersRequest(),
    "ReplayDeadLetters": lambda w: n.ReplayDeadLettersRequest(delivery_ids=["none-such"]),
    "UpsertNotifyRoute": lambda w: route(),
    "ListNotifyRoutes": lambda w: n.ListRoutesRequest(),
    "RegisterStore": lambda w: register(w),
    "UpdateStore": lambda w: update_store(w, ["name"], 999, name="世纪联华(学院路旗舰店)"),
    "GetStore": lambda w: vst.GetStoreRequest(store_id=w.store_id),
    "ListStores": lambda w: vst.ListStoresRequest(name_query="联华", region_code="330100"),
    "ImportStores": lambda w: sheet("stores.csv", STORES_CSV.format(rep=w.rep).encode()),
    "ImportProducts": lambda w: sheet("products.csv", PRODUCTS_CSV.encode()),
    "GetProduct": lambda w: vcat.GetProductRequest(sku="SKU-S1"),
    "ListProducts": lambda w: vcat.ListProductsRequest(page=t.PageRequest(page_size=10)),
    "GetPlan": lambda w: vp.GetPlanRequest(rep_id=w.rep),
    "AddPlanItem": lambda w: vp.AddPlanItemRequest(
        rep_id=w.rep, store_id=w.store_id, reason="顺路", expected_version=999
    ),
    "DropPlanItem": lambda w: vp.DropPlanItemRequest(rep_id=w.rep, item_id="x", reason="关店"),
    "ReorderPlan": lambda w: vp.ReorderPlanRequest(rep_id=w.rep, item_ids=["x"], reason="顺路"),
    "ListPendingVisits": lambda w: vp.ListPendingVisitsRequest(rep_id=w.rep),
    "GetFirstVisitStats": lambda w: vf.FirstVisitStatsRequest(region_digits=4),
    "GetVisitsSettings": lambda w: vs.GetSettingsRequest(),
    "UpdateVisitsSettings": lambda w: visits_settings(999),  # stale: the fuzz changes nothing
    # visits-b2
    "ListApprovalQueue": lambda w: ap.ListApprovalQueueRequest(page=t.PageRequest(page_size=10)),
    "ListRepApprovals": lambda w: ap.ListRepApprovalsRequest(rep_id=w.rep),
    "GetApproval": lambda w: ap.GetApprovalRequest(approval_id="none-such"),
    "ReviewApproval": lambda w: ap.ReviewApprovalRequest(approval_id="none-such", comment="ok"),
    "DecideApproval": lambda w: ap.DecideApprovalRequest(
        approval_id="none-such", decision=ap.APPROVAL_DECISION_REJECT, comment="低于底价"
    ),
    "ReceiveStock": lambda w: receive(),
    "AdjustStock": lambda w: adjust(),
    "TransferStock": lambda w: transfer(w),
    "ListStock": lambda w: st.ListStockRequest(location=car(w.rep)),
    "ListStockMovements": lambda w: st.ListStockMovementsRequest(location=car(w.rep)),
    "AnalyseReturns": lambda w: returns_query(),
    "ExportReturns": lambda w: returns_query(),
    "IssueRatingCode": lambda w: ra.IssueRatingCodeRequest(visit_id=w.visit_id),
    "RateVisit": lambda w: ra.RateVisitRequest(token="x.y.z", stars=5, comment="好"),
    "GetRepSatisfaction": lambda w: ra.GetRepSatisfactionRequest(rep_id=w.rep),
    # media
    "GetPhoto": lambda w: m.GetPhotoRequest(photo_id=w.photo_id),
    "GetPhotoUrls": lambda w: m.GetPhotoUrlsRequest(photo_id=w.photo_id, expires_in_seconds=60),
    "GetFieldCheckSettings": lambda w: m.GetFieldCheckSettingsRequest(),
    "UpdateFieldCheckSettings": lambda w: field_checks(),
}


# Spoilt requests the owning service answers wrongly today, each the same defect as a table
# entry marked `defect`: (what, does this request show it). The fuzz xfails on these alone
# and still fails on anything else it finds.
KNOWN_FUZZ_DEFECTS: dict[str, tuple[str, Callable[[bytes], bool]]] = {}


# --- entries every call gets, from its descriptor ---------------------------------------------


def request_class(call: str) -> type[Message]:
    return message_factory.GetMessageClass(GATEWAY.methods_by_name[call].input_type)


def first_field(descriptor: Descriptor, kind: int, path: str = "") -> list[tuple[int, str]] | None:
    """The field numbers leading to the first field of `kind`, and its dotted path."""
    for f in descriptor.fields:
        here = f"{path}{f.name}"
        if f.type == kind:
            return [(f.number, here)]
        if f.type == FieldDescriptor.TYPE_MESSAGE and f.message_type.full_name.startswith("sales"):
            # the one element the spoilt bytes carry of a repeated message is element 0
            inside = f"{here}[0]." if f.is_repeated else f"{here}."
            deeper = first_field(f.message_type, kind, inside)
            if deeper:
                return [(f.number, here), *deeper]
    return None


def varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def nested(chain: list[tuple[int, str]], leaf: bytes) -> bytes:
    """`leaf` (a field's tag and value) wrapped in the messages that lead to it."""
    body = leaf
    for number, _ in reversed(chain[:-1]):
        body = varint(number << 3 | 2) + varint(len(body)) + body
    return body


def not_utf8(chain: list[tuple[int, str]]) -> bytes:
    number = chain[-1][0]
    return nested(chain, varint(number << 3 | 2) + varint(3) + b"\xff\xfe\xfd")


def unknown_enum(chain: list[tuple[int, str]]) -> bytes:
    number = chain[-1][0]
    return nested(chain, varint(number << 3) + varint(99))


def generic_entries(call: str) -> list[Bad]:
    method = GATEWAY.methods_by_name[call]
    wrap = (lambda body: [body]) if method.client_streaming else (lambda body: body)
    who = "rep" if call in ("UploadPhoto", "SubmitVisit", "AcceptLead", "DeclineLead") else "admin"
    entries = [
        bad(call, "no-token", lambda w: wrap(request_class(call)().SerializeToString()),
            UNAUTHENTICATED, as_="none"),
        bad(call, "truncated-message", lambda w: wrap(b"\x0a\xff\xff\xff\x0f"), IA, "request",
            as_=who),
    ]  # fmt: skip
    text = first_field(method.input_type, FieldDescriptor.TYPE_STRING)
    if text:
        entries.append(bad(call, "not-utf8", lambda w: wrap(not_utf8(text)), IA, text[-1][1],
                           as_=who))  # fmt: skip
    enum = first_field(method.input_type, FieldDescriptor.TYPE_ENUM)
    if enum:
        entries.append(bad(call, "unknown-enum", lambda w: wrap(unknown_enum(enum)), IA,
                           enum[-1][1], as_=who))  # fmt: skip
    return entries


def served(call: str) -> bool:
    """The gateway implements the call (not only the generated base, which answers
    UNIMPLEMENTED): calls declared ahead of their implementation join the sweep with it."""
    from sales.gateway.v1 import gateway_pb2_grpc
    from services.gateway.entrypoints.servicer import GatewayServicer

    return getattr(GatewayServicer, call) is not getattr(gateway_pb2_grpc.GatewayServicer, call)


SERVED = [m.name for m in GATEWAY.methods if served(m.name)]
NOT_SERVED = [m.name for m in GATEWAY.methods if not served(m.name)]


def all_entries() -> list[Bad]:
    return [*TABLE, *(e for call in SERVED for e in generic_entries(call))]
