"""The service's notion of today: business dates follow China Standard Time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BUSINESS_TIMEZONE = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return datetime.now(UTC)


# Set only by tests that walk through dates of the past, such as a year of
# monthly settlements; None means the real date.
frozen_today: date | None = None


def today() -> date:
    if frozen_today is not None:
        return frozen_today
    return datetime.now(BUSINESS_TIMEZONE).date()
