"""Reading report files: decoding, HTML to text, sidecar metadata (see ``docs/input.md``)."""

from warlog.ingest.files import RawDocument, document_id, iter_input_paths, read_document

__all__ = ["RawDocument", "document_id", "iter_input_paths", "read_document"]
