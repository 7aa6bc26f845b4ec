using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// The database could not be had in time: SQLite stayed locked past its busy timeout, or SQL Server timed out
/// waiting for a lock or chose the request as a deadlock victim after its retries. The transaction was rolled
/// back, so nothing of the request was stored; the person is told to try again (503), not shown a fault.
/// </summary>
public static class DatabaseBusy
{
    public const string Message = "The database was busy and nothing was saved. Please try again in a moment.";

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case SqlException { Number: -2 or 1205 or 1222 }: // timeout, deadlock victim, lock request timeout
                    return true;
            }
        }

        return false;
    }
}
