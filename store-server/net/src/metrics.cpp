#include "baidian/server/metrics.h"

#include "baidian/crypto/secrets.h"

#include <algorithm>

namespace baidian::server {

namespace {
void metric(std::string& out, const char* name, const char* type, const char* help,
            std::uint64_t value, const char* labels = "") {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    out += std::string(name) + labels + " " + std::to_string(value) + "\n";
}
} // namespace

std::string Metrics::prometheus(std::uint64_t groups, std::uint64_t jobs,
                                std::uint64_t commitFailures, std::uint64_t jobsRefused) const {
    std::string out;
    metric(out, "baidian_http_requests_total", "counter", "HTTP requests received.",
           requests.load());
    out += "# HELP baidian_http_responses_total HTTP responses by status class.\n"
           "# TYPE baidian_http_responses_total counter\n";
    out +=
        "baidian_http_responses_total{class=\"2xx\"} " + std::to_string(responses2xx.load()) + "\n";
    out +=
        "baidian_http_responses_total{class=\"4xx\"} " + std::to_string(responses4xx.load()) + "\n";
    out +=
        "baidian_http_responses_total{class=\"5xx\"} " + std::to_string(responses5xx.load()) + "\n";
    metric(out, "baidian_tls_handshake_failures_total", "counter",
           "TLS handshakes that failed (bad, revoked or expired certificates, timeouts).",
           handshakeFailures.load());
    metric(out, "baidian_connections_open", "gauge", "Connections open now.",
           connectionsOpen.load());
    metric(out, "baidian_connections_total", "counter", "Connections accepted.",
           connectionsTotal.load());
    out += "# HELP baidian_connections_refused_total Connections closed as accepted, by the cap "
           "they passed.\n# TYPE baidian_connections_refused_total counter\n";
    out += "baidian_connections_refused_total{cap=\"total\"} " +
           std::to_string(connectionsRefusedTotal.load()) + "\n";
    out += "baidian_connections_refused_total{cap=\"per_address\"} " +
           std::to_string(connectionsRefusedPerAddress.load()) + "\n";
    metric(out, "baidian_certificate_refusals_total", "counter",
           "Requests refused because the certificate was revoked, expired or its outlet closed "
           "since the connection opened.",
           certificateRefusals.load());
    metric(out, "baidian_bodies_too_large_total", "counter",
           "Requests refused (413) before their body was read.", bodiesTooLarge.load());
    out += "# HELP baidian_sales_total Sales received, by outcome.\n# TYPE baidian_sales_total "
           "counter\n";
    out += "baidian_sales_total{outcome=\"stored\"} " + std::to_string(salesStored.load()) + "\n";
    out += "baidian_sales_total{outcome=\"duplicate\"} " + std::to_string(salesDuplicate.load()) +
           "\n";
    out += "baidian_sales_total{outcome=\"quarantined\"} " +
           std::to_string(salesQuarantined.load()) + "\n";
    metric(out, "baidian_journal_breaks_total", "counter",
           "Sales whose journal link did not match.", journalBreaks.load());
    metric(out, "baidian_sale_conflicts_total", "counter",
           "Sales sent again under a stored UUID with other content (kept, not stored).",
           saleConflicts.load());
    metric(out, "baidian_shift_report_conflicts_total", "counter",
           "Z reports for a stored shift id with other content (kept, not stored).",
           shiftConflicts.load());
    metric(out, "baidian_sequence_gaps", "gauge",
           "Sequence numbers missing from terminals' sales on the server (1..highest stored).",
           static_cast<std::uint64_t>(std::max<std::int64_t>(0, missingSeqs.load())));
    metric(out, "baidian_terminals_with_gaps", "gauge",
           "Terminals whose stored sales skip sequence numbers.",
           static_cast<std::uint64_t>(std::max<std::int64_t>(0, terminalsWithGaps.load())));
    metric(out, "baidian_sale_batches_total", "counter", "Sale batches committed.", batches.load());
    metric(out, "baidian_sale_batch_seconds_total", "counter",
           "Time spent applying sale batches, in microseconds / 1e6.",
           batchMicrosTotal.load() / 1000000);
    metric(out, "baidian_commit_groups_total", "counter",
           "Transactions committed by the group-commit writer.", groups);
    metric(out, "baidian_commit_jobs_total", "counter",
           "Writes committed by the group-commit writer.", jobs);
    metric(out, "baidian_commit_failures_total", "counter", "Group commits the database refused.",
           commitFailures);
    metric(out, "baidian_commit_jobs_refused_total", "counter",
           "Writes the group-commit writer refused because its queue was full.", jobsRefused);
    metric(out, "baidian_argon2_runs_total", "counter",
           "Password hashes made or checked (argon2id): one per login that reaches a check, "
           "whether the name exists or not.",
           crypto::argon2Runs());
    out += "# HELP baidian_logins_refused_total Logins refused, by reason (throttled and pool_full "
           "without a password check).\n# TYPE baidian_logins_refused_total counter\n";
    out += "baidian_logins_refused_total{reason=\"throttled\"} " +
           std::to_string(loginsThrottled.load()) + "\n";
    out += "baidian_logins_refused_total{reason=\"pool_full\"} " +
           std::to_string(loginsPoolFull.load()) + "\n";
    out += "baidian_logins_refused_total{reason=\"wrong_password\"} " +
           std::to_string(loginsFailed.load()) + "\n";
    out += "# HELP baidian_uploads_refused_total Tills' writes answered 503 before they were "
           "queued, by the cap they passed.\n# TYPE baidian_uploads_refused_total counter\n";
    out += "baidian_uploads_refused_total{cap=\"outlet_in_flight\"} " +
           std::to_string(uploadsRefusedOutlet.load()) + "\n";
    out += "baidian_uploads_refused_total{cap=\"writer_queue\"} " +
           std::to_string(uploadsRefusedWriter.load()) + "\n";
    return out;
}

} // namespace baidian::server
