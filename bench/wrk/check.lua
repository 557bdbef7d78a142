-- wrk script of bench/run: checks every body and prints one machine-readable summary line.
--
--   wrk -s check.lua URL -- KIND QUOTES_FILE
--
-- KIND is what URL answers: "page" (the frontend's two lines), "quote" (one quote and a
-- newline), "time" (a busybox date line and a newline) or "hello" (nginxdemos/hello's
-- plain text). QUOTES_FILE holds the known quotes, one a line. A 2xx answer whose body is not
-- what KIND must be, or a 1xx or 3xx answer, counts as wrong; wrk counts 4xx and 5xx itself.
-- A page with one part marked unavailable and the other one right is the contract's answer to
-- a slow or dead service: it counts as degraded, not as wrong.

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

-- busybox date: "Sat Nov 28 18:29:03 UTC 2026", the day of the month padded by a space
local DATE = "%u%l%l %u%l%l [ 1-3]%d %d%d:%d%d:%d%d %u+ %d%d%d%d"
-- a part the frontend gave up on: "unavailable (no answer within 1500 ms)"
local UNAVAILABLE = "^unavailable %(.+%)$"

local function read_quotes(path)
	local quotes = {}
	for line in io.lines(path) do
		local quote = line:match('^%s*"(.*)"%s*$') or line:match("^%s*(.-)%s*$")
		quote = quote:match("^%s*(.-)%s*$")
		if quote ~= "" then
			quotes[quote] = true
		end
	end
	return quotes
end

local checks = {
	quote = function(body, quotes)
		local quote = body:match("^(.*)\n$")
		return quote ~= nil and quotes[quote] == true
	end,
	time = function(body)
		return body:match("^" .. DATE .. "\n$") ~= nil
	end,
	page = function(body, quotes)
		local quote, time = body:match("^Quote: ([^\n]*)\nTime: ([^\n]*)\n$")
		if quote == nil then
			return false
		end
		local quote_ok, time_ok = quotes[quote] == true, time:match("^" .. DATE .. "$") ~= nil
		if quote_ok and time_ok then
			return true
		end
		local quote_unavailable, time_unavailable = quote:match(UNAVAILABLE) ~= nil, time:match(UNAVAILABLE) ~= nil
		return ((quote_ok and time_unavailable) or (quote_unavailable and time_ok)) and "degraded"
	end,
	hello = function(body)
		return body:match("^Server address: [%d.]+:%d+\nServer name: ") ~= nil and body:find("\nURI: /\n", 1, true) ~= nil
	end,
}

function init(args)
	kind = args[1]
	check = checks[kind]
	if check == nil then
		error("unknown kind " .. tostring(kind) .. ", expected page, quote, time or hello")
	end
	quotes = read_quotes(args[2])
	wrong = 0
	sample = nil
	degraded = 0
	degraded_sample = nil
end

function response(status, headers, body)
	local success = status >= 200 and status < 300
	local verdict = success and check(body, quotes)
	if verdict == "degraded" then
		degraded = degraded + 1
		degraded_sample = degraded_sample or body
	elseif (success and not verdict) or (not success and status < 400) then
		wrong = wrong + 1
		if sample == nil then
			sample = success and body or ("HTTP " .. status .. " " .. body)
		end
	end
end

function done(summary, latency, requests)
	local wrong, sample, degraded, degraded_sample = 0, nil, 0, nil
	for _, thread in ipairs(threads) do
		wrong = wrong + thread:get("wrong")
		sample = sample or thread:get("sample")
		degraded = degraded + thread:get("degraded")
		degraded_sample = degraded_sample or thread:get("degraded_sample")
	end
	local errors = summary.errors
	io.write(string.format(
		"BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket=%d wrong=%d degraded=%d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors.status,
		errors.connect + errors.read + errors.write + errors.timeout, wrong, degraded))
	-- On one line: %q writes a newline as a backslash and a newline.
	if sample ~= nil then
		io.write("BENCH-WRONG-SAMPLE " .. (string.format("%q", sample):gsub("\\\n", "\\n")) .. "\n")
	end
	if degraded_sample ~= nil then
		io.write("BENCH-DEGRADED-SAMPLE " .. (string.format("%q", degraded_sample):gsub("\\\n", "\\n")) .. "\n")
	end
end
