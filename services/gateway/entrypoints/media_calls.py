"""Gateway calls for media's photo views and field-check thresholds (SPEC M2, M5). A photo
outside the caller's scope does not exist for them: a rep sees their own photos, a supervisor
the team's, a director or admin the tenant's. Thresholds: admins and directors read them,
admins change them. (UploadPhoto, the streamed upload, is in servicer.py with the visit card.)"""

from __future__ import annotations

from sales.media.v1 import media_pb2
from services.common.errors import DomainError, NotFound
from services.gateway.domain.principal import Principal, Role, require_self_or_scope
from services.gateway.entrypoints.calls import CALL_TIMEOUT_S, GatewayCalls, rpc


class MediaCalls(GatewayCalls):
    async def _photo_in_scope(self, principal: Principal, rep_id: str, photo_id: str) -> None:
        try:
            require_self_or_scope(
                principal, rep_id, await self._supervisor_of(principal.tenant_id, rep_id)
            )
        except DomainError:
            raise NotFound(f"照片 {photo_id} 不存在") from None

    @rpc
    async def GetPhoto(self, request: media_pb2.GetPhotoRequest, context, principal: Principal):
        request.tenant_id = principal.tenant_id
        photo = await self.services.media.GetPhoto(request, timeout=CALL_TIMEOUT_S)
        await self._photo_in_scope(principal, photo.rep_id, request.photo_id)
        return photo

    @rpc
    async def GetPhotoUrls(
        self, request: media_pb2.GetPhotoUrlsRequest, context, principal: Principal
    ):
        """Media signs the URLs locally and names the photo's rep; a URL leaves the gateway
        only after the scope check on that rep has passed."""
        request.tenant_id = principal.tenant_id
        urls = await self.services.media.GetPhotoUrls(request, timeout=CALL_TIMEOUT_S)
        await self._photo_in_scope(principal, urls.rep_id, request.photo_id)
        return urls

    @rpc
    async def GetFieldCheckSettings(
        self, request: media_pb2.GetFieldCheckSettingsRequest, context, principal: Principal
    ):
        principal.require(Role.ADMIN, Role.DIRECTOR)
        request.tenant_id = principal.tenant_id
        return await self.services.media.GetFieldCheckSettings(request, timeout=CALL_TIMEOUT_S)

    @rpc
    async def UpdateFieldCheckSettings(
        self, request: media_pb2.FieldCheckSettings, context, principal: Principal
    ):
        principal.require(Role.ADMIN)
        request.tenant_id, request.updated_by = principal.tenant_id, principal.person_id
        return await self.services.media.UpdateFieldCheckSettings(request, timeout=CALL_TIMEOUT_S)
