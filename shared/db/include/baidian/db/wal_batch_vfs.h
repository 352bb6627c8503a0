#pragma once

namespace baidian::db {

/// The name of a SQLite VFS that writes each transaction's WAL frames to the file in one
/// system call instead of two per page.
///
/// SQLite's WAL writer issues a pwrite for every frame header (24 bytes) and another for every
/// page, so a till sale touching 25 pages costs 50 system calls before its fsync; on this
/// project's virtual machines each costs several microseconds. This VFS wraps the default one
/// and, for WAL files only, gathers consecutive writes in memory and hands them to the real file
/// in one write:
///  - as soon as the frame that commits a transaction is complete (so other connections and
///    processes, which learn of the frames from the WAL index only after this, always find them
///    in the file, whatever the synchronous setting);
///  - before any other operation on the file (read, sync, truncate, size, file control, close);
///  - when a write does not follow on from the gathered ones, or 64 KiB are gathered (the
///    default VFS writes at most 128 KiB at a time).
/// A failed write is reported by the call that flushed it (the commit's, when it is the commit
/// frame), so SQLite rolls the transaction back exactly as if its own write had failed. Every
/// other file (the database, its shared memory, journals) is the default VFS's, untouched.
///
/// Registered once, process-wide, on first call (thread-safe); not made the default VFS.
const char* walBatchingVfs();

} // namespace baidian::db
