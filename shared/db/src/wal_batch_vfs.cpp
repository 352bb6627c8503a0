#include "baidian/db/wal_batch_vfs.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <new>
#include <sqlite3.h>
#include <vector>

namespace baidian::db {

namespace {

// SQLite's unix VFS writes at most 128 KiB - 1 in one call (it masks the length to 17 bits), so
// gathered bytes go out in pieces of at most 64 KiB. A till sale's frames (1 KiB pages) take
// about 26 KiB.
constexpr std::size_t kFlushAt = std::size_t{64} << 10;
constexpr sqlite3_int64 kWalHeaderBytes = 32; // the WAL file's own header
constexpr int kFrameHeaderBytes = 24;         // before each page in the WAL

sqlite3_vfs* g_real = nullptr; // the default VFS this one wraps
sqlite3_vfs g_vfs{};

/// A WAL file: our methods in front, the default VFS's file in the bytes after this struct.
struct WalFile {
    sqlite3_file base; // first: SQLite sees this
    sqlite3_file* real;
    std::vector<unsigned char>* pending; // gathered bytes, to be written at `pendingAt`
    sqlite3_int64 pendingAt;
    bool commitHeaderSeen; // the last write was the header of a transaction's commit frame
};

constexpr std::size_t kRealOffset = (sizeof(WalFile) + 15) / 16 * 16;

WalFile* walFile(sqlite3_file* file) {
    return reinterpret_cast<WalFile*>(file);
}

int flush(WalFile* f) {
    int rc = SQLITE_OK;
    const std::size_t size = f->pending->size();
    for (std::size_t done = 0; done < size && rc == SQLITE_OK; done += kFlushAt) {
        const std::size_t piece = std::min(kFlushAt, size - done);
        rc = f->real->pMethods->xWrite(f->real, f->pending->data() + done, static_cast<int>(piece),
                                       f->pendingAt + static_cast<sqlite3_int64>(done));
    }
    f->pending->clear();
    f->commitHeaderSeen = false;
    return rc;
}

int walClose(sqlite3_file* file) {
    WalFile* f = walFile(file);
    const int flushed = flush(f);
    const int closed = f->real->pMethods->xClose(f->real);
    delete f->pending;
    f->pending = nullptr;
    return flushed != SQLITE_OK ? flushed : closed;
}

int walWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    WalFile* f = walFile(file);
    auto& pending = *f->pending;
    if (!pending.empty() && offset != f->pendingAt + static_cast<sqlite3_int64>(pending.size())) {
        if (const int rc = flush(f); rc != SQLITE_OK)
            return rc;
    }
    const auto* bytes = static_cast<const unsigned char*>(data);
    const bool frameHeader = amount == kFrameHeaderBytes && offset >= kWalHeaderBytes;
    // A frame header's second word is the database size after a commit, zero otherwise.
    const bool commitHeader =
        frameHeader && (bytes[4] != 0 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0);
    const bool completesCommit = f->commitHeaderSeen && !frameHeader;
    try {
        if (pending.empty())
            f->pendingAt = offset;
        pending.insert(pending.end(), bytes, bytes + amount);
    } catch (const std::bad_alloc&) {
        if (const int rc = flush(f); rc != SQLITE_OK)
            return rc;
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    }
    f->commitHeaderSeen = commitHeader;
    if (completesCommit || pending.size() >= kFlushAt)
        return flush(f);
    return SQLITE_OK;
}

// The default VFS's own method for the file, on its file.
template <auto Method, typename... Args> int real(sqlite3_file* file, Args... args) {
    sqlite3_file* const r = walFile(file)->real;
    return (r->pMethods->*Method)(r, args...);
}

// Anything other than a write first puts the gathered bytes into the file, so that what SQLite
// reads, syncs, truncates or measures is what it wrote.
template <auto Method, typename... Args> int flushedReal(sqlite3_file* file, Args... args) {
    if (const int rc = flush(walFile(file)); rc != SQLITE_OK)
        return rc;
    return real<Method>(file, args...);
}

// Version 1: a WAL file is never memory-mapped and has no shared memory of its own (the WAL
// index belongs to the database file, which is the default VFS's).
const sqlite3_io_methods g_walMethods = {
    1,
    walClose,
    flushedReal<&sqlite3_io_methods::xRead, void*, int, sqlite3_int64>,
    walWrite,
    flushedReal<&sqlite3_io_methods::xTruncate, sqlite3_int64>,
    flushedReal<&sqlite3_io_methods::xSync, int>,
    flushedReal<&sqlite3_io_methods::xFileSize, sqlite3_int64*>,
    real<&sqlite3_io_methods::xLock, int>,
    real<&sqlite3_io_methods::xUnlock, int>,
    real<&sqlite3_io_methods::xCheckReservedLock, int*>,
    flushedReal<&sqlite3_io_methods::xFileControl, int, void*>,
    real<&sqlite3_io_methods::xSectorSize>,
    real<&sqlite3_io_methods::xDeviceCharacteristics>,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int vfsOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    if ((flags & SQLITE_OPEN_WAL) == 0)
        return g_real->xOpen(g_real, name, file, flags, outFlags);
    WalFile* f = walFile(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealOffset);
    f->real->pMethods = nullptr;
    f->pending = nullptr;
    f->pendingAt = 0;
    f->commitHeaderSeen = false;
    const int rc = g_real->xOpen(g_real, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods)
            f->real->pMethods->xClose(f->real);
        return rc;
    }
    f->pending = new (std::nothrow) std::vector<unsigned char>();
    if (!f->pending) {
        f->real->pMethods->xClose(f->real);
        return SQLITE_NOMEM;
    }
    f->base.pMethods = &g_walMethods;
    return SQLITE_OK;
}

// The default VFS's own method (it may look at its own sqlite3_vfs, so it gets that one).
template <auto Method, typename... Args> auto realVfs(sqlite3_vfs*, Args... args) {
    return (g_real->*Method)(g_real, args...);
}
int vfsGetLastError(sqlite3_vfs*, int size, char* out) {
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, size, out) : 0;
}
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
    if (g_real->iVersion >= 2 && g_real->xCurrentTimeInt64)
        return g_real->xCurrentTimeInt64(g_real, out);
    double days = 0;
    const int rc = g_real->xCurrentTime(g_real, &days);
    *out = static_cast<sqlite3_int64>(days * 86400000.0);
    return rc;
}

} // namespace

const char* walBatchingVfs() {
    static std::once_flag once;
    static const char* name = nullptr;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real)
            return;
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = "baidian-wal-batch";
        g_vfs.xOpen = vfsOpen;
        g_vfs.xDelete = realVfs<&sqlite3_vfs::xDelete, const char*, int>;
        g_vfs.xAccess = realVfs<&sqlite3_vfs::xAccess, const char*, int, int*>;
        g_vfs.xFullPathname = realVfs<&sqlite3_vfs::xFullPathname, const char*, int, char*>;
        g_vfs.xDlOpen = realVfs<&sqlite3_vfs::xDlOpen, const char*>;
        g_vfs.xDlError = realVfs<&sqlite3_vfs::xDlError, int, char*>;
        g_vfs.xDlSym = realVfs<&sqlite3_vfs::xDlSym, void*, const char*>;
        g_vfs.xDlClose = realVfs<&sqlite3_vfs::xDlClose, void*>;
        g_vfs.xRandomness = realVfs<&sqlite3_vfs::xRandomness, int, char*>;
        g_vfs.xSleep = realVfs<&sqlite3_vfs::xSleep, int>;
        g_vfs.xCurrentTime = realVfs<&sqlite3_vfs::xCurrentTime, double*>;
        g_vfs.xGetLastError = vfsGetLastError;
        g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        if (sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK)
            name = g_vfs.zName;
    });
    return name;
}

} // namespace baidian::db
