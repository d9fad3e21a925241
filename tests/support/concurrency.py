"""Running calls at the same moment, each in its own thread, app context and session."""

import threading

from app.extensions import db


def in_parallel(app, *calls):
    """Run each call at the same moment in its own thread and app context; their exceptions."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        with app.app_context():
            barrier.wait()
            try:
                call()
            except Exception as error:
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
