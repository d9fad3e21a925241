import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/petitions/0",
        "/petitions/2147483648",
        "/petitions/99999999999999999999999/receipt",
        "/deputies/9223372036854775808",
        "/commission/petitions/2147483648",
        "/api/v1/petitions/99999999999999",
    ],
)
def test_an_id_outside_the_database_range_is_404_not_an_overflow(client, path):
    assert client.get(path).status_code == 404


def test_a_post_to_an_overflowing_id_is_404(client):
    assert client.post("/petitions/99999999999999999999999/sign").status_code == 404
