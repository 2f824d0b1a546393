from dataclasses import dataclass

from graph.core.api_errors import BadUserInput

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageRequest:
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_request(page: int, page_size: int) -> PageRequest:
    """Check paging arguments; a page size above the cap is an error, not a clamp."""
    if page < 1:
        raise BadUserInput(f"页码 page 应从 1 开始，实际为 {page}")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadUserInput(
            f"每页条数 pageSize 应在 1 到 {MAX_PAGE_SIZE} 之间，实际为 {page_size}"
        )
    return PageRequest(page=page, page_size=page_size)
