"""The card's collaborators, wired to the real capabilities: plans (visits-a), samples,
approvals and returns (visits-b2), and media for the photos it names."""

from __future__ import annotations

from services.visits.adapters.media_photos import MediaPhotoDirectory
from services.visits.application import approvals, plans, returns, samples
from services.visits.application.card_collaborators import CardCollaborators


def collaborators(media) -> CardCollaborators:
    return CardCollaborators(
        photos=MediaPhotoDirectory(media),
        close_plan_item=plans.close_item_for_visit,
        todays_plan_item=plans.todays_item,
        reserve_samples=samples.reserve_for_card,
        confirm_samples=samples.confirm_for_card,
        release_samples=samples.release,
        open_approval=approvals.open_for_card,
        record_returns=returns.record_for_card,
    )
