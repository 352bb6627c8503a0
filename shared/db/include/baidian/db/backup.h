#pragma once
// Online backup and restore of a Baidian database with SQLite's backup API: the source keeps
// serving readers and writers while it is copied.

#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <functional>
#include <string>

namespace baidian::db {

/// Pages copied so far and the database's page count, after each step of the copy.
using BackupProgress = std::function<void(int copied, int total)>;

/// Copies `source` (a live database: other connections and processes may write meanwhile) to
/// the file `target` as one consistent snapshot. The copy is written to `target.part`, checked
/// with `PRAGMA integrity_check`, fsync'd and only then renamed to `target`: a failed or
/// interrupted backup never leaves a half-written file under the target name, and an existing
/// `target` is replaced only by a complete, checked copy. The copy is created mode 0600 (its
/// owner only). Errors: Storage, naming the file.
Status backupDatabase(SQLite::Database& source, const std::string& target,
                      const BackupProgress& progress = {});

/// Replaces the contents of `target` with the backup file `backup`, after checking that the
/// backup opens, passes `PRAGMA integrity_check` and holds the table `required` (so that a
/// till's database is not restored over the server's). Nothing in `target` changes when a
/// check fails. The caller makes sure no other process is using `target` (stop the server).
/// Errors: Storage or InvalidArgument, naming the file and the reason.
Status restoreDatabase(const std::string& backup, SQLite::Database& target,
                       const std::string& required, const BackupProgress& progress = {});

} // namespace baidian::db
