"""P5: the demo distributor of the source's size, generated deterministically (generate.py)
and loaded through the services' own paths (load.py)."""
