"""The published site: generated Markdown, a Chinese search index, and MkDocs.

knowledge base → export_data → Markdown pages + search index + downloads
               → MkDocs (Material, strict) → staged folder → site/ (two renames)
"""

from kb.site.generate import write_site_docs
from kb.site.publish import SITE_DOCS, build_site

__all__ = ["SITE_DOCS", "build_site", "write_site_docs"]
