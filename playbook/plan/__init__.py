"""The page plan: what each page shows, computed from a validated profile with no
site engine imported, so every engine builds the same site."""
