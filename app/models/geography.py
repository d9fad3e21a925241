"""Where seats are: regions, representative bodies, constituencies and polling stations."""

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, enum_column


class LocalizedNameMixin:
    """Official names in English, Russian and Kazakh; English is always present."""

    name: Mapped[str] = mapped_column(sa.String(200))
    name_ru: Mapped[str | None] = mapped_column(sa.String(200))
    name_kk: Mapped[str | None] = mapped_column(sa.String(200))

    def localized_name(self, locale: str) -> str:
        return {"ru": self.name_ru, "kk": self.name_kk}.get(locale) or self.name


class RegionKind(enum.StrEnum):
    OBLAST = "oblast"
    CITY = "city"  #: a city of republican significance (Astana, Almaty, Shymkent)


class Region(LocalizedNameMixin, Base):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    kind: Mapped[RegionKind] = mapped_column(enum_column(RegionKind, "region_kind"))

    def __repr__(self) -> str:
        return f"<Region {self.code}>"


class BodyKind(enum.StrEnum):
    MAZHILIS = "mazhilis"
    REGIONAL_MASLIKHAT = "regional_maslikhat"
    CITY_MASLIKHAT = "city_maslikhat"
    DISTRICT_MASLIKHAT = "district_maslikhat"


class Body(LocalizedNameMixin, Base):
    """A representative body with single-mandate seats, e.g. a district maslikhat."""

    __tablename__ = "bodies"
    __table_args__ = (
        sa.CheckConstraint(
            "single_mandate_seats >= 0 AND single_mandate_seats <= total_seats", "seats"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    kind: Mapped[BodyKind] = mapped_column(enum_column(BodyKind, "body_kind"))
    #: Null for the Mazhilis, which is national.
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"), index=True)
    #: Code of the recall rule set that governs this body's deputies (see app/rules).
    rule_set_code: Mapped[str] = mapped_column(sa.String(64))
    total_seats: Mapped[int]
    single_mandate_seats: Mapped[int]

    region: Mapped[Region | None] = relationship()

    def __repr__(self) -> str:
        return f"<Body {self.code}>"


class Constituency(LocalizedNameMixin, Base):
    """A single-mandate territorial electoral district of one body."""

    __tablename__ = "constituencies"
    __table_args__ = (
        sa.UniqueConstraint("body_id", "number"),
        sa.CheckConstraint("number > 0", "number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    number: Mapped[int]
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id"))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"), index=True)

    body: Mapped[Body] = relationship()
    region: Mapped[Region] = relationship()

    def __repr__(self) -> str:
        return f"<Constituency {self.code}>"


class PollingStation(Base):
    """A polling station, as the voter register names it inside a constituency."""

    __tablename__ = "polling_stations"
    __table_args__ = (sa.UniqueConstraint("constituency_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    constituency_id: Mapped[int] = mapped_column(sa.ForeignKey("constituencies.id"))
    number: Mapped[str] = mapped_column(sa.String(32))

    constituency: Mapped[Constituency] = relationship()


class StationConstituency(Base):
    """The station map: the constituency of one body that a polling station's voters belong to.

    A voter's register row names one constituency (of the body the register was drawn up for)
    and their polling station; the map gives the constituency of every other body (a regional
    maslikhat over a city maslikhat, say). Stations are numbered within a region, so a station
    is its region and number; the database keeps one constituency per station and body.
    """

    __tablename__ = "station_constituencies"
    __table_args__ = (sa.UniqueConstraint("region_id", "station", "body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"))
    station: Mapped[str] = mapped_column(sa.String(32))
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id"))
    constituency_id: Mapped[int] = mapped_column(sa.ForeignKey("constituencies.id"), index=True)

    constituency: Mapped[Constituency] = relationship()
