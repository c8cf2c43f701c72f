#pragma once

class QCommandLineParser;

namespace ot::bench {

// `http --clients N[,N...] --orders M [--db URL]`: orders-mix through a real `ordertrail-cli
// serve`, once per client count; one JSON line each (BENCHMARKS.md).
int httpLoad(const QCommandLineParser &args);

} // namespace ot::bench
