"""Limits on what assignment stores and on what its filters take (issue 7's outside testing):
every stored string has a length limit, a rule's lists a size limit, ids are named when they
are missing, phone digits are ASCII, and an unknown status filter is refused."""

from __future__ import annotations

import pytest

from sales.assignment.v1 import assignment_pb2 as pb
from services.assignment.application import rules as rules_app
from services.assignment.domain.model import LeadStatus
from services.assignment.domain.rules import MAX_REGION_CODES, Rule, RuleMatch, validate_rule
from services.assignment.domain.validation import KNOWN_CHANNELS, validate_lead
from services.assignment.entrypoints.mapping import status_filter
from services.common.errors import InvalidArgument
from tests.fakes.assignment import NOW, TENANT, fake_uow, make_lead


def fields(error: pytest.ExceptionInfo[InvalidArgument]) -> list[str]:
    return [v.field for v in error.value.violations]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact_name": "王" * 51}, "contact_name"),
        ({"address": "路" * 201}, "address"),
        ({"store_id": "s" * 65}, "store_id"),
        ({"phone": "1380013800０"}, "phone"),  # a full-width digit
        ({"phone": "１３８００１３８０００"}, "phone"),
        ({"phone": "138001380٠٠"}, "phone"),  # Arabic-Indic digits
    ],
)
def test_a_lead_over_a_limit_is_refused_by_field(changes: dict, field: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_lead(make_lead(1, **changes))
    assert fields(refused) == [field]


def test_a_lead_at_the_limits_passes() -> None:
    validate_lead(make_lead(1, contact_name="王" * 50, address="路" * 200, store_id="s" * 64))


def rule(**changes) -> Rule:
    return Rule(TENANT, "hz", 0, 1, changes.pop("name", "杭州"), True, **changes)


def test_a_rule_name_and_its_lists_have_limits() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_rule(rule(name="名" * 51), KNOWN_CHANNELS)
    assert fields(refused) == ["rule.name"]
    many = RuleMatch(region_codes=("330100",) * (MAX_REGION_CODES + 1))
    with pytest.raises(InvalidArgument) as refused:
        validate_rule(rule(match=many), KNOWN_CHANNELS)
    assert fields(refused) == ["rule.match.region_codes"]  # the list, not 101 items
    validate_rule(
        rule(match=RuleMatch(region_codes=("330100",) * MAX_REGION_CODES)), KNOWN_CHANNELS
    )
    with pytest.raises(InvalidArgument) as refused:
        validate_rule(rule(match=RuleMatch(channels=("referral",) * 21)), KNOWN_CHANNELS)
    assert fields(refused) == ["rule.match.channels"]


def test_deleting_a_rule_names_a_missing_id() -> None:
    with pytest.raises(InvalidArgument) as refused:
        rules_app.delete_rule(fake_uow(), TENANT, "", 1, "admin", NOW)
    assert fields(refused) == ["rule_id"]


def test_a_status_filter_is_a_status_or_none() -> None:
    assert status_filter(pb.LEAD_STATUS_UNSPECIFIED) is None
    assert status_filter(pb.LEAD_STATUS_WAITING) == LeadStatus.WAITING
    with pytest.raises(InvalidArgument) as refused:
        status_filter(9)
    assert fields(refused) == ["status"]
