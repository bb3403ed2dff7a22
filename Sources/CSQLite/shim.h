#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: one fixed-argument form per use. */

/* Whether closing the last connection skips its WAL checkpoint (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE).
   The WAL then stays on disk and the next open recovers it; nothing committed is lost. */
static inline int CSQLite_setNoCheckpointOnClose(sqlite3 *db, int on) {
    int now = -1;
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on, &now);
    return rc == SQLITE_OK ? now : -1;
}
