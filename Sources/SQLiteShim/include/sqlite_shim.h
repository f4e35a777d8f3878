#pragma once
// Typed wrappers for SQLite's variadic process-wide settings (sqlite3_config), which Swift cannot call.
#include <sqlite3.h>

/// Turns off SQLite's memory statistics. Every allocation otherwise takes a global mutex to count
/// itself; the ledger's writer allocates on every statement. Must run before SQLite initializes
/// (before the process's first connection opens); returns SQLITE_MISUSE when it is too late, which
/// costs speed only, never correctness.
int tix_sqlite_disable_memstatus(void);
