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

int walRead(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    WalFile* f = walFile(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xRead(f->real, out, amount, offset);
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

int walTruncate(sqlite3_file* file, sqlite3_int64 size) {
    WalFile* f = walFile(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xTruncate(f->real, size);
}

int walSync(sqlite3_file* file, int flags) {
    WalFile* f = walFile(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

int walFileSize(sqlite3_file* file, sqlite3_int64* size) {
    WalFile* f = walFile(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xFileSize(f->real, size);
}

int walLock(sqlite3_file* file, int level) {
    WalFile* f = walFile(file);
    return f->real->pMethods->xLock(f->real, level);
}

int walUnlock(sqlite3_file* file, int level) {
    WalFile* f = walFile(file);
    return f->real->pMethods->xUnlock(f->real, level);
}

int walCheckReservedLock(sqlite3_file* file, int* out) {
    WalFile* f = walFile(file);
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

int walFileControl(sqlite3_file* file, int op, void* arg) {
    WalFile* f = walFile(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

int walSectorSize(sqlite3_file* file) {
    WalFile* f = walFile(file);
    return f->real->pMethods->xSectorSize(f->real);
}

int walDeviceCharacteristics(sqlite3_file* file) {
    WalFile* f = walFile(file);
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

// Version 1: a WAL file is never memory-mapped and has no shared memory of its own (the WAL
// index belongs to the database file, which is the default VFS's).
const sqlite3_io_methods g_walMethods = {
    1,
    walClose,
    walRead,
    walWrite,
    walTruncate,
    walSync,
    walFileSize,
    walLock,
    walUnlock,
    walCheckReservedLock,
    walFileControl,
    walSectorSize,
    walDeviceCharacteristics,
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

int vfsDelete(sqlite3_vfs*, const char* name, int syncDir) {
    return g_real->xDelete(g_real, name, syncDir);
}
int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
    return g_real->xAccess(g_real, name, flags, out);
}
int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return g_real->xFullPathname(g_real, name, size, out);
}
void* vfsDlOpen(sqlite3_vfs*, const char* name) {
    return g_real->xDlOpen(g_real, name);
}
void vfsDlError(sqlite3_vfs*, int size, char* out) {
    g_real->xDlError(g_real, size, out);
}
void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return g_real->xDlSym(g_real, handle, symbol);
}
void vfsDlClose(sqlite3_vfs*, void* handle) {
    g_real->xDlClose(g_real, handle);
}
int vfsRandomness(sqlite3_vfs*, int size, char* out) {
    return g_real->xRandomness(g_real, size, out);
}
int vfsSleep(sqlite3_vfs*, int micros) {
    return g_real->xSleep(g_real, micros);
}
int vfsCurrentTime(sqlite3_vfs*, double* out) {
    return g_real->xCurrentTime(g_real, out);
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
        g_vfs.xDelete = vfsDelete;
        g_vfs.xAccess = vfsAccess;
        g_vfs.xFullPathname = vfsFullPathname;
        g_vfs.xDlOpen = vfsDlOpen;
        g_vfs.xDlError = vfsDlError;
        g_vfs.xDlSym = vfsDlSym;
        g_vfs.xDlClose = vfsDlClose;
        g_vfs.xRandomness = vfsRandomness;
        g_vfs.xSleep = vfsSleep;
        g_vfs.xCurrentTime = vfsCurrentTime;
        g_vfs.xGetLastError = vfsGetLastError;
        g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        if (sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK)
            name = g_vfs.zName;
    });
    return name;
}

} // namespace baidian::db
