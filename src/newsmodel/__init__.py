"""newsmodel: model news content and compute, as data, everything a news page shows."""

from newsmodel.body import Body
from newsmodel.errors import NewsModelError
from newsmodel.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    Extra,
    FeatureImage,
    Permalinks,
    Site,
    SocialProfile,
    SourceAttribution,
    Tag,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleStatus",
    "Author",
    "Body",
    "Byline",
    "Category",
    "Extra",
    "FeatureImage",
    "NewsModelError",
    "Permalinks",
    "Site",
    "SocialProfile",
    "SourceAttribution",
    "Tag",
    "__version__",
]
