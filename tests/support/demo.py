"""Facts the demo data must match."""

#: Mazhilis single-mandate districts per region at the 2023 elections (recall-law.md §7).
MAZHILIS_2023 = {
    "almaty": 3,
    "turkestan": 3,
    "astana": 2,
    "shymkent": 2,
    "almaty-region": 2,
    "zhambyl": 2,
    "karaganda": 2,
    "abai": 1,
    "akmola": 1,
    "aktobe": 1,
    "atyrau": 1,
    "east-kazakhstan": 1,
    "zhetysu": 1,
    "west-kazakhstan": 1,
    "kostanay": 1,
    "kyzylorda": 1,
    "mangystau": 1,
    "pavlodar": 1,
    "north-kazakhstan": 1,
    "ulytau": 1,
}
