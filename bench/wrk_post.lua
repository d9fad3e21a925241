-- wrk script for the ceiling run of bench/signing.py: an empty form POST.
wrk.method = "POST"
wrk.body = ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
