-- wrk script: the bare baseline, POST /bench/baseline (one SQLite insert, 204). Static, so wrk adds no per-request Lua.
wrk.method = "POST"
wrk.path = "/bench/baseline"
