"""Loaded with `-p tests.service.eventlet_first`, before any test module: nameko's test tools
need eventlet's monkey-patching in place before sockets and threads are imported."""

import eventlet

eventlet.monkey_patch()
