-- wrk prints p50/75/90/99 with --latency; make bench also needs p95 and the errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f p50=%.3f p95=%.3f p99=%.3f socket_errors=%d status_errors=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
