using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>
/// Settings SQLite keeps per connection, applied each time EF opens one. Memory-mapped reads let queries over
/// the alert and rating indexes read pages from the operating system's cache without a system call per page
/// (SQLite's own page cache is 2 MB per connection); writes and durability are unchanged.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size = 268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
