-- cmsgpack.pack of a ~1 KB job record, N times. Runs under
-- `redlua --redis-libs` and inside Redis (EVAL/EVALSHA); returns a checksum.
local N = 200000
local function make_job(i)
  return {
    id = "job:8f14e45fceea167a5a36dedd4bea" .. i, queue = "emails", class = "SendWelcomeEmail",
    attempts = 3, max_attempts = 25, priority = 10, created_at = 1732190400.125, enqueued_at = 1732190401.5,
    retry = true, backtrace = false, dead = false,
    args = {12345, "user@example.com", "Welcome to the service, dear customer!",
      {locale = "en_US", template = "welcome_v2", tags = {"onboarding", "email", "transactional"}}},
    meta = {host = "worker-07.prod.internal", pid = 48213, trace_id = "4bf92f3577b34da6a3ce929d0e0e4736",
      span_id = "00f067aa0ba902b7", region = "eu-west-1"},
    history = {{at = 1732190400.5, status = "queued"}, {at = 1732190401.25, status = "started"},
      {at = 1732190402.75, status = "failed", error = "SMTP timeout after 30s"}},
    payload = string.rep("lorem ipsum dolor sit amet ", 12),
  }
end
local value = make_job(1)
local total = 0
for _ = 1, N do
  total = total + #cmsgpack.pack(value)
end
return total
