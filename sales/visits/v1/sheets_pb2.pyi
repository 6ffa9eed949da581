from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImportSheetRequest(_message.Message):
    __slots__ = ("tenant_id", "filename", "content", "imported_by")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_BY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    filename: str
    content: bytes
    imported_by: str
    def __init__(self, tenant_id: _Optional[str] = ..., filename: _Optional[str] = ..., content: _Optional[bytes] = ..., imported_by: _Optional[str] = ...) -> None: ...

class ImportRowError(_message.Message):
    __slots__ = ("field", "message")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    field: str
    message: str
    def __init__(self, field: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ImportRowResult(_message.Message):
    __slots__ = ("row", "status", "status_label", "key", "id", "errors")
    ROW_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    row: int
    status: str
    status_label: str
    key: str
    id: str
    errors: _containers.RepeatedCompositeFieldContainer[ImportRowError]
    def __init__(self, row: _Optional[int] = ..., status: _Optional[str] = ..., status_label: _Optional[str] = ..., key: _Optional[str] = ..., id: _Optional[str] = ..., errors: _Optional[_Iterable[_Union[ImportRowError, _Mapping]]] = ...) -> None: ...

class ImportSheetResponse(_message.Message):
    __slots__ = ("created", "updated", "unchanged", "duplicates", "failed", "rows", "summary")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    unchanged: int
    duplicates: int
    failed: int
    rows: _containers.RepeatedCompositeFieldContainer[ImportRowResult]
    summary: str
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ..., unchanged: _Optional[int] = ..., duplicates: _Optional[int] = ..., failed: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[ImportRowResult, _Mapping]]] = ..., summary: _Optional[str] = ...) -> None: ...
