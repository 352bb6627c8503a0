#pragma once
// Secrets store-admin needs (passwords, PINs, the CA key's passphrase) come from standard input
// or a file, never from the command line, where every user of the machine sees them (ps).

#include "baidian/domain/result.h"

#include <string>

namespace baidian::admin {

/// One line of standard input without its line end. On a terminal, `prompt` is shown on
/// standard error and the typing is not echoed. Errors: InvalidArgument when standard input is
/// empty, saying `how` to give the secret.
Result<std::string> readSecretLine(const std::string& prompt, const std::string& how);

/// The first line of a file (a CA passphrase file). Errors: NotFound, InvalidArgument (empty).
Result<std::string> readSecretFile(const std::string& path);

} // namespace baidian::admin
