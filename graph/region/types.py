import strawberry

from graph.region.models import Region


@strawberry.type(name="Region", description="统筹区 (pooling region)")
class RegionType:
    code: str = strawberry.field(description="行政区划代码 (division code)")
    name: str = strawberry.field(description="统筹区名称 (region name)")
    city_name: str = strawberry.field(description="所属城市 (city)")

    @classmethod
    def from_model(cls, region: Region) -> "RegionType":
        return cls(code=region.code, name=region.name, city_name=region.city_name)
