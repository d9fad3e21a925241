"""Operations on the whole database: re-encrypting stored IINs under a new key, backups."""
