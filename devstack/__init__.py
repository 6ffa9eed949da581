"""Local development stack: the embedded infrastructure and the WeCom/DingTalk stand-in.

Nothing here is imported by the services; it exists so a fresh checkout (and the test suite)
can run against real protocols on 127.0.0.1 without Docker or internet access.
"""
