"""Use case: analyse the photos whose job is due (M2-M4), off the upload's path.

Any replica may run it. A job is claimed with one conditional update; its result, the job's
end and the events are committed in one transaction that first checks the claim is still
ours, so a photo is analysed and announced exactly once even if a slow replica's claim ran out
and another took the job over (the slow one's commit is refused and rolled back).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from services.common.clock import Clock
from services.media.application import event_payloads
from services.media.application.analysis_steps import STEPS, AnalysisRun, AnalysisTools
from services.media.application.ports import (
    ImageDecoder,
    MediaTransaction,
    MediaUnitOfWork,
    PhotoRepository,
)
from services.media.domain.analysis import AnalysisJob, JobState, PhotoAnalysis
from services.media.domain.model import Photo
from services.media.domain.settings import FieldCheckSettings

log = logging.getLogger(__name__)


class ClaimLost(Exception):
    """Another replica took the job over after our claim ran out: our result is not written."""


@dataclass(frozen=True)
class Analysed:
    photo_id: str
    status: str  # "done" | "retry" | "failed" | "lost"
    analysis: PhotoAnalysis | None = None
    kind: str = ""


def analyse_due_photos(
    uow: MediaUnitOfWork,
    images: ImageDecoder,
    tools: AnalysisTools,
    clock: Clock,
    token: str,
    limit: int = 4,
) -> list[Analysed]:
    """Claim up to `limit` due jobs and analyse them one by one (`token` names this replica)."""
    repo: PhotoRepository = uow.repository()
    done: list[Analysed] = []
    for job in repo.due_jobs(clock.now(), limit):
        now = clock.now()
        claimed = job.claimed(token, now)
        if repo.claim_job(claimed, now):
            done.append(analyse_claimed(uow, images, tools, claimed, clock))
    return done


def analyse_claimed(
    uow: MediaUnitOfWork,
    images: ImageDecoder,
    tools: AnalysisTools,
    job: AnalysisJob,
    clock: Clock,
) -> Analysed:
    try:
        photo, analysis = _analyse(uow.repository(), images, tools, job, clock)
    except Exception as error:
        return _retry_later(uow, job, error, clock.now())
    return _commit(uow, photo, analysis, job)


def _analyse(
    repo: PhotoRepository,
    images: ImageDecoder,
    tools: AnalysisTools,
    job: AnalysisJob,
    clock: Clock,
) -> tuple[Photo, PhotoAnalysis]:
    photo = repo.get(job.photo_id)
    if photo is None:
        raise LookupError(f"photo {job.photo_id} of an analysis job is not stored")
    run = AnalysisRun(
        photo=photo,
        picture=images.open(tools.store.get(photo.object_key)),
        settings=settings_for(repo, photo.tenant_id),
        visit_store=repo.get_store(photo.tenant_id, photo.meta.store_id)
        if photo.meta.store_id
        else None,
        rep_name=_rep_name(repo, photo),
    )
    for step in STEPS:
        step(run, tools, repo)
    return photo, run.result(clock.now())


def settings_for(repo: PhotoRepository, tenant_id: str) -> FieldCheckSettings:
    return repo.get_settings(tenant_id) or FieldCheckSettings(tenant_id=tenant_id)


def _rep_name(repo: PhotoRepository, photo: Photo) -> str:
    person = repo.get_person(photo.tenant_id, photo.meta.rep_id)
    return person.name if person else photo.meta.rep_id


def _commit(
    uow: MediaUnitOfWork, photo: Photo, analysis: PhotoAnalysis, job: AnalysisJob
) -> Analysed:
    def work(tx: MediaTransaction) -> None:
        if not tx.repo.settle_job(replace(job, state=JobState.DONE), job.claim):
            raise ClaimLost(job.photo_id)
        tx.repo.save_analysis(analysis)  # its index entry was written before its lookup
        tx.emit("photo.analyzed", event_payloads.photo_analyzed(photo, analysis), photo.tenant_id)
        for flag in analysis.flags:
            payload = event_payloads.photo_flagged(photo, flag, analysis.analyzed_at)
            tx.emit("photo.flagged", payload, photo.tenant_id)

    try:
        uow.run(work, correlation_id=photo.photo_id)
    except ClaimLost:
        log.warning("analysis claim lost; result dropped", extra={"photo_id": photo.photo_id})
        return Analysed(photo.photo_id, "lost")
    kind = photo.meta.kind.value if photo.meta.kind else ""
    return Analysed(photo.photo_id, "done", analysis, kind)


def _retry_later(
    uow: MediaUnitOfWork, job: AnalysisJob, error: Exception, now: datetime
) -> Analysed:
    log.warning(
        "analysis failed", extra={"photo_id": job.photo_id, "attempt": job.attempts + 1},
        exc_info=error,
    )  # fmt: skip
    failed = job.after_failure(repr(error), now)
    uow.repository().settle_job(failed, job.claim)
    status = "failed" if failed.state == JobState.FAILED else "retry"
    return Analysed(job.photo_id, status)
