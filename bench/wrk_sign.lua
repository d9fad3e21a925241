-- wrk script for bench/signing.py: every request is a different voter's signature.
-- VOTERS_FILE holds one "cookie<TAB>csrf_token" line per signed-in voter; each wrk thread
-- takes its own slice, so no voter is used twice while the slice lasts.
local voters = {}
local next_index = 1
local last_index = 0
local path = os.getenv("SIGN_PATH")

function setup(thread)
  thread:set("thread_number", #threads_list + 1)
  table.insert(threads_list, thread)
end

threads_list = {}

function init(args)
  local all = {}
  for line in io.lines(os.getenv("VOTERS_FILE")) do
    local cookie, token = line:match("([^\t]+)\t([^\t]+)")
    table.insert(all, {cookie, token})
  end
  local count = tonumber(os.getenv("WRK_THREADS"))
  local n = tonumber(thread_number)
  local size = math.floor(#all / count)
  for i = (n - 1) * size + 1, n * size do
    table.insert(voters, all[i])
  end
  last_index = #voters
end

function request()
  local voter = voters[math.min(next_index, last_index)]
  next_index = next_index + 1
  local headers = {}
  headers["Cookie"] = voter[1]
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", path, headers, "confirm=y&csrf_token=" .. voter[2])
end
