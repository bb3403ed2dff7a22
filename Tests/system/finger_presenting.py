"""Putting fingers on the daemon's virtual reader, shared by the system tests that enroll a
finger. `POST /v1/demo/present` (`enrollctl demo present`) answers once the reader has
taken the image, and refuses while the reader is not waiting for a finger; so a new
impression can go as soon as a present is accepted, and a refused one is asked again."""

import time


def keep_presenting(enrollctl, done, finger, first_impression=1, limit=300):
    """Puts a new impression of synthetic `finger` on the reader each time it waits for one,
    until `done()` says stop (or `limit` seconds pass); returns how many were taken.
    `enrollctl(*args)` runs the command-line client against the daemon under test."""
    taken = 0
    deadline = time.monotonic() + limit
    while not done() and time.monotonic() < deadline:
        presented = enrollctl("demo", "present", "--synthetic", f"{finger}:{first_impression + taken}")
        if presented.returncode == 0:
            taken += 1
        else:
            time.sleep(0.1)  # the reader is not waiting (yet): ask again shortly
    return taken
