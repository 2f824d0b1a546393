import strawberry

from graph.files.links import LINK_LIFETIME

_LINK_MINUTES = int(LINK_LIFETIME.total_seconds() // 60)


@strawberry.type(description="导出文件 (signed download link of an .xlsx export)")
class ExportFile:
    url: str = strawberry.field(
        description=f"下载地址 (relative URL on this server; valid {_LINK_MINUTES} "
        "minutes and only while the login session that asked for it lasts)"
    )
    file_name: str = strawberry.field(description="文件名 (file name)")
