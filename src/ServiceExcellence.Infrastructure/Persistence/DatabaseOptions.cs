namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "ServiceExcellence";
    public const string DefaultSqliteConnection = "Data Source=App_Data/serviceexcellence.db";

    /// <summary><c>Sqlite</c> (embedded default) or <c>SqlServer</c> (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts (EF's migration lock makes this safe with several instances).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo company into an empty database at start-up.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Rebuild the dashboards' rollups from the ratings at start-up even when they are not empty (after restoring a backup, say).</summary>
    public bool RebuildInsightOnStartup { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
