"""The public directory: bodies, regions, constituencies and deputies."""
