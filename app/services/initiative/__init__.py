"""A citizen initiative: starting a recall petition, its initiative group, the statement,
filing and withdrawal."""
