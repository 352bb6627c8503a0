#pragma once
// The server's TLS context: TLS 1.3 only, its certificate and the CA client certificates must
// chain to, session resumption that never outlives a certificate, and the handshake's check of
// the client certificate. Internal to baidian::net.

#include "baidian/domain/result.h"
#include "baidian/server/metrics.h"
#include "baidian/server/server.h"

#include <boost/asio/ssl.hpp>

namespace baidian::server {

/// Sets `tls` up from `config` (certFile, keyFile, caFile, tlsSessionLifetime, database for the
/// handshake's certificate look-ups); handshake refusals are counted in `metrics`, which must
/// outlive `tls`. Call once, before any handshake. Errors name the file or setting that failed.
Status setUpTlsContext(boost::asio::ssl::context& tls, const ServerConfig& config,
                       Metrics& metrics);

} // namespace baidian::server
