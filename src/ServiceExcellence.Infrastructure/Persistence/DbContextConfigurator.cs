using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>Points the one DbContext at the configured provider and that provider's migrations assembly.</summary>
public static class DbContextConfigurator
{
    public const string SqliteMigrations = "ServiceExcellence.Migrations.Sqlite";
    public const string SqlServerMigrations = "ServiceExcellence.Migrations.SqlServer";

    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql
                    .MigrationsAssembly(SqlServerMigrations)
                    .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(10), errorNumbersToAdd: null));
                break;
            default:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations))
                    .AddInterceptors(ConnectionSettings);
                break;
        }
    }

    /// <summary>
    /// Makes a relative SQLite file path relative to the app's content root, and creates its folder.
    /// Microsoft.Data.Sqlite retries a busy database until the command timeout ("Default Timeout", 30 s),
    /// so writers queue for the lock instead of failing at once.
    /// </summary>
    public static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && !Path.IsPathRooted(path))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, path));
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
